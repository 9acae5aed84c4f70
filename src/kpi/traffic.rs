//! Website traffic and on-site engagement: bounce rate, pages per session, average
//! session duration, referral share.

use super::{ratio, share, sources};
use crate::error::ErrorKind::{Div0, Num, Ref, Value, NA};
use crate::registry::{ex, ex_err, Function, Param, ResultKind, Shape};

const SESSIONS: Param = Param::amount("sessions", "Sessions (visits) in the same period (a cell or a range).");

/// BOUNCE_RATE, PAGES_PER_SESSION, AVG_SESSION_DURATION, REFERRAL_SHARE.
pub const FUNCTIONS: &[Function] = &[
    Function {
        id: "BOUNCE_RATE",
        sheets_name: "BOUNCE_RATE",
        description: "Bounce rate: sessions that left after one page without any other action / all sessions, as a fraction.",
        formula: "single-page sessions / sessions",
        source: sources::MOPS_9,
        params: &[
            Param::amount("bounces", "Sessions that viewed one page and left without another action."),
            SESSIONS,
        ],
        result: ResultKind::Fraction,
        shape: Shape::Value,
        examples: &[
            ex("BOUNCE_RATE(450, 1000)", 0.45),
            ex("BOUNCE_RATE({300;150}, {600;400})", 0.45),
            ex("BOUNCE_RATE(1, 3)", 0.3333333333333333),
            ex_err("BOUNCE_RATE(1001, 1000)", Num),
            ex_err("BOUNCE_RATE(0, 0)", Div0),
            ex_err("BOUNCE_RATE(\"many\", 1000)", Value),
            ex_err("BOUNCE_RATE(, 1000)", NA),
        ],
        eval: |a| {
            share(
                a.num(0)?,
                a.num(1)?,
                "No sessions, so the bounce rate is undefined.",
                "There are more bounces than sessions; check the two inputs.",
            )
        },
    },
    Function {
        id: "PAGES_PER_SESSION",
        sheets_name: "PAGES_PER_SESSION",
        description: "Pages per session: page views / sessions, how deep visitors explore the site.",
        formula: "page views / sessions",
        source: sources::EFFECTIVENESS_NO,
        params: &[Param::amount("page_views", "Page views in the period (a cell or a range)."), SESSIONS],
        result: ResultKind::Count,
        shape: Shape::Value,
        examples: &[
            ex("PAGES_PER_SESSION(4500, 1500)", 3.0),
            ex("PAGES_PER_SESSION({1000;3500}, {500;1000})", 3.0),
            ex("PAGES_PER_SESSION(10, 3)", 3.3333333333333335),
            ex_err("PAGES_PER_SESSION(4500, 0)", Div0),
            ex_err("PAGES_PER_SESSION(-1, 10)", Num),
            ex_err("PAGES_PER_SESSION(4500, FALSE)", Value),
            ex_err("PAGES_PER_SESSION(4500)", NA),
        ],
        eval: |a| ratio(a.num(0)?, a.num(1)?, "No sessions, so pages per session is undefined."),
    },
    Function {
        id: "AVG_SESSION_DURATION",
        sheets_name: "AVG_SESSION_DURATION",
        description: "Average time on site: total session duration in seconds / sessions, in seconds.",
        formula: "total session seconds / sessions",
        source: sources::EFFECTIVENESS_NO,
        params: &[
            Param::amount("total_seconds", "Total duration of all sessions, in seconds (a cell or a range)."),
            SESSIONS,
        ],
        result: ResultKind::Seconds,
        shape: Shape::Value,
        examples: &[
            ex("AVG_SESSION_DURATION(90000, 500)", 180.0),
            ex("AVG_SESSION_DURATION({30000;60000}, {100;400})", 180.0),
            ex("AVG_SESSION_DURATION(100, 3)", 33.333333333333336),
            ex_err("AVG_SESSION_DURATION(90000, 0)", Div0),
            ex_err("AVG_SESSION_DURATION(-60, 2)", Num),
            ex_err("AVG_SESSION_DURATION(\"3 min\", 2)", Value),
            ex_err("AVG_SESSION_DURATION(, 2)", NA),
        ],
        eval: |a| ratio(a.num(0)?, a.num(1)?, "No sessions, so the average session duration is undefined."),
    },
    Function {
        id: "REFERRAL_SHARE",
        sheets_name: "REFERRAL_SHARE",
        description: "Referral traffic share: visits arriving from links on other sites / all visits, as a fraction.",
        formula: "referral visits / all visits",
        source: sources::TRACK_10,
        params: &[
            Param::amount("referral_visits", "Visits that came from links on other websites."),
            Param::amount("all_visits", "All visits in the same period, every source."),
        ],
        result: ResultKind::Fraction,
        shape: Shape::Value,
        examples: &[
            ex("REFERRAL_SHARE(1200, 8000)", 0.15),
            ex("REFERRAL_SHARE({500;700}, {3000;5000})", 0.15),
            ex("REFERRAL_SHARE(2, 3)", 0.6666666666666666),
            ex_err("REFERRAL_SHARE(9000, 8000)", Num),
            ex_err("REFERRAL_SHARE(0, 0)", Div0),
            ex_err("REFERRAL_SHARE(#REF!, 8000)", Ref),
            ex_err("REFERRAL_SHARE(\"x\", 8000)", Value),
            ex_err("REFERRAL_SHARE(1200, )", NA),
        ],
        eval: |a| {
            share(
                a.num(0)?,
                a.num(1)?,
                "No visits, so the referral share is undefined.",
                "There are more referral visits than visits; check the two inputs.",
            )
        },
    },
];
