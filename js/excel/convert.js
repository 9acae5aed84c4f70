// Conversions between Excel's custom-function values and the shared core's values.
// This is the only Excel-specific logic: routing and computing belong to createKpi.
//
// In:  numbers, strings, booleans as they are; null for a blank or omitted argument;
//      CustomFunctions.Error objects for error cells (allowErrorForDataTypeAny);
//      2-D arrays for matrix parameters, a single cell arriving as [[v]].
// Out: a number or a string, or a thrown CustomFunctions.Error; for a table function a
//      2-D array (it spills as a dynamic array) whose error cells are CustomFunctions.Error
//      objects in place, as Microsoft's docs return #NUM! inside an array: one bad cell
//      does not turn the whole table into an error.

/** Core error codes → CustomFunctions.ErrorCode member names that Excel accepts as results. */
const OUTPUT_CODES = {
  '#DIV/0!': 'divisionByZero',
  '#VALUE!': 'invalidValue',
  '#NUM!': 'invalidNumber',
  '#N/A': 'notAvailable',
  '#NULL!': 'nullReference',
};

/** Excel shows a custom message only with these codes (custom-functions-runtime docs). */
const CODES_WITH_MESSAGE = new Set(['invalidValue', 'notAvailable']);

/**
 * Builds the converters over the runtime's own CustomFunctions namespace.
 * @param {any} CF the CustomFunctions global of the runtime
 */
export function excelConverters(CF) {
  const ErrorClass = CF.Error;
  const isArray = Array.isArray;
  const isError = (v) => typeof v === 'object' && v !== null && v instanceof ErrorClass;

  /** One cell: an Excel error object becomes the core's {error: code}. */
  const cell = (v) => (isError(v) ? { error: v.code } : v);

  /** Whether a matrix holds an error object anywhere. */
  function hasError(m) {
    for (let i = 0; i < m.length; i++) {
      const row = m[i];
      if (!isArray(row)) {
        if (isError(row)) return true;
        continue;
      }
      for (let j = 0; j < row.length; j++) if (isError(row[j])) return true;
    }
    return false;
  }

  /**
   * One argument. A 1×1 matrix is unwrapped (a single cell means the same as a scalar
   * to every parameter kind) so that the common =KPI.ROAS(B2, C2) takes the scalar fast
   * path; larger matrices are copied only when they hold an error object.
   */
  function arg(v) {
    if (!isArray(v)) return cell(v);
    if (v.length === 1 && isArray(v[0]) && v[0].length === 1) return cell(v[0][0]);
    return hasError(v) ? v.map((r) => (isArray(r) ? r.map(cell) : cell(r))) : v;
  }

  /**
   * The Excel error for a core error. #REF! and #NAME? are input-only codes in Excel
   * (a custom function can't return them), so a propagated one becomes #VALUE! whose
   * message still names the original error and the input that holds it.
   * @param {{error: string, message?: string}} e
   */
  function error(e) {
    const name = OUTPUT_CODES[e.error] ?? 'invalidValue';
    const code = CF.ErrorCode[name];
    return CODES_WITH_MESSAGE.has(name) && e.message ? new CF.Error(code, e.message) : new CF.Error(code);
  }

  /**
   * One cell of a table: a number or a text as it is, an error cell as its
   * CustomFunctions.Error (returned, not thrown), a non-finite number as #NUM!.
   * @param {unknown} c
   */
  function tableCell(c) {
    if (typeof c === 'number') return Number.isFinite(c) ? c : new CF.Error(CF.ErrorCode.invalidNumber);
    if (typeof c === 'string') return c;
    if (c && typeof c === 'object' && typeof c.error === 'string') return error(c);
    return new CF.Error(CF.ErrorCode.invalidValue, 'sheetkpi returned an unexpected cell.');
  }

  /**
   * A core result as Excel takes it: the value, a table (rows of cells, header first) as
   * a 2-D array, or a thrown CustomFunctions.Error.
   * @param {unknown} r
   */
  function result(r) {
    if (typeof r === 'number') {
      if (Number.isFinite(r)) return r;
      throw new CF.Error(CF.ErrorCode.invalidNumber);
    }
    if (typeof r === 'string') return r;
    if (isArray(r) && r.length > 0 && r.every(isArray)) return r.map((row) => row.map(tableCell));
    if (r && typeof r === 'object' && typeof r.error === 'string') throw error(r);
    throw new CF.Error(CF.ErrorCode.invalidValue, 'sheetkpi returned an unexpected value.');
  }

  return { arg, error, result };
}
