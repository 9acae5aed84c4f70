//! A/B (split) tests on conversion rates: uplift, p-value, sample size.
//!
//! Uplift is exact decimal arithmetic. The p-value and sample size need the normal
//! distribution, computed in f64 by [`super::normal`] (same bits natively and in WASM):
//! their inputs are formed exactly in decimal and rounded once to f64, so the results
//! carry about 15 significant digits (p-values below 1e-12 somewhat fewer; below
//! 1e-28 they show as 0).

use super::{normal, sources};
use crate::error::ErrorKind::{Div0, Num, Value, NA};
use crate::error::{KpiError, KpiResult};
use crate::num;
use crate::registry::{ex, ex_err, Function, Output, Param, ResultKind, Shape};
use crate::exact::Exact;

const CONV_A: Param = Param::amount("conversions_a", "Conversions in variant A, the control (a cell or a range of days).");
const VISITORS_A: Param = Param::amount("visitors_a", "Visitors who saw variant A.");
const CONV_B: Param = Param::amount("conversions_b", "Conversions in variant B, the challenger.");
const VISITORS_B: Param = Param::amount("visitors_b", "Visitors who saw variant B.");

/// ABTEST_UPLIFT, ABTEST_PVALUE, ABTEST_SAMPLE_SIZE.
pub const FUNCTIONS: &[Function] = &[
    Function {
        id: "ABTEST_UPLIFT",
        sheets_name: "ABTEST_UPLIFT",
        description: "A/B test uplift: relative change of B's conversion rate over A's, as a fraction (0.25 = B converts 25% better).",
        formula: "(rate B − rate A) / rate A",
        source: sources::AB_TEST,
        params: &[CONV_A, VISITORS_A, CONV_B, VISITORS_B],
        result: ResultKind::Fraction,
        shape: Shape::Value,
        examples: &[
            ex("ABTEST_UPLIFT(200, 10000, 250, 10000)", 0.25),
            ex("ABTEST_UPLIFT(100, 5000, 90, 4000)", 0.125),
            ex("ABTEST_UPLIFT(250, 10000, 200, 10000)", -0.2),
            ex("ABTEST_UPLIFT({120;80}, {6000;4000}, {130;120}, {5000;5000})", 0.25),
            ex("ABTEST_UPLIFT(3, 100, 4, 100)", 0.3333333333333333),
            ex_err("ABTEST_UPLIFT(0, 10000, 250, 10000)", Div0),
            ex_err("ABTEST_UPLIFT(200, 10000, 250, 0)", Num),
            ex_err("ABTEST_UPLIFT(200, 10000, 12000, 10000)", Num),
            ex_err("ABTEST_UPLIFT(200, 10000, \"250\", 10000)", Value),
            ex_err("ABTEST_UPLIFT(200, 10000, 250)", NA),
        ],
        eval: |a| {
            let (ca, va, cb, vb) = rates(a.num(0)?, a.num(1)?, a.num(2)?, a.num(3)?)?;
            // (cb/vb − ca/va) / (ca/va) = (cb·va − ca·vb) / (vb·ca): one exact division.
            let denominator = &vb * &ca;
            let numerator = &cb * &va - &ca * &vb;
            num::div(numerator, denominator, "Variant A has no conversions, so a relative uplift over it is undefined.")
                .map(Output::Number)
        },
    },
    Function {
        id: "ABTEST_PVALUE",
        sheets_name: "ABTEST_PVALUE",
        description: "A/B test p-value: two-proportion z-test with pooled variance. Two-tailed by default (any difference); \
                      tails = 1 tests whether B converts better than A. Below 0.05 is the usual bar for significance. \
                      Double precision: about 15 significant digits (fewer far in the tail).",
        formula: "z = (rate B − rate A) / √(p(1−p)(1/visitors A + 1/visitors B)), p pooled; p-value = 2·(1 − Φ(|z|)), or 1 − Φ(z) one-tailed",
        source: sources::AB_TEST,
        params: &[
            CONV_A,
            VISITORS_A,
            CONV_B,
            VISITORS_B,
            Param::number("tails", "2 (default) for a two-tailed test, 1 for the one-tailed test that B beats A.").or(2.0),
        ],
        result: ResultKind::Fraction,
        shape: Shape::Value,
        examples: &[
            // Expected p-values: the test's exact value, correctly rounded to a double, from
            // Python 3.11 + mpmath 1.4.1 at 50 digits: pool = (ca+cb)/(na+nb),
            // z = (cb/nb − ca/na) / sqrt(pool·(1−pool)·(1/na+1/nb)),
            // float(mpmath.erfc(abs(z)/mpmath.sqrt(2))) two-tailed, float(mpmath.erfc(z/mpmath.sqrt(2))/2) one-tailed.
            // statsmodels 0.15.0 `proportions_ztest([cb, ca], [nb, na])[1]` agrees to 1e-15
            // (0.07363827012030272, 0.03681913506015136 one-tailed, 0.32668325124120545, 0.9799130648557439).
            ex("ABTEST_PVALUE(30, 600, 45, 600)", 0.07363827012030265),
            ex("ABTEST_PVALUE(30, 600, 45, 600, 1)", 0.036819135060151324),
            ex("ABTEST_PVALUE(50, 1000, 60, 1000)", 0.3266832512412053),
            // B is worse, so "B beats A" is far from shown.
            ex("ABTEST_PVALUE(60, 1000, 40, 1000, 1)", 0.9799130648557439),
            // Ranges blend before testing: the same as (30, 600, 45, 600).
            ex("ABTEST_PVALUE({10;20}, {200;400}, {20;25}, {300;300})", 0.07363827012030265),
            ex("ABTEST_PVALUE(100, 1000, 100, 1000)", 1.0),
            ex_err("ABTEST_PVALUE(0, 1000, 0, 1000)", Div0),
            ex_err("ABTEST_PVALUE(0, 0, 250, 10000)", Div0),
            ex_err("ABTEST_PVALUE(200, 10000, 250, 10000, 3)", Num),
            ex_err("ABTEST_PVALUE(200, 100, 250, 10000)", Num),
            ex_err("ABTEST_PVALUE(200, 10000, 250, \"lots\")", Value),
            ex_err("ABTEST_PVALUE(200, 10000, 250)", NA),
        ],
        eval: |a| {
            let tails = a.num(4)?;
            let one_tailed = if tails == Exact::ONE {
                true
            } else if tails == Exact::int(2) {
                false
            } else {
                return Err(KpiError::num("Tails must be 1 (one-tailed: B beats A) or 2 (two-tailed)."));
            };
            let x = z_over_sqrt2(a.num(0)?, a.num(1)?, a.num(2)?, a.num(3)?)?;
            // Two-tailed 2·P(Z > |z|) = erfc(|z|/√2); one-tailed P(Z > z) = erfc(z/√2) / 2.
            let p = if one_tailed { 0.5 * normal::erfc(x) } else { normal::erfc(x.abs()) };
            probability(p).map(Output::Number)
        },
    },
    Function {
        id: "ABTEST_SAMPLE_SIZE",
        sheets_name: "ABTEST_SAMPLE_SIZE",
        description: "Visitors needed in each variant to detect a relative uplift of the baseline conversion rate with a \
                      two-sided two-proportion z-test at the given significance and power; rounded up. \
                      Fleiss's formula without continuity correction (as statsmodels' samplesize_proportions_2indep_onetail), \
                      normal quantiles in double precision.",
        formula: "n = ((z(1−α/2)·√(2p̄(1−p̄)) + z(power)·√(p₁(1−p₁) + p₂(1−p₂))) / (p₂ − p₁))², p₂ = p₁·(1 + uplift), p̄ = (p₁ + p₂)/2",
        source: sources::AB_SAMPLE,
        params: &[
            Param::rate("baseline_rate", "Current conversion rate of the control, above 0 and below 1 (0.05 = 5%)."),
            Param::number("uplift", "Smallest relative change worth detecting (0.1 = +10%; negative for a drop)."),
            Param::rate("alpha", "Significance level, the false-positive risk (0.05 = 5%).").or(0.05),
            Param::rate("power", "Chance of detecting a real uplift of that size, from 0.5 to below 1 (0.8 = 80%).").or(0.8),
        ],
        result: ResultKind::Count,
        shape: Shape::Value,
        examples: &[
            // Expected sizes: Python 3.11, statsmodels 0.15.0, `math.ceil(statsmodels.stats.proportion.
            // samplesize_proportions_2indep_onetail(diff=p2 - p1, prop2=p1, power=…, alpha=…, alternative='two-sided'))`.
            // diff=0.005, prop2=0.05, power=0.8, alpha=0.05 → 31233.43794013002 → 31234
            ex("ABTEST_SAMPLE_SIZE(5%, 10%)", 31234.0),
            // diff=0.02, prop2=0.1, power=0.8, alpha=0.05 → 3840.8474824362734 → 3841
            ex("ABTEST_SAMPLE_SIZE(0.1, 0.2)", 3841.0),
            // diff=0.02, prop2=0.1, power=0.9, alpha=0.01 → 7280.987881402503 → 7281
            ex("ABTEST_SAMPLE_SIZE(0.1, 0.2, 0.01, 0.9)", 7281.0),
            // diff=-0.01, prop2=0.1, power=0.8, alpha=0.05 → 13494.969706443555 → 13495
            ex("ABTEST_SAMPLE_SIZE(0.1, -0.1)", 13495.0),
            // diff=0.015, prop2=0.3, power=0.95, alpha=0.1 → 20481.865705973414 → 20482
            ex("ABTEST_SAMPLE_SIZE(0.3, 0.05, 0.1, 0.95)", 20482.0),
            ex_err("ABTEST_SAMPLE_SIZE(0.1, 0)", Div0),
            ex_err("ABTEST_SAMPLE_SIZE(0, 0.1)", Num),
            ex_err("ABTEST_SAMPLE_SIZE(0.6, 1)", Num),
            ex_err("ABTEST_SAMPLE_SIZE(0.1, 0.2, 0)", Num),
            ex_err("ABTEST_SAMPLE_SIZE(0.1, 0.2, 0.05, 0.3)", Num),
            ex_err("ABTEST_SAMPLE_SIZE(0.1, \"10%\")", Value),
            ex_err("ABTEST_SAMPLE_SIZE(0.1)", NA),
        ],
        eval: |a| sample_size(a.num(0)?, a.num(1)?, a.num(2)?, a.num(3)?).map(Output::Number),
    },
];

/// Checks both variants' conversions against their visitors and passes the four on.
fn rates(ca: Exact, va: Exact, cb: Exact, vb: Exact) -> KpiResult<(Exact, Exact, Exact, Exact)> {
    for (c, v, name) in [(&ca, &va, "A"), (&cb, &vb, "B")] {
        if c > v {
            return Err(KpiError::num(format!("Variant {name} has more conversions than visitors; check its two inputs.")));
        }
        if v.is_zero() {
            return Err(KpiError::div0(format!("Variant {name} has no visitors, so its conversion rate is undefined.")));
        }
    }
    Ok((ca, va, cb, vb))
}

/// The pooled two-proportion z statistic of B over A, divided by √2: the argument of
/// erfc. Its square, diff² / (2·variance), is formed exactly, so that f64 rounds only
/// twice (the square and its root) before erfc.
fn z_over_sqrt2(ca: Exact, va: Exact, cb: Exact, vb: Exact) -> KpiResult<f64> {
    let (ca, va, cb, vb) = rates(ca, va, cb, vb)?;
    // `rates` has ruled out zero visitors, so these divisions cannot hit their messages.
    let diff = num::div(&cb, &vb, "Variant B has no visitors.")? - num::div(&ca, &va, "Variant A has no visitors.")?;
    let pooled = num::div(&ca + &cb, &va + &vb, "No visitors.")?;
    let spread = num::div(Exact::ONE, &va, "Variant A has no visitors.")? + num::div(Exact::ONE, &vb, "Variant B has no visitors.")?;
    let twice_variance = &pooled * (Exact::ONE - &pooled) * spread * Exact::int(2);
    let half_z_squared = num::div(
        &diff * &diff,
        twice_variance,
        "Every visitor converted, or none did, in both variants together: there is no variation to test.",
    )?;
    let x = num::to_f64(&half_z_squared)?.sqrt();
    Ok(if diff.is_negative() { -x } else { x })
}

/// A probability in [0, 1], computed in f64, as an exact result: its own shortest digits,
/// so it reaches the sheet as exactly that double.
fn probability(p: f64) -> KpiResult<Exact> {
    num::to_exact(p)
}

/// Fleiss's per-variant sample size, rounded up.
fn sample_size(p1: Exact, uplift: Exact, alpha: Exact, power: Exact) -> KpiResult<Exact> {
    if p1.is_zero() || p1 == Exact::ONE {
        return Err(KpiError::num("The baseline rate must be above 0% and below 100%."));
    }
    if uplift.is_zero() {
        return Err(KpiError::div0("An uplift of zero can never be detected: give the smallest change worth finding."));
    }
    let p2 = &p1 * (Exact::ONE + &uplift);
    if p2.is_negative() || p2 > Exact::ONE {
        return Err(KpiError::num("The baseline rate with this uplift falls outside 0% to 100%."));
    }
    if alpha.is_zero() || alpha == Exact::ONE {
        return Err(KpiError::num("Alpha must be above 0 and below 1 (0.05 is usual)."));
    }
    let half = Exact::Dec(rust_decimal::Decimal::new(5, 1));
    if power < half || power == Exact::ONE {
        return Err(KpiError::num("Power must be from 0.5 to below 1 (0.8 is usual)."));
    }
    let mean = (&p1 + &p2) * &half;
    let null_variance = Exact::int(2) * &mean * (Exact::ONE - &mean);
    let alt_variance = &p1 * (Exact::ONE - &p1) + &p2 * (Exact::ONE - &p2);
    let z_alpha = normal::quantile((Exact::ONE - alpha * &half).to_f64());
    let z_power = normal::quantile(power.to_f64());
    let spread = z_alpha * null_variance.to_f64().sqrt() + z_power * alt_variance.to_f64().sqrt();
    let ratio = spread / (p2 - p1).to_f64();
    let per_variant = (ratio * ratio).ceil();
    // Beyond 2^53 visitors f64 no longer counts exactly; no real test gets near.
    if !per_variant.is_finite() || per_variant >= 9_007_199_254_740_992.0 {
        return Err(KpiError::num("The uplift is too small to detect with any realistic number of visitors."));
    }
    Ok(Exact::int(per_variant as i64))
}
