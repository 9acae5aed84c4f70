//! The CLV fits and predictions as a tiny C-ABI library, built natively and for wasm32, so
//! that check.sh can compare the two bit for bit (see check.sh).

use sheetkpi::clv::{bgbb, bgnbd, gamma_gamma, pareto_nbd, Customers};
#[no_mangle]
pub extern "C" fn alloc(n: usize) -> *mut f64 {
    let mut v = vec![0.0f64; n];
    let p = v.as_mut_ptr();
    std::mem::forget(v);
    p
}
/// model 0 bgnbd, 1 pnbd, 2 gg, 3 bgbb. data: x, tx, T, w (n each; gg: x, m). out: params(4), se(4), ll, then
/// per-customer expected(t=h) and p_alive (2n) for 0/1.
#[no_mangle]
pub extern "C" fn run(model: u32, data: *const f64, n: usize, h: f64, out: *mut f64) -> i32 {
    let d = unsafe { std::slice::from_raw_parts(data, 4 * n) };
    let o = unsafe { std::slice::from_raw_parts_mut(out, 9 + 2 * n) };
    let (x, tx, t, w) = (&d[0..n], &d[n..2 * n], &d[2 * n..3 * n], &d[3 * n..4 * n]);
    let res = match model {
        0 => Customers::weighted(x, tx, t, w).and_then(|c| bgnbd::fit(&c)).map(|(p, f)| {
            for i in 0..n { o[9 + i] = p.expected_purchases(h, x[i], tx[i], t[i]).unwrap_or(f64::NAN); o[9 + n + i] = p.p_alive(x[i], tx[i], t[i]).unwrap_or(f64::NAN); }
            f }),
        1 => Customers::weighted(x, tx, t, w).and_then(|c| pareto_nbd::fit(&c)).map(|(p, f)| {
            for i in 0..n { o[9 + i] = p.expected_purchases(h, x[i], tx[i], t[i]).unwrap_or(f64::NAN); o[9 + n + i] = p.p_alive(x[i], tx[i], t[i]).unwrap_or(f64::NAN); }
            f }),
        2 => gamma_gamma::Spenders::new(x, tx).and_then(|s| gamma_gamma::fit(&s)).map(|(_, f)| f),
        _ => bgbb::customers(x, tx, t, w).and_then(|c| bgbb::fit(&c)).map(|(_, f)| f),
    };
    match res {
        Ok(f) => { for (i, v) in f.params.iter().enumerate() { o[i] = *v; o[4 + i] = f.std_errors[i]; } o[8] = f.log_likelihood; 0 }
        Err(_) => 1,
    }
}
