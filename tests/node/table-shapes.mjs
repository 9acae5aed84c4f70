// What each host must show for a table the core returned (rows, header first, cells
// number | string | {error, message}), written from the hosts' documentation rather than
// from their converters, so a test holds the converters to it:
// - Excel spills the 2-D array; an error cell is a CustomFunctions.Error in place, with an
//   output code (#REF! and #NAME? are input-only: #VALUE!) and a message only with #VALUE!
//   and #N/A (Microsoft's custom-functions-errors page).
// - Sheets spills the 2-D array; a custom function cannot put an error into one cell, so
//   an error cell is the text of its code (docs/sheets.md).

/** The code Excel shows for a core error code. */
export const excelCode = (code) => (code === '#REF!' || code === '#NAME?' ? '#VALUE!' : code);

/** One error cell as the Excel emulation reports it. */
function excelError(c) {
  const code = excelCode(c.error);
  return (code === '#VALUE!' || code === '#N/A') && c.message ? { error: code, message: c.message } : { error: code };
}

const isError = (c) => typeof c === 'object' && c !== null;

/** A native table as Excel's spilled cells (the emulation's `cell().value`). */
export const excelTable = (rows) => rows.map((r) => r.map((c) => (isError(c) ? excelError(c) : c)));

/** A native table as Sheets' spilled cells. */
export const sheetsTable = (rows) => rows.map((r) => r.map((c) => (isError(c) ? c.error : c)));

/** A value from an emulation's realm with this realm's arrays, for deepStrictEqual (which compares prototypes). */
export const plain = (v) =>
  Array.isArray(v) ? Array.from(v, plain) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)])) : v;
