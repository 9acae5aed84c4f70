//! Exact Shapley values in closed form.
//!
//! The worth of a set `S` of channels is the conversions (and, as a second game, the
//! value) of the journeys whose channels all lie in `S`:
//! `v(S) = Σ_j c_j · [D_j ⊆ S]`, `D_j` journey `j`'s distinct channels. Each term is `c_j`
//! times the unanimity game of `D_j`, whose Shapley value is `1/|D_j|` to each member and
//! 0 to everyone else; Shapley values are linear in the game, so channel `i` gets
//! `Σ_{j : i ∈ D_j} c_j / |D_j|` (Shapley 1953, the unanimity-game basis). That is exact,
//! takes time linear in the touches, and needs no limit on the number of channels
//! (enumerating the 2^n coalitions would). `tests/attribution.rs` checks it against that
//! enumeration.

use super::{Credit, Journeys};

pub(super) fn shapley(j: &Journeys) -> Credit {
    let mut c = Credit::new(j.channels.len());
    let mut seen = vec![false; j.channels.len()];
    let mut distinct: Vec<u32> = vec![];
    for jr in &j.journeys {
        distinct.clear();
        for &ch in &jr.touches {
            if !std::mem::replace(&mut seen[ch as usize], true) {
                distinct.push(ch);
            }
        }
        let d = distinct.len() as u64;
        for &ch in &distinct {
            seen[ch as usize] = false;
            c.conversions[ch as usize].add_over(&jr.conversions, d);
            c.value[ch as usize].add_over(&jr.value, d);
        }
    }
    c
}
