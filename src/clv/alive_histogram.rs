//! The distribution of P(alive) over a customer base: counts in ten bins of width 0.1, the
//! same on every host (the page draws these counts, it does not bin).

/// The number of bins; bin k holds [k/10, (k+1)/10), the last [0.9, 1] (closed).
pub const BINS: usize = 10;

/// Bin counts of `p` (each with its weight: a summary row can stand for many customers).
/// A value outside [0, 1] or not a number (an error's place) is left out. The edges are
/// the doubles k/10, and a value goes in the last bin whose lower edge it reaches.
pub fn histogram(p: impl IntoIterator<Item = (f64, f64)>) -> [f64; BINS] {
    let mut counts = [0.0; BINS];
    for (v, w) in p {
        if !(0.0..=1.0).contains(&v) {
            continue;
        }
        let k = (1..BINS).filter(|&k| v >= k as f64 / 10.0).count();
        counts[k] += w;
    }
    counts
}

/// The lower edges of the bins: 0, 0.1, …, 0.9.
pub fn lower_edges() -> [f64; BINS] {
    std::array::from_fn(|k| k as f64 / 10.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edges_and_the_closed_last_bin() {
        let c = histogram([(0.0, 1.0), (0.1, 1.0), (0.0999, 2.0), (0.95, 1.0), (1.0, 3.0), (f64::NAN, 1.0), (1.5, 1.0)]);
        assert_eq!(c, [2.0 + 1.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 4.0]);
        assert_eq!(lower_edges()[3], 0.3);
    }
}
