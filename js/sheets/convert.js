// Google Sheets values ↔ the shared router's values (js/core/sheetkpi.js).
//
// In: Sheets passes numbers, strings ("" for a blank cell), booleans, Dates, and a range
// as a 2-D array of those. Dates become serial days; a cell whose text is exactly an
// error code becomes that error, because Sheets hands error cells to scripts as their
// code text (as Range.getValues does), so #REF! in an input propagates as #REF!.
// Out: a number or text is returned as is; a spreadsheet error is thrown as an Error
// whose message is the code, a space and the explanation ("#DIV/0! Ad spend is zero…"):
// Sheets shows #ERROR! in the cell and that message in its tooltip. A table (rows, header
// first) is returned as the 2-D array, which Sheets spills into the adjacent cells (Apps
// Script guide, "Return values"); a custom function has no way to put an error into one
// cell of it, so an error cell becomes the text of its code ("#NUM!").

/** The error codes Sheets can show in a cell. */
export const SHEETS_ERROR_CODES = ['#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A', '#ERROR!'];
const ERROR_SET = new Set(SHEETS_ERROR_CODES);

/** Whether `v` is a Date, from any realm (Sheets' Dates are the script's own). */
const isDate = (v) => Object.prototype.toString.call(v) === '[object Date]';

/**
 * One Sheets cell value → one router cell.
 * @param {unknown} v
 * @param {(d: Date) => number} serialOf
 */
export function toCell(v, serialOf) {
  switch (typeof v) {
    case 'number':
    case 'boolean':
      return v;
    case 'string':
      return ERROR_SET.has(v) ? { error: v } : v;
    case 'undefined':
      return '';
    default:
      if (v === null) return '';
      if (isDate(v)) return serialOf(/** @type {Date} */ (v));
      // Sheets sends nothing else; anything else is read as text, which KPIs reject.
      return String(v);
  }
}

/** Whether a cell must be converted before the router can read it. */
function needsConversion(v) {
  const t = typeof v;
  return t === 'string' ? ERROR_SET.has(v) : t !== 'number' && t !== 'boolean';
}

/** Whether a range holds any cell that must be converted (most hold only numbers and ""). */
function rangeNeedsConversion(range) {
  for (const row of range) {
    if (!Array.isArray(row)) {
      if (needsConversion(row)) return true;
      continue;
    }
    for (const c of row) if (needsConversion(c)) return true;
  }
  return false;
}

/**
 * A custom function's `arguments` → the router's argument list. A range (2-D array) stays
 * a 2-D array, copied only if some cell needs converting; trailing omitted arguments are
 * dropped so optional parameters take their defaults.
 * @param {ArrayLike<unknown>} args
 * @param {(d: Date) => number} serialOf
 */
export function toArgs(args, serialOf) {
  let n = args.length;
  while (n > 0 && args[n - 1] === undefined) n--;
  const out = new Array(n);
  for (let i = 0; i < n; i++) {
    const a = args[i];
    if (!Array.isArray(a)) out[i] = toCell(a, serialOf);
    else if (!rangeNeedsConversion(a)) out[i] = a;
    else out[i] = a.map((row) => (Array.isArray(row) ? row.map((c) => toCell(c, serialOf)) : toCell(row, serialOf)));
  }
  return out;
}

/**
 * The router's result → what the custom function returns, or throws for an error.
 * @param {number|string|{error: string, message: string}|Array<Array<any>>} r
 */
export function fromResult(r) {
  if (typeof r === 'number' || typeof r === 'string') return r;
  if (Array.isArray(r)) return r.map((row) => row.map(fromCell));
  throw new Error(`${r.error} ${r.message}`);
}

/**
 * One cell of a table: a number or a text as it is, an error cell as its code.
 * @param {number|string|{error: string}} c
 */
export function fromCell(c) {
  return typeof c === 'number' || typeof c === 'string' ? c : c.error;
}
