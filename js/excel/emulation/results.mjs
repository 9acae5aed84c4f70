// What the emulated Excel accepts back from a custom function, by the function's
// functions.json `result`, and what the cell (or, for a matrix, the spilled range) then
// shows. Only what Microsoft documents, so that the add-in cannot pass the tests with a
// value real Excel would not take:
// - a scalar `number` result is a finite number, a `string` result a string
//   (custom-functions-json: result.type);
// - a `dimensionality: "matrix"` result is a two-dimensional array of values, which spills
//   ("Return multiple results from your custom function"): rows of equal length, at least
//   one cell, each cell a number, a string, a boolean, or a CustomFunctions.Error returned
//   in its place (the CustomFunctions.Error reference returns #NUM! inside a 2-D array);
// - an error, thrown or in a cell, has an output code (#REF! and #NAME? are input-only)
//   and a message only with #VALUE! or #N/A (custom-functions-errors).
// Anything else is a bug in the add-in: it throws here, and the test fails.

const INPUT_ONLY = new Set(['#REF!', '#NAME?']);
const WITH_MESSAGE = new Set(['#VALUE!', '#N/A']);

/**
 * An error as Excel shows it: {error: code, message?}; throws for one Excel would refuse.
 * @param {{code: string, message?: string}} e
 * @param {string} where
 */
export function shownError(e, where) {
  if (typeof e.code !== 'string' || INPUT_ONLY.has(e.code)) throw new TypeError(`${where}: ${e.code} is not an output error code`);
  if (e.message !== undefined && !WITH_MESSAGE.has(e.code)) throw new TypeError(`${where}: Excel shows no message with ${e.code}`);
  return e.message === undefined ? { error: e.code } : { error: e.code, message: e.message };
}

/**
 * What the cells show for a value a function returned (not threw).
 * @param {{type?: string, dimensionality?: string}} declared the functions.json `result`
 * @param {unknown} v
 * @param {any} CF the runtime's CustomFunctions
 * @param {string} id
 */
export function shownResult(declared, v, CF, id) {
  if (declared.dimensionality !== 'matrix') {
    const ok = declared.type === 'string' ? typeof v === 'string' : typeof v === 'number' && Number.isFinite(v);
    if (!ok) throw new TypeError(`${id}: a ${declared.type} result cannot be ${describe(v)}`);
    return v;
  }
  if (!Array.isArray(v) || v.length === 0 || !v.every(Array.isArray)) {
    throw new TypeError(`${id}: a matrix result must be a two-dimensional array, not ${describe(v)}`);
  }
  const width = v[0].length;
  if (width === 0 || v.some((row) => row.length !== width)) throw new TypeError(`${id}: a matrix result's rows must be equally long and not empty`);
  return v.map((row, i) =>
    row.map((c, j) => {
      const where = `${id} row ${i} column ${j}`;
      if (c instanceof CF.Error) return shownError(c, where);
      if ((typeof c === 'number' && Number.isFinite(c)) || typeof c === 'string' || typeof c === 'boolean') return c;
      throw new TypeError(`${where}: a cell cannot be ${describe(c)}`);
    }),
  );
}

/** A value named for a failure message. */
function describe(v) {
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (typeof v === 'number') return `the number ${v}`;
  return v === null ? 'null' : typeof v === 'object' ? 'an object' : typeof v;
}
