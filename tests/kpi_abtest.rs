//! ABTEST_UPLIFT, ABTEST_PVALUE, ABTEST_SAMPLE_SIZE.
//!
//! Statistical expected values come from Python 3.11 with statsmodels 0.15.0 and
//! scipy 1.17.1; each comment gives the exact call.

mod kpi_support;
use kpi_support::*;
use sheetkpi::ErrorKind::*;

#[test]
fn uplift_worked_values() {
    // A 3% (150/5000), B 3.6% (180/5000): (0.036 − 0.03) / 0.03 = 0.2.
    assert_eq!(num("ABTEST_UPLIFT(150, 5000, 180, 5000)"), 0.2);
    // Unequal traffic: A 40/1000 = 4%, B 30/500 = 6% → +50%.
    assert_eq!(num("ABTEST_UPLIFT(40, 1000, 30, 500)"), 0.5);
    // B worse: 4% → 3% is −25%.
    assert_eq!(num("ABTEST_UPLIFT(40, 1000, 30, 1000)"), -0.25);
    // 3 → 4 of 7 visitors each: 1/3.
    assert_eq!(num("ABTEST_UPLIFT(3, 7, 4, 7)"), 1.0 / 3.0);
    // Days blend before the rates: A (20 + 20)/(500 + 500), B (30 + 30)/(500 + 500) → +50%.
    assert_eq!(num("ABTEST_UPLIFT({20,20}, {500,500}, {30,30}, {500,500})"), 0.5);
}

#[test]
fn uplift_errors() {
    errors(&[
        ("ABTEST_UPLIFT(0, 1000, 30, 1000)", Div0),
        ("ABTEST_UPLIFT(0, 0, 30, 1000)", Div0),
        ("ABTEST_UPLIFT(40, 1000, 0, 0)", Div0),
        ("ABTEST_UPLIFT(1001, 1000, 30, 1000)", Num),
        ("ABTEST_UPLIFT(40, 1000, -30, 1000)", Num),
        ("ABTEST_UPLIFT(40, 1000, 30, TRUE)", Value),
        ("ABTEST_UPLIFT(40, 1000, , 1000)", NA),
    ]);
}

/// p-values agree with statsmodels to a few ulps: both use double-precision erfc,
/// but z is formed differently (here from exact decimals).
const P_TOLERANCE: f64 = 1e-13;

#[test]
fn pvalue_matches_statsmodels() {
    let cases = [
        // proportions_ztest([90, 100], [4000, 5000], alternative='two-sided')[1]
        ("ABTEST_PVALUE(100, 5000, 90, 4000)", 0.4123262644591533),
        // proportions_ztest([130, 100], [1000, 1000], alternative='larger')[1]
        ("ABTEST_PVALUE(100, 1000, 130, 1000, 1)", 0.017744225233237355),
        // proportions_ztest([520, 400], [10000, 10000], alternative='two-sided')[1]
        ("ABTEST_PVALUE(400, 10000, 520, 10000)", 5.109912575984726e-05),
        // proportions_ztest([40, 60], [1000, 1000], alternative='larger')[1]
        ("ABTEST_PVALUE(60, 1000, 40, 1000, 1)", 0.9799130648557439),
        // proportions_ztest([250, 200], [10000, 10000], alternative='two-sided')[1], as daily ranges
        ("ABTEST_PVALUE({50,50,100}, {2000,3000,5000}, {100,150}, {4000,6000})", 0.01712582887219501),
        // proportions_ztest([1300, 1000], [20000, 20000], alternative='two-sided')[1]
        ("ABTEST_PVALUE(1000, 20000, 1300, 20000)", 1.16808381505345e-10),
    ];
    for (formula, expected) in cases {
        let got = num(formula);
        assert!(close(got, expected, P_TOLERANCE), "{formula}: {got:e} vs statsmodels {expected:e}");
    }
}

/// The exact p-value, correctly rounded to a double: Python 3.11, mpmath 1.4.1, mp.dps = 50,
/// pool = (ca+cb)/(na+nb); z = (cb/nb − ca/na)/sqrt(pool·(1−pool)·(1/na+1/nb));
/// float(erfc(abs(z)/sqrt(2))) two-tailed, float(erfc(z/sqrt(2))/2) one-tailed.
/// The implementation stays within a few ulps (its error grows like z² in the tail).
#[test]
fn pvalue_is_within_a_few_ulps_of_the_exact_value() {
    let cases = [
        ("ABTEST_PVALUE(200, 10000, 250, 10000)", 0.017125828872195013, 1e-15),
        ("ABTEST_PVALUE(200, 10000, 250, 10000, 1)", 0.008562914436097507, 1e-15),
        ("ABTEST_PVALUE(100, 5000, 90, 4000)", 0.41232626445915316, 1e-15),
        ("ABTEST_PVALUE(100, 1000, 130, 1000, 1)", 0.017744225233237345, 1e-15),
        ("ABTEST_PVALUE(120, 2400, 150, 2400)", 0.06019481615911411, 1e-15),
        ("ABTEST_PVALUE(500, 10000, 560, 10000)", 0.058257806033516144, 1e-15),
        ("ABTEST_PVALUE(10, 100, 20, 100)", 0.04767038065616145, 1e-15),
        ("ABTEST_PVALUE(300, 5000, 360, 5000, 1)", 0.007832982655811751, 1e-15),
        ("ABTEST_PVALUE(400, 10000, 520, 10000)", 5.109912575984706e-05, 2e-15),
        ("ABTEST_PVALUE(1000, 20000, 1300, 20000)", 1.1680838150534516e-10, 5e-15),
    ];
    for (formula, exact, rel) in cases {
        let got = num(formula);
        assert!(close(got, exact, rel), "{formula}: {got:e} vs exact {exact:e}");
    }
}

#[test]
fn tiny_pvalues_keep_their_significant_digits() {
    // Far-tail p-values are doubles like any other (no 28-decimal floor any more); the
    // exact values are mpmath's at mp.dps = 60, as in the test above. The relative error
    // grows like z² in the tail (z ≈ 19 in the last case).
    assert!(close(num("ABTEST_PVALUE(1000, 20000, 1400, 20000)"), 3.7163337304157274e-17, 1e-13));
    assert!(close(num("ABTEST_PVALUE(1000, 20000, 1500, 20000)"), 5.267118704691622e-25, 1e-13));
    assert!(close(num("ABTEST_PVALUE(1000, 20000, 2000, 20000)"), 2.350263933361872e-80, 1e-13));
}

#[test]
fn pvalue_symmetry_and_tails() {
    // Swapping A and B leaves the two-tailed p-value unchanged…
    assert_eq!(num("ABTEST_PVALUE(200, 10000, 250, 10000)"), num("ABTEST_PVALUE(250, 10000, 200, 10000)"));
    // …and the two one-tailed p-values sum to 1; the two-tailed one is twice the smaller.
    let (up, down) = (num("ABTEST_PVALUE(200, 10000, 250, 10000, 1)"), num("ABTEST_PVALUE(250, 10000, 200, 10000, 1)"));
    assert!(close(up + down, 1.0, 1e-15));
    assert!(close(2.0 * up, num("ABTEST_PVALUE(200, 10000, 250, 10000)"), 1e-15));
    // Identical rates: no evidence at all.
    assert_eq!(num("ABTEST_PVALUE(30, 1000, 60, 2000)"), 1.0);
    assert_eq!(num("ABTEST_PVALUE(30, 1000, 60, 2000, 1)"), 0.5);
}

#[test]
fn pvalue_errors() {
    errors(&[
        ("ABTEST_PVALUE(0, 1000, 0, 1000)", Div0),
        ("ABTEST_PVALUE(1000, 1000, 500, 500)", Div0),
        ("ABTEST_PVALUE(0, 0, 10, 1000)", Div0),
        ("ABTEST_PVALUE(10, 1000, 20, 1000, 0)", Num),
        ("ABTEST_PVALUE(10, 1000, 20, 1000, 1.5)", Num),
        ("ABTEST_PVALUE(10, 1000, 2000, 1000)", Num),
        ("ABTEST_PVALUE(10, 1000, 20, 1000, \"two\")", Value),
        ("ABTEST_PVALUE(10, 1000, 20)", NA),
    ]);
}

#[test]
fn sample_size_matches_statsmodels() {
    // math.ceil(statsmodels.stats.proportion.samplesize_proportions_2indep_onetail(
    //     diff=p2 - p1, prop2=p1, power=power, alpha=alpha, alternative='two-sided'))
    let cases = [
        // diff=0.01, prop2=0.02, power=0.8, alpha=0.05 → 3825.1497221026225
        ("ABTEST_SAMPLE_SIZE(0.02, 0.5)", 3826.0),
        // diff=0.015, prop2=0.3, power=0.95, alpha=0.1 → 20481.865705973414
        ("ABTEST_SAMPLE_SIZE(0.3, 0.05, 0.1, 0.95)", 20482.0),
        // diff=0.005, prop2=0.05, power=0.8, alpha=0.05 → 31233.43794013002
        ("ABTEST_SAMPLE_SIZE(0.05, 0.1, 0.05, 0.8)", 31234.0),
        // diff=-0.01, prop2=0.1, power=0.8, alpha=0.05 → 13494.969706443555
        ("ABTEST_SAMPLE_SIZE(10%, -10%)", 13495.0),
    ];
    for (formula, expected) in cases {
        assert_eq!(num(formula), expected, "{formula}");
    }
    // Power 0.5 needs only the significance term: (1.959963984540054 · √(2·0.11·0.89) / 0.02)²
    // = 1880.39… (scipy.stats.norm.ppf(0.975) = 1.959963984540054) → 1881.
    assert_eq!(num("ABTEST_SAMPLE_SIZE(0.1, 0.2, 0.05, 0.5)"), 1881.0);
}

#[test]
fn sample_size_errors() {
    errors(&[
        ("ABTEST_SAMPLE_SIZE(0.05, 0)", Div0),
        ("ABTEST_SAMPLE_SIZE(0, 0.1)", Num),
        ("ABTEST_SAMPLE_SIZE(1, 0.1)", Num),
        ("ABTEST_SAMPLE_SIZE(1.2, 0.1)", Num),
        ("ABTEST_SAMPLE_SIZE(0.5, 1.5)", Num),
        ("ABTEST_SAMPLE_SIZE(0.5, -1.5)", Num),
        ("ABTEST_SAMPLE_SIZE(0.05, 0.1, 1)", Num),
        ("ABTEST_SAMPLE_SIZE(0.05, 0.1, 0.05, 0.4)", Num),
        ("ABTEST_SAMPLE_SIZE(0.05, 0.1, 0.05, 1)", Num),
        ("ABTEST_SAMPLE_SIZE(0.05, 1e-12)", Num),
        ("ABTEST_SAMPLE_SIZE({0.05;0.06}, 0.1)", Value),
        ("ABTEST_SAMPLE_SIZE(0.05, \"10%\")", Value),
        ("ABTEST_SAMPLE_SIZE(, 0.1)", NA),
    ]);
}
