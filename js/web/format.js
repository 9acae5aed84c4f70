// Numbers by the registry's result kind, as the CLI's tables and the xlsx show them
// (src/registry/display.rs `format_plain`): the kind's Display (decimals, percent, sign,
// suffix) comes from the functions WASM's `result_kinds()`, given once to initFormats();
// this file only applies it, with Intl.NumberFormat for the locale's digits and grouping.
// Display only: the exact value always travels beside it (data-value, CSV, xlsx).

/** @type {Record<string, any> | null} kind → Display, from initFormats(). */
let kinds = null;

/**
 * Gives this module the registry's displays: `result_kinds()` of the functions WASM (the
 * router's `kpi.resultKinds`). Each bundle (app.js, report.js) has its own copy of this
 * module, so each calls it once before showing a number.
 * @param {Record<string, any>} resultKinds
 */
export function initFormats(resultKinds) {
  kinds = resultKinds;
}

/** The Display of a result kind (undefined for an unknown kind). */
export function displayOf(kind) {
  if (!kinds) throw new Error('format.js: initFormats(result_kinds()) was not called');
  return Object.prototype.hasOwnProperty.call(kinds, kind) ? kinds[kind] : undefined;
}

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
 * A number shown by its result kind's Display (`money` 1,234.50, `multiple` 4.20x,
 * `fraction` 1.40%, `count` 5 or 2.35, `days` 1.0 day / 12.3 days, `score` +25.0…), as
 * `format_plain` does, with the locale's digits and grouping. `fixed`: a table column,
 * where every value keeps the kind's decimals (a whole count shows as 5.00, not 5). An
 * unknown kind, a non-finite value, or a magnitude from 1e15 up shows its exact digits.
 * @param {number} x
 * @param {string} kind
 * @param {string} [locale]
 * @param {boolean} [fixed]
 */
export function formatNumber(x, kind, locale, fixed = false) {
  const d = displayOf(kind);
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

/** Whether a result is a spreadsheet error object `{error, message}`. */
export const isError = (v) => typeof v === 'object' && v !== null && typeof v.error === 'string';

/**
 * Any result (number, text, error object, blank) for display: `{text, title, kind}` where
 * `kind` is `number`, `text`, `error` or `blank` and `title` explains an error in words.
 * @param {unknown} v
 * @param {string} resultKind
 * @param {string} [locale]
 * @param {boolean} [fixed] as for {@link formatNumber}
 */
export function formatResult(v, resultKind, locale, fixed = false) {
  if (typeof v === 'number') return { text: formatNumber(v, resultKind, locale, fixed), title: '', kind: 'number' };
  if (typeof v === 'string') return { text: v, title: '', kind: v === '' ? 'blank' : 'text' };
  if (typeof v === 'boolean') return { text: v ? 'TRUE' : 'FALSE', title: '', kind: 'text' };
  if (isError(v)) return { text: v.error, title: v.message || errorMeaning(v.error), kind: 'error' };
  return { text: '', title: '', kind: 'blank' };
}

/** What a spreadsheet error code means, for a cell that carries no message of its own. */
export function errorMeaning(code) {
  return (
    {
      '#DIV/0!': 'A division by zero: the denominator column is zero or empty here.',
      '#VALUE!': 'A cell holds text or TRUE/FALSE where a number is needed.',
      '#NUM!': 'A number out of range for this KPI (for example a negative count).',
      '#N/A': 'A value is not available.',
      '#REF!': 'The workbook already shows #REF! here: a reference to a deleted cell.',
      '#NAME?': 'The workbook already shows #NAME? here: an unknown function name.',
      '#NULL!': 'The workbook already shows #NULL! here.',
    }[code] || 'A spreadsheet error.'
  );
}

/** The exact value for machines: shortest round-trip digits, text as is, errors by code. */
export function exactValue(v) {
  if (typeof v === 'number') return String(v);
  if (isError(v)) return v.error;
  if (v === null || v === undefined) return '';
  return String(v);
}
