//! The KPIs, one module per family (as HyperFormula groups functions in plugins).
//!
//! A family module exposes `FUNCTIONS: &[Function]`: registry rows whose `eval`
//! unpacks bound inputs and calls a pure function on `rust_decimal`. Adding a KPI
//! is adding one row and one pure function.

use crate::error::{KpiError, KpiResult};
use crate::num;
use crate::registry::{Function, Output};
use crate::exact::Exact;
use std::borrow::Borrow;

pub mod abtest;
pub mod attribution;
pub mod brand;
pub mod clv;
pub mod cost;
pub mod customer;
pub mod funnel;
pub mod normal;
pub mod pipeline;
pub mod planning;
pub mod retention;
pub mod returns;
pub mod social;
pub mod traffic;

/// Every family's rows, in the order the catalogue lists them.
pub const FAMILIES: &[&[Function]] = &[
    returns::FUNCTIONS,
    cost::FUNCTIONS,
    funnel::FUNCTIONS,
    customer::FUNCTIONS,
    traffic::FUNCTIONS,
    social::FUNCTIONS,
    pipeline::FUNCTIONS,
    retention::FUNCTIONS,
    brand::FUNCTIONS,
    planning::FUNCTIONS,
    abtest::FUNCTIONS,
    attribution::FUNCTIONS,
    clv::bgnbd::FUNCTIONS,
    clv::pareto_nbd::FUNCTIONS,
    clv::bgbb::FUNCTIONS,
    clv::value::FUNCTIONS,
    clv::rfm::FUNCTIONS,
];

/// Where the definitions come from: the seed articles, by file.
pub mod sources {
    /// "10 marketing KPIs you should track" (Traditional Chinese).
    pub const TRACK_10: &str = "seeds/000 (10 marketing KPIs you should track)";
    /// "16 custom KPIs" (Simplified Chinese).
    pub const CUSTOM_16: &str = "seeds/001 (custom KPIs from 16 companies)";
    /// "How to measure marketing effectiveness" (Norwegian).
    pub const EFFECTIVENESS_NO: &str = "seeds/002 (Norwegian: measuring marketing effectiveness)";
    /// "Why digital marketing KPIs matter" (Simplified Chinese / English).
    pub const DIGITAL_5: &str = "seeds/003 (5 digital marketing KPIs)";
    /// "9 MarketingOps KPIs" (Traditional Chinese).
    pub const MOPS_9: &str = "seeds/004 (9 MarketingOps KPIs and metrics)";

    // Where the articles name a KPI without its formula, the row cites the article and
    // the field's standard definition it adopts (docs/catalogue.md gives the details).

    /// CPM: impressions from seeds/003; the per-thousand convention is the ad industry's.
    pub const CPM: &str = "seeds/003 (impressions served); cost per mille: IAB glossary convention";
    /// Engagement rate: the articles count likes, shares and comments; the denominator is the usual one.
    pub const ENGAGEMENT: &str =
        "seeds/000 and seeds/002 (likes, shares, comments); per-impression rate: Hootsuite / Sprout Social convention";
    /// NPS: named in the articles; the bands and scale are Reichheld's.
    pub const NPS: &str = "seeds/000 and seeds/001 (NPS named); bands and scale: Reichheld, HBR Dec 2003";
    /// LTV:CAC, compared in seeds/000 and seeds/004.
    pub const LTV_CAC: &str = "seeds/000 and seeds/004 (compare LTV with CAC)";
    /// CAC payback: the SaaS convention (CAC over monthly gross profit per customer).
    pub const CAC_PAYBACK: &str = "seeds/000 and seeds/004 (CAC vs customer value); payback: SaaS convention, margin-adjusted";
    /// Retention-based CLV.
    pub const CLV_RETENTION: &str =
        "seeds/002 (lifetime value, retention); formula: Gupta & Lehmann, J. Interactive Marketing 17(1), 2003";
    /// Share of voice.
    pub const SHARE_OF_VOICE: &str = "seeds/001 (share of voice) and seeds/000 (brand and hashtag mentions)";
    /// Campaign pacing and check-ins.
    pub const PACING: &str = "seeds/000 (campaign KPI progress: 10% of spend vs 10% of target, check-in thresholds)";
    /// Traffic-light rating.
    pub const STATUS: &str = "seeds/001 (traffic-light account health) and seeds/000 (check-in thresholds)";
    /// A/B tests: named in seeds/000; the test is the standard pooled two-proportion z-test.
    pub const AB_TEST: &str = "seeds/000 (split A/B test results); pooled two-proportion z-test (as statsmodels proportions_ztest)";
    /// Multi-touch attribution.
    pub const ATTRIBUTION: &str = "seeds/000 (營銷收入歸屬, attributing revenue), seeds/001 (middle touches; 13–17 touches per lead); \
                                   models: docs/attribution.md (Anderl et al. 2016 for Markov removal effects; Shapley 1953)";
    /// The probabilistic CLV models.
    pub const CLV_MODELS: &str = "seeds/000, seeds/002, seeds/004 (CLV beside CAC); models: docs/clv.md (Fader, Hardie & Lee 2005; \
                                  Schmittlein, Morrison & Colombo 1987; Fader, Hardie & Shang 2010); peer: lifetimes 0.11.3";
    /// A/B sample size.
    pub const AB_SAMPLE: &str =
        "seeds/000 (split A/B tests); Fleiss, Levin & Paik, Statistical Methods for Rates and Proportions (3rd ed. 2003), no continuity correction";
}

/// `numerator / denominator` as a result.
pub(crate) fn ratio(
    numerator: impl Borrow<Exact>,
    denominator: impl Borrow<Exact>,
    why_zero: &'static str,
) -> KpiResult<Output> {
    num::div(numerator, denominator, why_zero).map(Output::Number)
}

/// `part / whole` where the part is a subset of the whole: a part larger than the
/// whole is `#NUM!` (more clicks than impressions cannot happen).
pub(crate) fn share(
    part: Exact,
    whole: Exact,
    why_zero: &'static str,
    too_large: &'static str,
) -> KpiResult<Output> {
    if part > whole {
        return Err(KpiError::num(too_large));
    }
    ratio(part, whole, why_zero)
}
