// What the page says when the importer's WASM traps. A trap is either the file needing
// more memory than the tab gives WebAssembly (the Rust side notes the allocation it could
// not get: import_memory_failure) or a fault in sheetkpi (a panic, which wasm32 cannot
// unwind). Either way the instance is done and the page starts a fresh one.

/** The megabytes of `bytes`, for a message. */
const megabytes = (bytes) => `${Math.max(1, Math.round(bytes / 1048576)).toLocaleString('en-US')} MB`;

/** What the page says of a file that needs `bytes` more memory than the tab gives. */
export const memoryMessage = (bytes) =>
  `this file needs more memory than this browser tab gives the workbook reader (it could not get ${megabytes(bytes)} more). Open it with the sheetkpi command-line tool, or split it into smaller files`;

/**
 * The message for `err` (a WebAssembly.RuntimeError) thrown by the importer `imp`.
 * @param {{import_memory_failure: () => number}} imp
 * @param {Error} err
 */
export function trapMessage(imp, err) {
  let failed = 0;
  try {
    failed = imp.import_memory_failure();
  } catch {
    // The instance cannot even answer this: say what is known.
  }
  if (failed > 0) return memoryMessage(failed);
  return `the workbook reader failed on this file (${err.message}). This is a fault in sheetkpi, not in your file; please report it with the file if you can`;
}
