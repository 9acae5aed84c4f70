// Numbers as a marketer reads them, by the registry's result kind: money with cents,
// ROAS as 4.2:1, rates as percentages, NPS as a signed score, durations in words.
// Display only: the exact value always travels beside it (data-value, CSV, xlsx).

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

/** Up to `max` decimals; exactly `max` when `fixed` (a table column: 1.60% lines up with 0.92%). */
const upTo = (max, fixed, extra = {}) => ({ minimumFractionDigits: fixed ? max : 0, maximumFractionDigits: max, ...extra });

/** "2 min 5 s", "1 h 2 min", "12.5 s". */
function duration(x, locale, fixed) {
  const sign = x < 0 ? '−' : '';
  const s = Math.abs(x);
  if (s < 60) return `${sign}${nf(locale, upTo(1, fixed)).format(s)} s`;
  const total = Math.round(s);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (hours > 0) return `${sign}${nf(locale, upTo(0, false)).format(hours)} h ${minutes} min`;
  return `${sign}${minutes} min ${seconds} s`;
}

/**
 * A KPI number in words for its result kind (`money`, `multiple`, `fraction`, `ratio`,
 * `count`, `seconds`, `days`, `months`, `score`).
 * `fixed`: every value of a table column with the same decimals (1.60%, 4.00:1, 2.30).
 * @param {number} x
 * @param {string} kind
 * @param {string} [locale]
 * @param {boolean} [fixed]
 */
export function formatNumber(x, kind, locale, fixed = false) {
  if (!Number.isFinite(x)) return String(x);
  switch (kind) {
    case 'money':
      return nf(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(x);
    case 'multiple':
      return `${nf(locale, upTo(2, fixed)).format(x)}:1`;
    case 'fraction':
      return nf(locale, upTo(2, fixed, { style: 'percent' })).format(x);
    case 'score':
      return nf(locale, upTo(1, fixed, { signDisplay: 'exceptZero' })).format(x);
    case 'seconds':
      return duration(x, locale, fixed);
    case 'days':
      return `${nf(locale, upTo(1, fixed)).format(x)} ${x === 1 ? 'day' : 'days'}`;
    case 'months':
      return `${nf(locale, upTo(1, fixed)).format(x)} ${x === 1 ? 'month' : 'months'}`;
    default:
      return nf(locale, upTo(Number.isInteger(x) && !fixed ? 0 : 2, fixed)).format(x);
  }
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
