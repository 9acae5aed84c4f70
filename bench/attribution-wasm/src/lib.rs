//! Every model (Markov at orders 1 to 4) on a path-level CSV, folded into one FNV-1a hash
//! of the results' f64 bits, natively and in wasm32 alike.

use sheetkpi::attribution::{attribute, from_paths, removal_effects, Model, MODEL_NAMES};
use sheetkpi::exact::Exact;
use sheetkpi::num::to_exact;

/// What a run computed: the hash of every result's bits and a readable digest.
pub struct Run {
    /// FNV-1a over the bits of every number.
    pub hash: u64,
    /// How many numbers went into the hash.
    pub count: u64,
}

fn fnv(h: &mut u64, x: f64) {
    for b in x.to_bits().to_le_bytes() {
        *h ^= u64::from(b);
        *h = h.wrapping_mul(0x100000001b3);
    }
}

/// Parses `path;conversions;value;nulls` rows (after a header) and runs every model.
pub fn run(csv: &str, models: &str) -> Result<Run, String> {
    let mut lines = csv.lines();
    let header = lines.next().ok_or("empty")?;
    let delim = if header.contains(';') { ';' } else { ',' };
    let (mut paths, mut conv, mut value, mut null) = (vec![], vec![], vec![], vec![]);
    let num = |s: Option<&str>| -> Result<Exact, String> {
        let x: f64 = s.unwrap_or("0").trim().parse().map_err(|_| "number")?;
        to_exact(x).map_err(|e| e.to_string())
    };
    for line in lines.filter(|l| !l.trim().is_empty()) {
        let mut f = line.split(delim);
        paths.push(f.next().unwrap_or(""));
        conv.push(num(f.next())?);
        value.push(num(f.next())?);
        null.push(num(f.next())?);
    }
    let j = from_paths(&paths, ">", &conv, Some(&value), Some(&null)).map_err(|e| e.to_string())?;
    let (mut h, mut count) = (0xcbf29ce484222325u64, 0u64);
    let mut push = |x: f64| {
        fnv(&mut h, x);
        count += 1;
    };
    let names: Vec<&str> = if models == "all" { MODEL_NAMES.to_vec() } else { models.split(',').collect() };
    for name in names {
        // `markov1`: order 1 alone (its attribution, which solves the removal effects once).
        if name == "markov1" {
            for r in attribute(&j, &Model::Markov { order: 1 }).map_err(|e| e.to_string())? {
                push(r.conversions.to_f64());
                push(r.value.to_f64());
                push(r.share.to_f64());
            }
            continue;
        }
        let models: Vec<Model> = match Model::parse(name).map_err(|e| e.to_string())? {
            Model::Markov { .. } => (1..=4).map(|order| Model::Markov { order }).collect(),
            m => vec![m],
        };
        for m in models {
            for r in attribute(&j, &m).map_err(|e| e.to_string())? {
                push(r.conversions.to_f64());
                push(r.value.to_f64());
                push(r.share.to_f64());
            }
            if let Model::Markov { order } = m {
                for r in removal_effects(&j, order).map_err(|e| e.to_string())? {
                    push(r.conversions);
                    push(r.value);
                }
            }
        }
    }
    Ok(Run { hash: h, count })
}

#[cfg(target_arch = "wasm32")]
mod wasm {
    static mut INPUT: Vec<u8> = Vec::new();
    static mut COUNT: u64 = 0;

    /// Room for `n` bytes of CSV; returns where to write them.
    #[no_mangle]
    pub extern "C" fn input(n: usize) -> *mut u8 {
        // SAFETY: single-threaded wasm; JS writes the bytes before calling `hash`.
        unsafe {
            let buf = &mut *std::ptr::addr_of_mut!(INPUT);
            *buf = vec![0; n];
            buf.as_mut_ptr()
        }
    }

    /// Runs every model on the input CSV (`which`: 0 all, 1 heuristics and Shapley, 2
    /// Markov at orders 1 to 4 with removal effects, 3 Markov order 1 alone) and returns the hash (0 on error); `count()` says how many numbers.
    #[no_mangle]
    pub extern "C" fn hash(which: u32) -> u64 {
        // SAFETY: as above.
        unsafe {
            let buf = &*std::ptr::addr_of!(INPUT);
            let csv = std::str::from_utf8(buf).unwrap_or("");
            let models = match which {
                1 => "first,last,linear,position,time_decay,last_non_direct,shapley",
                2 => "markov",
                3 => "markov1",
                _ => "all",
            };
            match super::run(csv, models) {
                Ok(r) => {
                    COUNT = r.count;
                    r.hash
                }
                Err(_) => 0,
            }
        }
    }

    /// How many numbers the last `hash` folded in.
    #[no_mangle]
    pub extern "C" fn count() -> u64 {
        // SAFETY: as above.
        unsafe { COUNT }
    }
}
