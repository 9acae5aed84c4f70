//! sheetkpi's number text against two outside references: its digits are Python's
//! `repr` (shortest round trip, nearest, ties to even: the rule JavaScript shares), and
//! its layout is the Rust standard library's `{}` / `{:e}` wherever their digits agree.

use sheetkpi::number_text::format_number;
use std::io::Write;
use std::process::{Command, Stdio};

/// Sign, significant digits and decimal exponent of the first digit: `-1.25e3` → (true, "125", 3).
fn digits_of(text: &str) -> (bool, String, i32) {
    let (neg, t) = text.strip_prefix('-').map_or((false, text), |t| (true, t));
    let (m, e) = t.split_once(['e', 'E']).map_or((t, 0), |(m, e)| (m, e.parse().unwrap()));
    let (int, frac) = m.split_once('.').unwrap_or((m, ""));
    let all: String = format!("{int}{frac}");
    let lead = all.len() - all.trim_start_matches('0').len();
    let d = all.trim_matches('0').to_string();
    (neg, d, e + int.len() as i32 - lead as i32 - 1)
}

fn std_text(x: f64) -> String {
    if x != 0.0 && (x.abs() >= 1e21 || x.abs() < 1e-7) { format!("{x:e}") } else { format!("{x}") }
}

/// Deterministic doubles: random bit patterns, money-like values, exact ties at the
/// magnitudes where they occur, and the edges of the layout.
fn doubles() -> Vec<f64> {
    let mut s = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = || {
        s = s.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = s;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    };
    let mut xs = Vec::new();
    for _ in 0..200_000 {
        let x = f64::from_bits(next());
        if x.is_finite() {
            xs.push(x);
        }
    }
    for _ in 0..100_000 {
        let cents = (next() % 20_000_000_000) as i64 - 10_000_000_000;
        xs.push(cents as f64 / 10f64.powi((next() % 6) as i32));
    }
    for _ in 0..20_000 {
        // k + 1/4 near 2^50: the double is exactly halfway between two shortest candidates.
        xs.push(((1u64 << 50) + next() % (1 << 52)) as f64 + 0.25);
    }
    for e in -10..=25 {
        for m in [1.0, 1.5, 9.999999999999999, 123.456] {
            let x = m * 10f64.powi(e);
            xs.extend([x, -x, x.next_up(), x.next_down()]);
        }
    }
    xs.extend([f64::MIN_POSITIVE, 5e-324, f64::MAX, f64::MIN, 1e21, 1e-7, 0.1 + 0.2, 1234560000000000.25]);
    xs
}

#[test]
fn digits_are_pythons_and_layout_is_the_standard_librarys() {
    let xs = doubles();
    let mut py = Command::new("python3")
        .args(["-c", "import sys,struct\nfor l in sys.stdin: print(repr(struct.unpack('<d', bytes.fromhex(l.strip()))[0]))"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 is needed for this test (the reference for shortest digits)");
    let mut input = String::new();
    for x in &xs {
        input.push_str(&format!("{}\n", x.to_le_bytes().iter().map(|b| format!("{b:02x}")).collect::<String>()));
    }
    let mut stdin = py.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = py.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    let reprs: Vec<&str> = std::str::from_utf8(&out.stdout).unwrap().lines().collect();
    assert_eq!(reprs.len(), xs.len());
    let (mut ties, mut same) = (0, 0);
    for (x, r) in xs.iter().zip(reprs) {
        let ours = format_number(*x);
        assert_eq!(digits_of(&ours), digits_of(r), "{x:e}: ours {ours}, Python {r}");
        assert_eq!(ours.parse::<f64>().unwrap().to_bits(), x.to_bits(), "{ours} does not read back");
        let std = std_text(*x);
        if digits_of(&std) == digits_of(r) {
            assert_eq!(ours, std, "layout of {x:e}");
            same += 1;
        } else {
            ties += 1;
        }
    }
    // The tie cases above must have been met, and be the only disagreements with std.
    assert!(ties >= 1_000, "only {ties} ties");
    assert!(same > 300_000);
}

#[test]
fn zero_and_specials_and_the_layout_edges() {
    for (x, t) in [
        (0.0, "0"),
        (-0.0, "-0"),
        (f64::NAN, "NaN"),
        (f64::INFINITY, "inf"),
        (1e21, "1e21"),
        (999999999999999900000.0, "999999999999999900000"),
        (1e-7, "0.0000001"),
        (2.5e-8, "2.5e-8"),
        (-1234.5, "-1234.5"),
        (100.0, "100"),
        (1234560000000000.25, "1234560000000000.2"),
    ] {
        assert_eq!(format_number(x), t);
    }
}
