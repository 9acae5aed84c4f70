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

/// Where the definitions come from: the source articles, cited by their own titles.
pub mod sources {
    use crate::registry::{Article, Source};

    /// The Traditional Chinese article on the marketing KPIs to track.
    pub const A_TRACK: Article = Article { title: "您應該跟踪的營銷 KPI", lang: "zh-Hant" };
    /// The Simplified Chinese article (i 播族) in which 16 companies share their custom KPIs. The
    /// text carries no headline, so it is cited by its opening words.
    pub const A_CUSTOM: Article = Article { title: "自定义关键绩效指标(KPI)", lang: "zh-Hans" };
    /// The Norwegian article on measuring marketing effectiveness.
    pub const A_EFFECTIVENESS: Article = Article { title: "Hvordan Måle Markedsføringseffektivitet", lang: "nb" };
    /// The Simplified Chinese (partly English) article on why digital marketing KPIs matter.
    pub const A_DIGITAL: Article = Article { title: "为什么 数字营销kpi 重要的?", lang: "zh-Hans" };
    /// The Traditional Chinese article on MarketingOps KPIs.
    pub const A_MOPS: Article = Article { title: "9 個關鍵行銷營運 KPI 和指標", lang: "zh-Hant" };

    const fn from(articles: &'static [Article], note: &'static str) -> Source {
        Source { articles, note }
    }

    /// The marketing KPIs to track, as defined there.
    pub const TRACK_10: Source = from(&[A_TRACK], "");
    /// The custom KPIs of 16 companies.
    pub const CUSTOM_16: Source = from(&[A_CUSTOM], "");
    /// Measuring marketing effectiveness.
    pub const EFFECTIVENESS_NO: Source = from(&[A_EFFECTIVENESS], "");
    /// Digital marketing KPIs.
    pub const DIGITAL_5: Source = from(&[A_DIGITAL], "");
    /// MarketingOps KPIs and metrics.
    pub const MOPS_9: Source = from(&[A_MOPS], "");

    // Where the articles name a KPI without its formula, the row cites the article and
    // the field's standard definition it adopts (docs/catalogue.md gives the details).

    /// CPM: impressions from the digital-KPI article; the per-thousand convention is the ad industry's.
    pub const CPM: Source = from(&[A_DIGITAL], "impressions served; cost per mille: IAB glossary convention");
    /// Engagement rate: the articles count likes, shares and comments; the denominator is the usual one.
    pub const ENGAGEMENT: Source =
        from(&[A_TRACK, A_EFFECTIVENESS], "likes, shares, comments; per-impression rate: Hootsuite / Sprout Social convention");
    /// NPS: named in the articles; the bands and scale are Reichheld's.
    pub const NPS: Source = from(&[A_TRACK, A_CUSTOM], "NPS named; bands and scale: Reichheld, HBR Dec 2003");
    /// LTV:CAC, compared in two articles.
    pub const LTV_CAC: Source = from(&[A_TRACK, A_MOPS], "compare LTV with CAC");
    /// CAC payback: the SaaS convention (CAC over monthly gross profit per customer).
    pub const CAC_PAYBACK: Source =
        from(&[A_TRACK, A_MOPS], "CAC against customer value; payback: SaaS convention, margin-adjusted");
    /// Retention-based CLV.
    pub const CLV_RETENTION: Source = from(
        &[A_EFFECTIVENESS],
        "lifetime value, retention; formula: Gupta & Lehmann, J. Interactive Marketing 17(1), 2003",
    );
    /// Share of voice.
    pub const SHARE_OF_VOICE: Source =
        from(&[A_CUSTOM, A_TRACK], "share of voice; brand and hashtag mentions");
    /// Campaign pacing and check-ins.
    pub const PACING: Source =
        from(&[A_TRACK], "campaign KPI progress: 10% of spend against 10% of target, check-in thresholds");
    /// Traffic-light rating.
    pub const STATUS: Source = from(&[A_CUSTOM, A_TRACK], "traffic-light account health; check-in thresholds");
    /// A/B tests: named in the tracking article; the test is the standard pooled two-proportion z-test.
    pub const AB_TEST: Source = from(
        &[A_TRACK],
        "split A/B test results; pooled two-proportion z-test (as statsmodels proportions_ztest)",
    );
    /// Multi-touch attribution.
    pub const ATTRIBUTION: Source = from(
        &[A_TRACK, A_CUSTOM],
        "attributing revenue (營銷收入歸屬); middle touches, 13–17 touches per lead; models: docs/attribution.md \
         (Anderl et al. 2016 for Markov removal effects; Shapley 1953)",
    );
    /// The probabilistic CLV models.
    pub const CLV_MODELS: Source = from(
        &[A_TRACK, A_EFFECTIVENESS, A_MOPS],
        "CLV beside CAC; models: docs/clv.md (Fader, Hardie & Lee 2005; Schmittlein, Morrison & Colombo 1987; \
         Fader, Hardie & Shang 2010); peer: lifetimes 0.11.3",
    );
    /// A/B sample size.
    pub const AB_SAMPLE: Source = from(
        &[A_TRACK],
        "split A/B tests; Fleiss, Levin & Paik, Statistical Methods for Rates and Proportions (3rd ed. 2003), \
         no continuity correction",
    );
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
