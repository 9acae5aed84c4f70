//! The native side: `attribution-native FILE [all|heuristic|markov|markov1]` prints
//! `hash count seconds`.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let csv = std::fs::read_to_string(&args[1]).expect("read the CSV");
    let models = match args.get(2).map(String::as_str) {
        Some("heuristic") => "first,last,linear,position,time_decay,last_non_direct,shapley",
        Some("markov") => "markov",
        Some("markov1") => "markov1",
        _ => "all",
    };
    let t = std::time::Instant::now();
    let r = attribution_wasm::run(&csv, models).expect("run");
    println!("{:016x} {} {:.6}", r.hash, r.count, t.elapsed().as_secs_f64());
}
