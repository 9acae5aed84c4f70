//! The CLV core driven by JSON, for the lifetimes oracle (`tests/oracle/clv_lifetimes.py`):
//! reads `{"tasks": [...]}` on stdin, prints one result per task as a JSON array.
//!
//! Tasks: `{"kind": "fit", "model": "bgnbd"|"pnbd"|"bgbb", "x", "t_x", "T", ["weights"]}`,
//! `{"kind": "fit", "model": "gg", "x", "m"}`, `{"kind": "predict", "model", "params", "x",
//! "t_x", "T", "t"}` (gg: `"x", "m"`), `{"kind": "clv", "model", "params", "gg", "x", "t_x",
//! "T", "m", "periods", "step", "discount", "margin"}`, `{"kind": "summary", "ids", "dates",
//! ["amounts"], "unit", ["end"]}`. `--repeat N` fits N times and reports the fastest (`seconds`).

use serde_json::{json, Value};
use sheetkpi::clv::{bgbb, bgnbd, gamma_gamma, pareto_nbd, summary, value, Customers, Fit};
use sheetkpi::KpiResult;
use std::io::Read;
use std::time::Instant;

fn nums(v: &Value, key: &str) -> Vec<f64> {
    v[key].as_array().map(|a| a.iter().map(|x| x.as_f64().unwrap_or(f64::NAN)).collect()).unwrap_or_default()
}

fn customers(t: &Value) -> KpiResult<Customers> {
    let (x, tx, tt) = (nums(t, "x"), nums(t, "t_x"), nums(t, "T"));
    let w = if t.get("weights").is_some() { nums(t, "weights") } else { vec![1.0; x.len()] };
    if t["model"] == "bgbb" { bgbb::customers(&x, &tx, &tt, &w) } else { Customers::weighted(&x, &tx, &tt, &w) }
}

fn fit_json(f: &Fit, names: &[&str], seconds: f64) -> Value {
    json!({"names": names, "params": f.params, "std_errors": f.std_errors, "log_likelihood": f.log_likelihood,
           "iterations": f.iterations, "seconds": seconds})
}

fn per<F: Fn(usize) -> KpiResult<f64>>(n: usize, f: F) -> Vec<Value> {
    (0..n).map(|i| f(i).map_or_else(|e| json!(e.to_string()), |v| json!(v))).collect()
}

fn task(t: &Value, repeat: usize) -> KpiResult<Value> {
    let model = t["model"].as_str().unwrap_or("");
    match t["kind"].as_str().unwrap_or("") {
        "fit" => {
            let mut best = f64::INFINITY;
            let mut out = Value::Null;
            for _ in 0..repeat.max(1) {
                let t0 = Instant::now();
                let (f, names): (Fit, &[&str]) = match model {
                    "bgnbd" => (bgnbd::fit(&customers(t)?)?.1, &bgnbd::NAMES),
                    "pnbd" => (pareto_nbd::fit(&customers(t)?)?.1, &pareto_nbd::NAMES),
                    "bgbb" => (bgbb::fit(&customers(t)?)?.1, &bgbb::NAMES),
                    "gg" => (gamma_gamma::fit(&gamma_gamma::Spenders::new(&nums(t, "x"), &nums(t, "m"))?)?.1, &gamma_gamma::NAMES),
                    _ => return Err(sheetkpi::KpiError::value("unknown model")),
                };
                best = best.min(t0.elapsed().as_secs_f64());
                out = fit_json(&f, names, best);
            }
            Ok(out)
        }
        "predict" => {
            let p = nums(t, "params");
            let (x, tx, tt) = (nums(t, "x"), nums(t, "t_x"), nums(t, "T"));
            let h = t["t"].as_f64().unwrap_or(f64::NAN);
            let n = x.len();
            Ok(match model {
                "bgnbd" => {
                    let m = bgnbd::BgNbd::from_slice(&p)?;
                    json!({"expected": per(n, |i| m.expected_purchases(h, x[i], tx[i], tt[i])),
                           "p_alive": per(n, |i| m.p_alive(x[i], tx[i], tt[i])),
                           "ll": per(n, |i| Ok(m.log_likelihood_one(x[i], tx[i], tt[i]))),
                           "new": m.expected_purchases_new(h)?})
                }
                "pnbd" => {
                    let m = pareto_nbd::ParetoNbd::from_slice(&p)?;
                    json!({"expected": per(n, |i| m.expected_purchases(h, x[i], tx[i], tt[i])),
                           "p_alive": per(n, |i| m.p_alive(x[i], tx[i], tt[i])),
                           "ll": per(n, |i| Ok(m.log_likelihood_one(x[i], tx[i], tt[i]))),
                           "new": m.expected_purchases_new(h)?})
                }
                "bgbb" => {
                    let m = bgbb::BgBb::from_slice(&p)?;
                    json!({"expected": per(n, |i| m.expected_transactions(h, x[i], tx[i], tt[i])),
                           "p_alive": per(n, |i| m.p_alive(h, x[i], tx[i], tt[i])),
                           "ll": per(n, |i| Ok(m.log_likelihood_one(x[i], tx[i], tt[i])))})
                }
                "gg" => {
                    let g = gamma_gamma::GammaGamma::from_slice(&p)?;
                    let mm = nums(t, "m");
                    json!({"expected_spend": per(n, |i| g.expected_spend(x[i], mm[i])),
                           "ll": per(n, |i| Ok(if x[i] > 0.0 { g.log_likelihood_one(x[i], mm[i]) } else { f64::NAN }))})
                }
                _ => return Err(sheetkpi::KpiError::value("unknown model")),
            })
        }
        "clv" => {
            let p = nums(t, "params");
            let g = gamma_gamma::GammaGamma::from_slice(&nums(t, "gg"))?;
            let (x, tx, tt, mm) = (nums(t, "x"), nums(t, "t_x"), nums(t, "T"), nums(t, "m"));
            let num = |k: &str| t[k].as_f64().unwrap_or(f64::NAN);
            let (periods, step, d, margin) = (num("periods"), num("step"), num("discount"), num("margin"));
            let out = per(x.len(), |i| {
                let spend = g.expected_spend(x[i], mm[i])?;
                match model {
                    "bgnbd" => {
                        let m = bgnbd::BgNbd::from_slice(&p)?;
                        value::discounted_clv(&|h| m.expected_purchases(h, x[i], tx[i], tt[i]), spend, margin, d, periods, step)
                    }
                    _ => {
                        let m = pareto_nbd::ParetoNbd::from_slice(&p)?;
                        value::discounted_clv(&|h| m.expected_purchases(h, x[i], tx[i], tt[i]), spend, margin, d, periods, step)
                    }
                }
            });
            Ok(json!({ "clv": out }))
        }
        "summary" => {
            let ids: Vec<String> = t["ids"].as_array().map(|a| a.iter().map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string)).collect()).unwrap_or_default();
            let amounts = if t.get("amounts").is_some() { Some(nums(t, "amounts")) } else { None };
            let unit = summary::Unit::parse(t["unit"].as_str().unwrap_or("")).ok_or_else(|| sheetkpi::KpiError::value("unit"))?;
            let rows = summary::summarize(&ids, &nums(t, "dates"), amounts.as_deref(), unit, t["end"].as_f64())?;
            Ok(json!(rows.iter().map(|r| json!({"id": r.id, "frequency": r.x, "recency": r.t_x, "T": r.t, "monetary_value": r.monetary})).collect::<Vec<_>>()))
        }
        _ => Err(sheetkpi::KpiError::value("unknown task")),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let repeat = args.iter().position(|a| a == "--repeat").and_then(|i| args.get(i + 1)).and_then(|s| s.parse().ok()).unwrap_or(1);
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input).expect("stdin");
    let req: Value = serde_json::from_str(&input).expect("JSON on stdin");
    let out: Vec<Value> = req["tasks"].as_array().map(|ts| ts.iter().map(|t| task(t, repeat).unwrap_or_else(|e| json!({"error": e.to_string()}))).collect()).unwrap_or_default();
    println!("{}", serde_json::to_string(&out).expect("JSON"));
}
