//! The KPIs, one module per family (as HyperFormula groups functions in plugins).
//!
//! A family module exposes `FUNCTIONS: &[Function]`: registry rows whose `eval`
//! unpacks bound inputs and calls a pure function on `rust_decimal`. Adding a KPI
//! is adding one row and one pure function.

use crate::error::{KpiError, KpiResult};
use crate::num;
use crate::registry::{Function, Output};
use rust_decimal::Decimal;

pub mod cost;
pub mod customer;
pub mod funnel;
pub mod returns;

/// Every family's rows, in the order the catalogue lists them.
pub const FAMILIES: &[&[Function]] = &[returns::FUNCTIONS, cost::FUNCTIONS, funnel::FUNCTIONS, customer::FUNCTIONS];

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
}

/// `numerator / denominator` as a result.
pub(crate) fn ratio(numerator: Decimal, denominator: Decimal, why_zero: &'static str) -> KpiResult<Output> {
    num::div(numerator, denominator, why_zero).map(Output::Number)
}

/// `part / whole` where the part is a subset of the whole: a part larger than the
/// whole is `#NUM!` (more clicks than impressions cannot happen).
pub(crate) fn share(
    part: Decimal,
    whole: Decimal,
    why_zero: &'static str,
    too_large: &'static str,
) -> KpiResult<Output> {
    if part > whole {
        return Err(KpiError::num(too_large));
    }
    ratio(part, whole, why_zero)
}
