//! The native side: `attribution-native FILE [all|heuristic|markov|markov1] [REPEAT]` prints
//! `hash count seconds first_seconds` (the fastest of REPEAT runs, default 1, and the first).

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let csv = std::fs::read_to_string(&args[1]).expect("read the CSV");
    let models = match args.get(2).map(String::as_str) {
        Some("heuristic") => "first,last,linear,position,time_decay,last_non_direct,shapley",
        Some("markov") => "markov",
        Some("markov1") => "markov1",
        _ => "all",
    };
    let repeat: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(1).max(1);
    let (mut best, mut first, mut out) = (f64::INFINITY, 0.0, None);
    for i in 0..repeat {
        let t = std::time::Instant::now();
        let r = attribution_wasm::run(&csv, models).expect("run");
        let s = t.elapsed().as_secs_f64();
        if i == 0 {
            first = s;
        }
        best = best.min(s);
        out = Some(r);
    }
    let r = out.expect("one run");
    println!("{:016x} {} {best:.6} {first:.6}", r.hash, r.count);
}
