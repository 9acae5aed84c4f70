//! Journeys from the two shapes marketers export: one row per path, or one row per touch.

use crate::error::{KpiError, KpiResult};
use crate::exact::Exact;
use std::cmp::Ordering;

/// One customer journey: the channels touched, in order, and how it ended.
#[derive(Clone, Debug, PartialEq)]
pub struct Journey {
    /// Channel ids (indexes into [`Journeys::channels`]), in touch order; never empty.
    pub touches: Vec<u32>,
    /// Each touch's time as a spreadsheet serial day (touchpoint data only), for time decay.
    pub times: Option<Vec<f64>>,
    /// Conversions at the end of the journey.
    pub conversions: Exact,
    /// Conversion value at the end of the journey.
    pub value: Exact,
    /// How many times this journey ended without converting (Markov needs these).
    pub nulls: Exact,
}

/// A set of journeys over named channels.
#[derive(Clone, Debug, PartialEq)]
pub struct Journeys {
    /// Channel names, in the order they first appear in the input.
    pub channels: Vec<String>,
    /// The journeys.
    pub journeys: Vec<Journey>,
    /// Input rows left out, with why (blank rows), for the caller to show as warnings.
    pub skipped: Vec<String>,
}

impl Journeys {
    /// Total conversions, exactly.
    pub fn total_conversions(&self) -> Exact {
        self.journeys.iter().fold(Exact::ZERO, |a, j| a + &j.conversions)
    }

    /// Total conversion value, exactly.
    pub fn total_value(&self) -> Exact {
        self.journeys.iter().fold(Exact::ZERO, |a, j| a + &j.value)
    }

    /// The invariants every model relies on (the fields are public, so checked on use).
    pub(crate) fn check(&self) -> KpiResult<()> {
        let n = self.channels.len();
        for (i, j) in self.journeys.iter().enumerate() {
            if j.touches.is_empty() {
                return Err(KpiError::value(format!("Journey {} has no touches.", i + 1)));
            }
            if j.touches.iter().any(|&t| t as usize >= n) {
                return Err(KpiError::value(format!("Journey {} names a channel that is not in the list.", i + 1)));
            }
            if matches!(&j.times, Some(t) if t.len() != j.touches.len() || t.iter().any(|x| !x.is_finite())) {
                return Err(KpiError::value(format!("Journey {} needs one finite time per touch.", i + 1)));
            }
            if j.conversions.is_negative() || j.value.is_negative() || j.nulls.is_negative() {
                return Err(KpiError::num(format!("Journey {} has a negative count or value.", i + 1)));
            }
        }
        Ok(())
    }
}

/// Channel names to ids, in first-seen order.
///
/// A sorted index searched by binary search, not a `HashMap<String, _>`: the hash table and
/// SipHash would be their own code in the functions WASM, for a handful of channels.
/// Inserting is O(channels), a move of `u32`s.
#[derive(Default)]
struct Names {
    names: Vec<String>,
    /// The ids, sorted by name.
    sorted: Vec<u32>,
}

impl Names {
    fn id(&mut self, name: &str) -> KpiResult<u32> {
        let at = match self.sorted.binary_search_by(|&i| self.names[i as usize].as_str().cmp(name)) {
            Ok(p) => return Ok(self.sorted[p]),
            Err(p) => p,
        };
        let i = u32::try_from(self.names.len()).map_err(|_| KpiError::num("Too many distinct channels."))?;
        self.sorted.insert(at, i);
        self.names.push(name.to_string());
        Ok(i)
    }
}

fn non_negative(x: &Exact, what: &str, row: usize) -> KpiResult<()> {
    if x.is_negative() {
        return Err(KpiError::num(format!("Row {row}: {what} cannot be negative.")));
    }
    Ok(())
}

/// Journeys from path-level data (ChannelAttribution's and Google Analytics' export): one
/// path per row as text, `"Facebook > Email > Direct"`, with its conversions and optionally
/// its conversion value and its non-converting journeys (`nulls`).
///
/// Channel names are trimmed; empty names between separators are ignored (as
/// ChannelAttribution does), so a path without the separator is a one-channel path. A row
/// whose path is blank is skipped when its counts are all zero (a blank row, listed in
/// [`Journeys::skipped`]) and is `#VALUE!` otherwise. Negative counts are `#NUM!`; lists of
/// different lengths or an empty separator are `#VALUE!`.
pub fn from_paths(
    paths: &[&str],
    sep: &str,
    conversions: &[Exact],
    values: Option<&[Exact]>,
    nulls: Option<&[Exact]>,
) -> KpiResult<Journeys> {
    if sep.is_empty() {
        return Err(KpiError::value("The path separator cannot be empty."));
    }
    let n = paths.len();
    let same = |len: usize, what: &str| {
        if len == n {
            Ok(())
        } else {
            Err(KpiError::value(format!("There are {n} paths but {len} {what}: give one per path.")))
        }
    };
    same(conversions.len(), "conversion counts")?;
    if let Some(v) = values {
        same(v.len(), "conversion values")?;
    }
    if let Some(v) = nulls {
        same(v.len(), "non-conversion counts")?;
    }
    let mut names = Names::default();
    let mut out = Journeys { channels: vec![], journeys: Vec::with_capacity(n), skipped: vec![] };
    for (i, path) in paths.iter().enumerate() {
        let row = i + 1;
        let conv = conversions[i].clone();
        let value = values.map_or(Exact::ZERO, |v| v[i].clone());
        let null = nulls.map_or(Exact::ZERO, |v| v[i].clone());
        non_negative(&conv, "conversions", row)?;
        non_negative(&value, "conversion value", row)?;
        non_negative(&null, "non-conversions", row)?;
        let mut touches = vec![];
        for name in path.split(sep).map(str::trim).filter(|s| !s.is_empty()) {
            touches.push(names.id(name)?);
        }
        if touches.is_empty() {
            if conv.is_zero() && value.is_zero() && null.is_zero() {
                out.skipped.push(format!("Row {row}: blank path, skipped."));
                continue;
            }
            return Err(KpiError::value(format!("Row {row}: the path is empty but has conversions; name its channels.")));
        }
        out.journeys.push(Journey { touches, times: None, conversions: conv, value, nulls: null });
    }
    out.channels = names.names;
    Ok(out)
}

/// One touch of touchpoint-level data (an ad server or GA4 export row).
#[derive(Clone, Debug, PartialEq)]
pub struct Touch {
    /// Who was touched (user or client id).
    pub user: String,
    /// When, as a spreadsheet serial day (fractional for the time of day).
    pub time: f64,
    /// The channel.
    pub channel: String,
    /// Conversions at this touch (0 for none, 1, or a count).
    pub conversions: Exact,
    /// Conversion value at this touch (counts only on converting touches).
    pub value: Exact,
}

/// Journeys from touchpoint-level data, one [`Touch`] per row, in any row order.
///
/// Per user, in time order: a converting touch closes a journey made of that user's touches
/// since their previous conversion that lie within `lookback_days` before it (the
/// converting touch included); earlier touches are dropped. Touches after a user's last
/// conversion make one non-converting journey (nulls = 1). Ties in time are ordered by
/// non-converting first, then channel name, then conversions and value, so that shuffled
/// rows give identical journeys. Journeys come out by user (in text order), then time.
///
/// `lookback_days` must be positive (infinity for no limit): else `#NUM!`; a time that is
/// not finite is `#NUM!`, an empty channel name `#VALUE!`, a negative count `#NUM!`.
pub fn from_touches(touches: &[Touch], lookback_days: f64) -> KpiResult<Journeys> {
    if lookback_days.is_nan() || lookback_days <= 0.0 {
        return Err(KpiError::num("The lookback window must be a positive number of days."));
    }
    for (i, t) in touches.iter().enumerate() {
        let row = i + 1;
        if !t.time.is_finite() {
            return Err(KpiError::num(format!("Row {row}: the touch time is not a valid date.")));
        }
        if t.channel.trim().is_empty() {
            return Err(KpiError::value(format!("Row {row}: the channel is empty.")));
        }
        non_negative(&t.conversions, "conversions", row)?;
        non_negative(&t.value, "conversion value", row)?;
    }
    // Content only, never the row index: row order must not matter.
    let order = sort_stable((0..touches.len()).collect(), |a, b| {
        let (x, y) = (&touches[a], &touches[b]);
        x.user
            .cmp(&y.user)
            .then(x.time.total_cmp(&y.time))
            .then((!x.conversions.is_zero()).cmp(&!y.conversions.is_zero()))
            .then_with(|| x.channel.trim().cmp(y.channel.trim()))
            .then_with(|| x.conversions.cmp_exact(&y.conversions))
            .then_with(|| x.value.partial_cmp(&y.value).unwrap_or(Ordering::Equal))
    });
    // First-seen channel order is also taken in sorted order, for the same reason.
    let mut names = Names::default();
    let mut out = Journeys { channels: vec![], journeys: vec![], skipped: vec![] };
    let mut open: Vec<(u32, f64)> = vec![];
    for (k, &i) in order.iter().enumerate() {
        let t = &touches[i];
        open.push((names.id(t.channel.trim())?, t.time));
        let last_of_user = order.get(k + 1).is_none_or(|&n| touches[n].user != t.user);
        if !t.conversions.is_zero() {
            let from = t.time - lookback_days;
            let kept: Vec<(u32, f64)> = open.drain(..).filter(|&(_, time)| time >= from).collect();
            out.journeys.push(journey(kept, t.conversions.clone(), t.value.clone(), Exact::ZERO));
        } else if last_of_user {
            out.journeys.push(journey(std::mem::take(&mut open), Exact::ZERO, Exact::ZERO, Exact::ONE));
        }
        if last_of_user {
            open.clear();
        }
    }
    out.channels = names.names;
    Ok(out)
}

/// `v` sorted by `cmp`, stably (equal elements keep their order): a bottom-up merge sort.
/// The same order as `slice::sort_by`, without its few KB of code in the functions WASM
/// for this one use.
fn sort_stable(mut v: Vec<usize>, cmp: impl Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let n = v.len();
    let mut b = vec![0; n];
    let mut width = 1;
    while width < n {
        let mut lo = 0;
        while lo < n {
            let (mid, hi) = ((lo + width).min(n), (lo + 2 * width).min(n));
            let (mut i, mut j) = (lo, mid);
            for slot in &mut b[lo..hi] {
                // The left run first on ties: stable.
                if j >= hi || (i < mid && cmp(v[i], v[j]).is_le()) {
                    *slot = v[i];
                    i += 1;
                } else {
                    *slot = v[j];
                    j += 1;
                }
            }
            lo = hi;
        }
        std::mem::swap(&mut v, &mut b);
        width *= 2;
    }
    v
}

fn journey(touches: Vec<(u32, f64)>, conversions: Exact, value: Exact, nulls: Exact) -> Journey {
    let (touches, times) = touches.into_iter().unzip();
    Journey { touches, times: Some(times), conversions, value, nulls }
}
