//! Brand and market: NPS, market share, brand awareness, purchase intent.

use super::{share, sources};
use crate::error::ErrorKind::{Div0, Num, Value, NA};
use crate::error::{KpiError, KpiResult};
use crate::num;
use crate::registry::{ex, ex_err, Function, Output, Param, ResultKind, Shape};
use crate::exact::Exact;

/// NPS, MARKET_SHARE, BRAND_AWARENESS, PURCHASE_INTENT.
pub const FUNCTIONS: &[Function] = &[
    Function {
        id: "NPS",
        sheets_name: "NPS",
        description: "Net Promoter Score: % promoters (answers 9–10) − % detractors (0–6), from −100 to 100. \
                      Give a range of 0–10 survey answers, or three counts: promoters, passives, detractors.",
        formula: "100 × (promoters − detractors) / all respondents",
        source: sources::NPS,
        params: &[
            Param::series(
                "scores_or_promoters",
                "A range of 0–10 survey answers; or, when passives and detractors are given, the number of promoters (9–10).",
            ),
            Param::amount("passives", "Number of passives (answers 7–8); give it with detractors to use counts.").or_omitted(),
            Param::amount("detractors", "Number of detractors (answers 0–6).").or_omitted(),
        ],
        result: ResultKind::Score,
        shape: Shape::Value,
        examples: &[
            ex("NPS({10,9,9,8,7,6,10,2})", 25.0),
            ex("NPS(60, 25, 15)", 45.0),
            ex("NPS({50;10}, {20;5}, {10;5})", 45.0),
            ex("NPS({10,9,7})", 66.66666666666667),
            ex("NPS({1,2,3})", -100.0),
            ex("NPS({9;;10})", 100.0),
            ex_err("NPS({9,11})", Num),
            ex_err("NPS({9,7.5})", Num),
            ex_err("NPS(-1, 2, 3)", Num),
            ex_err("NPS(0, 0, 0)", Div0),
            ex_err("NPS(60, 25)", NA),
            ex_err("NPS({9,\"yes\"})", Value),
            ex_err("NPS()", NA),
        ],
        eval: |a| nps(a.series(0)?, a.opt_num(1)?, a.opt_num(2)?).map(Output::Number),
    },
    Function {
        id: "MARKET_SHARE",
        sheets_name: "MARKET_SHARE",
        description: "Market share: your sales / total sales of the market (you and competitors) in the same period, as a fraction.",
        formula: "own sales / total market sales",
        source: sources::TRACK_10,
        params: &[
            Param::amount("own_sales", "Your sales (revenue or units) in the period."),
            Param::amount("market_sales", "Sales of the whole market in the same unit and period, yours included."),
        ],
        result: ResultKind::Fraction,
        shape: Shape::Value,
        examples: &[
            ex("MARKET_SHARE(2500000, 20000000)", 0.125),
            ex("MARKET_SHARE({1000000;1500000}, {8000000;12000000})", 0.125),
            ex("MARKET_SHARE(1, 3)", 0.3333333333333333),
            ex_err("MARKET_SHARE(3, 2)", Num),
            ex_err("MARKET_SHARE(0, 0)", Div0),
            ex_err("MARKET_SHARE(\"big\", 2)", Value),
            ex_err("MARKET_SHARE(, 2)", NA),
        ],
        eval: |a| {
            share(
                a.num(0)?,
                a.num(1)?,
                "The market's total sales are zero, so market share is undefined.",
                "Your sales exceed the whole market's; the market total must include yours.",
            )
        },
    },
    Function {
        id: "BRAND_AWARENESS",
        sheets_name: "BRAND_AWARENESS",
        description: "Brand awareness: people in the target audience who know your brand / people asked, as a fraction (a survey measure).",
        formula: "aware respondents / respondents",
        source: sources::TRACK_10,
        params: &[
            Param::amount("aware", "Respondents from the target audience who know the brand."),
            Param::amount("respondents", "All respondents from the target audience."),
        ],
        result: ResultKind::Fraction,
        shape: Shape::Value,
        examples: &[
            ex("BRAND_AWARENESS(360, 1200)", 0.3),
            ex("BRAND_AWARENESS({200;160}, {600;600})", 0.3),
            ex("BRAND_AWARENESS(1, 3)", 0.3333333333333333),
            ex_err("BRAND_AWARENESS(1300, 1200)", Num),
            ex_err("BRAND_AWARENESS(0, 0)", Div0),
            ex_err("BRAND_AWARENESS(FALSE, 1200)", Value),
            ex_err("BRAND_AWARENESS(360)", NA),
        ],
        eval: |a| {
            share(
                a.num(0)?,
                a.num(1)?,
                "No respondents, so awareness is undefined.",
                "More respondents are aware than were asked; check the two inputs.",
            )
        },
    },
    Function {
        id: "PURCHASE_INTENT",
        sheets_name: "PURCHASE_INTENT",
        description: "Purchase intent: people who know your brand and intend to buy from you / people who know your brand, as a fraction.",
        formula: "intending respondents / aware respondents",
        source: sources::TRACK_10,
        params: &[
            Param::amount("intending", "Aware respondents who say they intend to buy from you."),
            Param::amount("aware", "Respondents who know the brand."),
        ],
        result: ResultKind::Fraction,
        shape: Shape::Value,
        examples: &[
            ex("PURCHASE_INTENT(90, 360)", 0.25),
            ex("PURCHASE_INTENT({40;50}, {200;160})", 0.25),
            ex("PURCHASE_INTENT(2, 3)", 0.6666666666666666),
            ex_err("PURCHASE_INTENT(400, 360)", Num),
            ex_err("PURCHASE_INTENT(0, 0)", Div0),
            ex_err("PURCHASE_INTENT(90, \"all\")", Value),
            ex_err("PURCHASE_INTENT(, 360)", NA),
        ],
        eval: |a| {
            share(
                a.num(0)?,
                a.num(1)?,
                "Nobody is aware of the brand, so purchase intent is undefined.",
                "More respondents intend to buy than know the brand; check the two inputs.",
            )
        },
    },
];

/// NPS from answers (`passives` and `detractors` omitted) or from three counts.
fn nps(first: &[Exact], passives: Option<Exact>, detractors: Option<Exact>) -> KpiResult<Exact> {
    let (promoters, detractors, respondents) = match (passives, detractors) {
        (None, None) => tally(first)?,
        (Some(passives), Some(detractors)) => {
            let mut promoters = Exact::ZERO;
            for count in first {
                if count.is_negative() {
                    return Err(KpiError::num("The number of promoters can't be negative."));
                }
                promoters = promoters + count;
            }
            let respondents = &promoters + passives + &detractors;
            (promoters, detractors, respondents)
        }
        _ => {
            return Err(KpiError::na(
                "Give both passives and detractors with the promoters, or only a range of 0–10 answers.",
            ))
        }
    };
    let net = (promoters - detractors) * Exact::int(100);
    num::div(net, respondents, "There are no respondents, so NPS is undefined.")
}

/// (promoters, detractors, respondents) from 0–10 answers.
fn tally(scores: &[Exact]) -> KpiResult<(Exact, Exact, Exact)> {
    let (nine, six, ten) = (Exact::int(9), Exact::int(6), Exact::int(10));
    let (mut promoters, mut detractors) = (0u64, 0u64);
    for score in scores {
        // A whole number from 0 to 10 is always a decimal; anything else is not an answer.
        let whole = score.as_decimal().is_some_and(|d| d.fract().is_zero());
        if score.is_negative() || *score > ten || !whole {
            return Err(KpiError::num(format!(
                "The answer {} is not a whole number from 0 to 10 (for counts, give promoters, passives and detractors).",
                score.to_f64()
            )));
        }
        if *score >= nine {
            promoters += 1;
        } else if *score <= six {
            detractors += 1;
        }
    }
    Ok((Exact::int(promoters as i64), Exact::int(detractors as i64), Exact::int(scores.len() as i64)))
}
