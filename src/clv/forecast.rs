//! A whole customer base's forecast, as `sheetkpi clv` gives it: the purchase model fitted
//! (BG/NBD, Pareto/NBD or BG/BB), Gamma-Gamma fitted too when repeat spend is known, then
//! per customer the expected purchases over a horizon, P(alive), the expected spend per
//! purchase and the discounted CLV. Pure: the same bits on every host.

use super::fit::Fit;
use super::value::discounted_clv;
use super::{bgbb, bgnbd, gamma_gamma, pareto_nbd, Customers};
use crate::error::{KpiError, KpiResult};

/// A purchase model.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Model {
    /// BG/NBD (Fader, Hardie & Lee 2005): continuous time.
    BgNbd,
    /// Pareto/NBD (Schmittlein, Morrison & Colombo 1987): continuous time.
    ParetoNbd,
    /// BG/BB (Fader, Hardie & Shang 2010): discrete opportunities (one per period).
    BgBb,
}

impl Model {
    /// The model names [`Model::parse`] accepts, as the CLI lists them.
    pub const NAMES: [&'static str; 3] = ["bgnbd", "pnbd", "bgbb"];

    /// `bgnbd`, `pnbd` (or `pareto_nbd`) or `bgbb`, any case, `-`/`/` ignored.
    pub fn parse(s: &str) -> Option<Model> {
        let k: String = s.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_lowercase()).collect();
        match k.as_str() {
            "bgnbd" => Some(Model::BgNbd),
            "pnbd" | "paretonbd" => Some(Model::ParetoNbd),
            "bgbb" => Some(Model::BgBb),
            _ => None,
        }
    }

    /// The model's name in outputs: one of [`Model::NAMES`].
    pub fn name(self) -> &'static str {
        match self {
            Model::BgNbd => "bgnbd",
            Model::ParetoNbd => "pnbd",
            Model::BgBb => "bgbb",
        }
    }

    /// A new customer's expected repeat purchases in their first `h` periods (BG/BB: the
    /// next `h` opportunities of a customer with none yet), at the parameters `params` (in
    /// [`Model::param_names`] order): the tracking plot's model line.
    pub fn expected_purchases_new(self, params: &[f64], h: f64) -> KpiResult<f64> {
        match self {
            Model::BgNbd => bgnbd::BgNbd::from_slice(params)?.expected_purchases_new(h),
            Model::ParetoNbd => pareto_nbd::ParetoNbd::from_slice(params)?.expected_purchases_new(h),
            Model::BgBb => bgbb::BgBb::from_slice(params)?.expected_transactions(h, 0.0, 0.0, 0.0),
        }
    }

    /// Its parameters' names, in the order of [`Fit::params`].
    pub fn param_names(self) -> &'static [&'static str] {
        match self {
            Model::BgNbd => &bgnbd::NAMES,
            Model::ParetoNbd => &pareto_nbd::NAMES,
            Model::BgBb => &bgbb::NAMES,
        }
    }
}

/// One customer's history: repeat purchases x, recency t_x and age T (for BG/BB: repeat
/// transactions, the opportunity of the last one, and the opportunities observed), in the
/// data's one time unit, and the mean repeat spend when known.
#[derive(Clone, Debug, PartialEq)]
pub struct History {
    /// The customer's id (or the row, when the data has none).
    pub id: String,
    /// Repeat purchases.
    pub x: f64,
    /// Recency.
    pub t_x: f64,
    /// Age (BG/BB: opportunities).
    pub t: f64,
    /// Mean spend of the repeat purchases.
    pub monetary: Option<f64>,
    /// How many customers have this history (1 for a customer; more for a row of a
    /// summary of patterns, such as the donations data of Fader, Hardie & Shang).
    pub weight: f64,
}

/// What to forecast.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// The purchase model.
    pub model: Model,
    /// Periods ahead (whole periods of the data's unit; BG/BB: opportunities).
    pub horizon: f64,
    /// Discount rate per period, for the CLV.
    pub discount: f64,
    /// Margin on spend, 0 to 1, for the CLV.
    pub margin: f64,
}

/// A fitted model with its parameters' names.
#[derive(Clone, Debug, PartialEq)]
pub struct Fitted {
    /// `bgnbd`, `pnbd`, `bgbb` or `gamma-gamma`.
    pub model: &'static str,
    /// The parameters' names, in the fit's order.
    pub names: &'static [&'static str],
    /// Estimates, standard errors, log-likelihood.
    pub fit: Fit,
}

/// One customer's forecast.
#[derive(Clone, Debug, PartialEq)]
pub struct Prediction {
    /// The history it is made from.
    pub history: History,
    /// Expected purchases in the next `horizon` periods.
    pub expected_purchases: KpiResult<f64>,
    /// Probability the customer is still active at the end of observation.
    pub p_alive: KpiResult<f64>,
    /// Expected spend per purchase (Gamma-Gamma), when spend is known.
    pub expected_spend: Option<KpiResult<f64>>,
    /// Discounted CLV over the horizon: expected purchases per period × expected spend ×
    /// margin, discounted per period; when spend is known.
    pub clv: Option<KpiResult<f64>>,
}

/// The forecast of a customer base.
#[derive(Clone, Debug, PartialEq)]
pub struct Forecast {
    /// The purchase model's fit.
    pub purchases: Fitted,
    /// Gamma-Gamma's fit on the repeat buyers, when spend is known (its error when it
    /// cannot be fitted).
    pub spend: Option<KpiResult<Fitted>>,
    /// Per customer, in the input's order.
    pub customers: Vec<Prediction>,
}

/// The purchase model's predictions for one history.
type Predict<'a> = Box<dyn Fn(f64, &History) -> KpiResult<f64> + 'a>;

/// Fits the purchase model to `customers`, Gamma-Gamma to their repeat spend when every
/// customer has a `monetary` value, and forecasts each customer. `#NUM!` (with the reason)
/// when the data cannot identify the purchase model; a Gamma-Gamma that cannot be fitted
/// leaves spend and CLV as that error.
pub fn forecast(customers: &[History], s: &Settings) -> KpiResult<Forecast> {
    check_settings(s)?;
    let (x, t_x, t): (Vec<f64>, Vec<f64>, Vec<f64>) = (
        customers.iter().map(|c| c.x).collect(),
        customers.iter().map(|c| c.t_x).collect(),
        customers.iter().map(|c| c.t).collect(),
    );
    let weight: Vec<f64> = customers.iter().map(|c| c.weight).collect();
    let (fit, expected, alive): (Fit, Predict, Predict) = match s.model {
        Model::BgNbd => {
            let (m, f) = bgnbd::fit(&Customers::weighted(&x, &t_x, &t, &weight)?)?;
            (f, Box::new(move |h, c| m.expected_purchases(h, c.x, c.t_x, c.t)), Box::new(move |_, c| m.p_alive(c.x, c.t_x, c.t)))
        }
        Model::ParetoNbd => {
            let (m, f) = pareto_nbd::fit(&Customers::weighted(&x, &t_x, &t, &weight)?)?;
            (f, Box::new(move |h, c| m.expected_purchases(h, c.x, c.t_x, c.t)), Box::new(move |_, c| m.p_alive(c.x, c.t_x, c.t)))
        }
        Model::BgBb => {
            let (m, f) = bgbb::fit(&bgbb::customers(&x, &t_x, &t, &weight)?)?;
            (
                f,
                Box::new(move |h, c| m.expected_transactions(h, c.x, c.t_x, c.t)),
                Box::new(move |_, c| m.p_alive(0.0, c.x, c.t_x, c.t)),
            )
        }
    };
    let purchases = Fitted { model: s.model.name(), names: s.model.param_names(), fit };
    let spend = spend_fit(customers);
    let predictions = customers
        .iter()
        .map(|c| {
            let expected_spend = match (&spend, c.monetary) {
                (Some(Ok((gg, _))), Some(m)) => Some(gg.expected_spend(c.x, m)),
                (Some(Err(e)), _) => Some(Err(e.clone())),
                _ => None,
            };
            let clv = expected_spend.as_ref().map(|sp| {
                let sp = sp.clone()?;
                discounted_clv(&|h| expected(h, c), sp, s.margin, s.discount, s.horizon, 1.0)
            });
            Prediction { history: c.clone(), expected_purchases: expected(s.horizon, c), p_alive: alive(0.0, c), expected_spend, clv }
        })
        .collect();
    let spend = spend.map(|r| r.map(|(_, fit)| Fitted { model: "gamma-gamma", names: &gamma_gamma::NAMES, fit }));
    Ok(Forecast { purchases, spend, customers: predictions })
}

/// Gamma-Gamma on the repeat buyers, when every customer's mean spend is known. A row of
/// weight w counts as w customers (the spend model has no weights), so weights must be
/// whole numbers.
fn spend_fit(customers: &[History]) -> Option<KpiResult<(gamma_gamma::GammaGamma, Fit)>> {
    customers.iter().try_for_each(|c| c.monetary.map(|_| ()))?;
    if customers.iter().any(|c| c.weight.fract() != 0.0) {
        return Some(Err(KpiError::num("The spend model counts customers: with mean spend, every weight must be a whole number.")));
    }
    if customers.iter().map(|c| c.weight).sum::<f64>() > MAX_SPENDERS {
        return Some(Err(KpiError::num("The spend model takes at most 10,000,000 customers.")));
    }
    let mut x = Vec::new();
    let mut m = Vec::new();
    for c in customers {
        for _ in 0..c.weight as u64 {
            x.push(c.x);
            m.push(c.monetary.unwrap_or(0.0));
        }
    }
    Some(gamma_gamma::Spenders::new(&x, &m).and_then(|sp| gamma_gamma::fit(&sp)))
}

/// The most customers the spend model is fitted to (counting weights).
const MAX_SPENDERS: f64 = 10_000_000.0;

fn check_settings(s: &Settings) -> KpiResult<()> {
    if !(s.horizon.is_finite() && s.horizon >= 0.0 && s.horizon.fract() == 0.0) {
        return Err(KpiError::num("The horizon must be a whole number of periods, 0 or more."));
    }
    if !(s.margin.is_finite() && (0.0..=1.0).contains(&s.margin)) {
        return Err(KpiError::num("The margin must be a fraction from 0 to 1 (e.g. 0.3 for 30%)."));
    }
    if !(s.discount.is_finite() && s.discount > -1.0) {
        return Err(KpiError::num("The discount rate per period must be a number above −100%."));
    }
    Ok(())
}

/// The indices of the (at most) `n` customers with the highest CLV, highest first; equal
/// CLVs in the input's order. Customers without a CLV (no spend, or its error) are left out.
pub fn top_by_clv(customers: &[Prediction], n: usize) -> Vec<usize> {
    let mut ranked: Vec<(usize, f64)> =
        customers.iter().enumerate().filter_map(|(i, c)| match &c.clv { Some(Ok(v)) if v.is_finite() => Some((i, *v)), _ => None }).collect();
    // A stable sort on the value alone keeps ties in input order.
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
    ranked.into_iter().take(n).map(|(i, _)| i).collect()
}
