//! Attribution of a path-level CSV, printed as JSON: the harness that lets Python compare
//! the engine with ChannelAttribution (`tests/oracle/compare_attribution.py`) and the
//! benchmark time it (`bench/attribution-bench.sh`).
//!
//! `cargo run --release --example attribution-json -- FILE [--models first,last,...|all]
//! [--order N] [--repeat N] [--transition-matrix]`
//!
//! FILE: a header row then `path;conversions[;value[;nulls]]` (`;` or `,` between fields,
//! ChannelAttribution's Data.csv as it ships). `--repeat N` runs each model N times and
//! reports the fastest time (`seconds`), for the benchmark.

use sheetkpi::attribution::{attribute, from_paths, removal_effects, transition_matrix, Model, MODEL_NAMES};
use sheetkpi::exact::Exact;
use sheetkpi::num::to_exact;
use std::time::Instant;

fn main() {
    if let Err(e) = run() {
        eprintln!("{e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let file = args.first().ok_or("usage: attribution-json FILE [--models LIST|all] [--order N] [--repeat N]")?;
    let opt = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    let models = opt("--models").unwrap_or_else(|| "all".into());
    let order: u8 = opt("--order").map_or(Ok(1), |s| s.parse()).map_err(|e| format!("--order: {e}"))?;
    let repeat: usize = opt("--repeat").map_or(Ok(1), |s| s.parse()).map_err(|e| format!("--repeat: {e}"))?;
    let text = std::fs::read_to_string(file).map_err(|e| format!("{file}: {e}"))?;
    let mut lines = text.lines();
    let header = lines.next().ok_or("empty file")?;
    let delim = if header.contains(';') { ';' } else { ',' };
    let (mut paths, mut conv, mut value, mut null) = (vec![], vec![], vec![], vec![]);
    let num = |s: Option<&str>| -> Result<Exact, String> {
        let x: f64 = s.unwrap_or("0").trim().parse().map_err(|e| format!("{e}"))?;
        to_exact(x).map_err(|e| e.to_string())
    };
    for line in lines.filter(|l| !l.trim().is_empty()) {
        let mut f = line.split(delim);
        paths.push(f.next().unwrap_or("").to_string());
        conv.push(num(f.next())?);
        value.push(num(f.next())?);
        null.push(num(f.next())?);
    }
    let refs: Vec<&str> = paths.iter().map(String::as_str).collect();
    let t0 = Instant::now();
    let j = from_paths(&refs, ">", &conv, Some(&value), Some(&null)).map_err(|e| e.to_string())?;
    let parse_s = t0.elapsed().as_secs_f64();
    let names: Vec<&str> = if models == "all" { MODEL_NAMES.to_vec() } else { models.split(',').collect() };
    let mut out = serde_json::Map::new();
    let mut times = serde_json::Map::new();
    for name in names {
        let mut model = Model::parse(name).map_err(|e| e.to_string())?;
        if let Model::Markov { order: o } = &mut model {
            *o = order;
        }
        let mut best = f64::INFINITY;
        let mut rows = vec![];
        for _ in 0..repeat.max(1) {
            let t = Instant::now();
            rows = attribute(&j, &model).map_err(|e| e.to_string())?;
            best = best.min(t.elapsed().as_secs_f64());
        }
        let rows: Vec<_> = rows
            .iter()
            .map(|r| {
                serde_json::json!({"channel": r.channel, "conversions": r.conversions.to_f64(),
                    "value": r.value.to_f64(), "share": r.share.to_f64()})
            })
            .collect();
        out.insert(name.to_string(), rows.into());
        times.insert(name.to_string(), best.into());
    }
    let re = removal_effects(&j, order).map_err(|e| e.to_string())?;
    let rv: serde_json::Map<_, _> = re.iter().map(|r| (r.channel.clone(), r.value.into())).collect();
    let re: serde_json::Map<_, _> = re.iter().map(|r| (r.channel.clone(), r.conversions.into())).collect();
    let tm = if args.iter().any(|a| a == "--transition-matrix") {
        let split = |s: &str| s.split(" > ").map(String::from).collect::<Vec<_>>();
        let t = transition_matrix(&j, order).map_err(|e| e.to_string())?;
        t.iter().map(|x| serde_json::json!([split(&x.from), split(&x.to), x.probability])).collect()
    } else {
        vec![]
    };
    let json = serde_json::json!({
        "transition_matrix": tm,
        "models": out, "removal_effects": re, "removal_effects_value": rv, "order": order, "seconds": times, "parse_seconds": parse_s,
        "totals": {"conversions": j.total_conversions().to_f64(), "value": j.total_value().to_f64()},
    });
    println!("{json}");
    Ok(())
}
