// Results on the page, by the registry's result kind, as the CLI's tables and the xlsx
// show them: the kind's Display comes from the functions WASM's `result_kinds()`, given
// once to initFormats(), and js/core/display.js applies it. Display only: the exact value
// always travels beside it (data-value, CSV, xlsx).
import { formatDisplay, plainNumber } from '../core/display.js';

export { plainNumber };

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

/**
 * A number shown by its result kind's Display (see formatDisplay); an unknown kind shows
 * the exact digits.
 * @param {number} x
 * @param {string | null} kind
 * @param {string} [locale]
 * @param {boolean} [fixed]
 */
export function formatNumber(x, kind, locale, fixed = false) {
  return formatDisplay(x, displayOf(kind), locale, fixed);
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
