// The registry's display of a result (src/registry/display.rs `format_plain`: decimals,
// percent, sign, suffix) applied in JavaScript, for every host that shows a formatted
// number (the page, the Excel task pane and help). The Display itself always comes from
// the registry (`result_kinds()`, or a function's `display`); this file only applies it,
// with Intl.NumberFormat for the locale's digits and grouping.

/** @type {Map<string, Intl.NumberFormat>} */
const cache = new Map();

/** A cached Intl.NumberFormat for `locale` (undefined: the browser's) with these options. */
function nf(locale, options) {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, options);
    cache.set(key, f);
  }
  return f;
}

/**
 * `a` (finite, ≥ 0) with `d` decimals as Rust's `{:.d}` writes it: the exact binary value
 * rounded, ties to even. toFixed rounds the exact value too but breaks ties upwards, and
 * Intl rounds the shortest decimal (12.35 → 12.4, where the double is 12.3499…).
 */
function fixedDigits(a, d) {
  const s = a.toFixed(d);
  // A tie ends in exactly 5 one place after the last kept digit; 100 places show it
  // (a double below 1e15 that is no tie differs from one long before that).
  const long = a.toFixed(100);
  const keep = long.indexOf('.') + (d > 0 ? 1 + d : 0);
  if (!/^50*$/.test(long.slice(d > 0 ? keep : keep + 1))) return s;
  const down = long.slice(0, keep);
  return Number(down[down.length - 1]) % 2 === 0 ? down : s;
}

/** The shortest round-trip digits, as Rust's `docs::format_number` writes them (1e21, 1e-8). */
export function plainNumber(x) {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'NaN' : x > 0 ? 'inf' : '-inf';
  const a = Math.abs(x);
  if (x !== 0 && (a >= 1e21 || a < 1e-7)) return x.toExponential().replace('e+', 'e');
  if (x !== 0 && a < 1e-6) {
    // JS writes 1e-7…1e-6 in exponent form; Rust in plain digits.
    const [m, e] = a.toExponential().split('e');
    return `${x < 0 ? '-' : ''}0.${'0'.repeat(-Number(e) - 1)}${m.replace('.', '')}`;
  }
  return Object.is(x, -0) ? '-0' : String(x);
}

/**
 * A number shown by a registry Display (`money` 1,234.50, `multiple` 4.20x, `fraction`
 * 1.40%, `count` 5 or 2.35, `days` 1.0 day / 12.3 days, `score` +25.0…), as
 * `format_plain` does, with the locale's digits and grouping. `fixed`: a table column,
 * where every value keeps the kind's decimals (a whole count shows as 5.00, not 5). No
 * Display, a non-finite value, or a magnitude from 1e15 up shows its exact digits.
 * @param {number} x
 * @param {{decimals: number, percent: boolean, signed: boolean, suffix: string, suffix_one: string, trim_whole: boolean} | undefined} d
 * @param {string} [locale] undefined: the browser's
 * @param {boolean} [fixed]
 */
export function formatDisplay(x, d, locale, fixed = false) {
  const shown = d && d.percent ? x * 100 : x;
  if (!d || !Number.isFinite(shown) || Math.abs(shown) >= 1e15) return plainNumber(x);
  const decimals = d.trim_whole && !fixed && Number.isInteger(x) ? 0 : d.decimals;
  const digits = fixedDigits(Math.abs(shown), decimals);
  // No "-0.00": a value that rounds to zero shows without a sign.
  const zero = !/[1-9]/.test(digits);
  const text = nf(locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals, signDisplay: d.signed ? 'exceptZero' : 'auto' })
    // A decimal string is formatted as written, so Intl does not round it a second time.
    .format(/** @type {any} */ (`${x < 0 && !zero ? '-' : ''}${digits}`));
  return text + (x === 1 ? d.suffix_one : d.suffix);
}


/**
 * `x` and, where its display says more than the digits (a suffix, a percentage), the
 * display: `10, shown as 10.00x`; `600` for money. For a cell's value beside what the
 * other hosts show for it.
 * @param {number} x
 * @param {Parameters<typeof formatDisplay>[1]} d
 * @param {string} [locale]
 */
export function valueAndDisplay(x, d, locale) {
  const plain = formatDisplay(x, d, 'en-US');
  return Number(plain.replace(/,/g, '')) === x ? String(x) : `${x}, shown as ${formatDisplay(x, d, locale)}`;
}
