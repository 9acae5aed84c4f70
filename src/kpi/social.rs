//! Social and conversation metrics: engagement rate, share of voice.

use super::{ratio, share, sources};
use crate::error::ErrorKind::{Div0, Num, Value, NA};
use crate::registry::{ex, ex_err, Function, Param, ResultKind, Shape};

/// ENGAGEMENT_RATE and SHARE_OF_VOICE.
pub const FUNCTIONS: &[Function] = &[
    Function {
        id: "ENGAGEMENT_RATE",
        sheets_name: "ENGAGEMENT_RATE",
        description: "Social engagement rate: engagements (likes, shares, comments…) / impressions or reach, as a fraction. \
                      Per-impression is the common definition; pass reach instead for engagement by reach. \
                      Not capped at 100%: one person can like, share and comment.",
        formula: "(engagements + more engagements…) / impressions",
        source: sources::ENGAGEMENT,
        params: &[
            Param::amount("engagements", "Likes, shares, comments, saves…: a cell or a range (several columns side by side are all summed)."),
            Param::amount("impressions", "Impressions (or reach, for engagement by reach) over the same posts."),
            Param::amount("more_engagements", "Another engagement range that is not next to the first (e.g. comments); omit if none.")
                .or(0.0),
            Param::amount("other_engagements", "A third engagement range (e.g. shares); omit if none.").or(0.0),
        ],
        result: ResultKind::Fraction,
        shape: Shape::Value,
        examples: &[
            ex("ENGAGEMENT_RATE({150,30,20}, 10000)", 0.02),
            ex("ENGAGEMENT_RATE(150, 10000, 30, 20)", 0.02),
            ex("ENGAGEMENT_RATE({100;50}, {6000;4000}, {10;20}, {15;5})", 0.02),
            ex("ENGAGEMENT_RATE(120, 100)", 1.2),
            ex("ENGAGEMENT_RATE(1, 3)", 0.3333333333333333),
            ex_err("ENGAGEMENT_RATE(150, 0)", Div0),
            ex_err("ENGAGEMENT_RATE(150, 10000, -30)", Num),
            ex_err("ENGAGEMENT_RATE(150, 10000, \"30 comments\")", Value),
            ex_err("ENGAGEMENT_RATE(150)", NA),
        ],
        eval: |a| {
            let engagements = (a.num(0)? + a.num(2)?) + a.num(3)?;
            ratio(engagements, a.num(1)?, "No impressions, so the engagement rate is undefined.")
        },
    },
    Function {
        id: "SHARE_OF_VOICE",
        sheets_name: "SHARE_OF_VOICE",
        description: "Share of voice: your brand's mentions / all mentions of brands in your category (yours included), as a fraction.",
        formula: "own mentions / all mentions in the category",
        source: sources::SHARE_OF_VOICE,
        params: &[
            Param::amount("own_mentions", "Mentions (or hashtag uses, or ad impressions) of your brand."),
            Param::amount("all_mentions", "Mentions of every brand in the category, yours included, same channels and period."),
        ],
        result: ResultKind::Fraction,
        shape: Shape::Value,
        examples: &[
            ex("SHARE_OF_VOICE(340, 2000)", 0.17),
            ex("SHARE_OF_VOICE({200;140}, {1200;800})", 0.17),
            ex("SHARE_OF_VOICE(1, 6)", 0.16666666666666666),
            ex_err("SHARE_OF_VOICE(2500, 2000)", Num),
            ex_err("SHARE_OF_VOICE(0, 0)", Div0),
            ex_err("SHARE_OF_VOICE(TRUE, 2000)", Value),
            ex_err("SHARE_OF_VOICE(340)", NA),
        ],
        eval: |a| {
            share(
                a.num(0)?,
                a.num(1)?,
                "No mentions in the category, so share of voice is undefined.",
                "Your mentions exceed all mentions in the category; the total must include yours.",
            )
        },
    },
];
