// The Sheets runtime, bundled by build.mjs (esbuild) into one plain global script with
// the wasm-bindgen glue and the shared router. Every custom function calls `call`.

import initWasm, * as glue from '../../pkg/sheetkpi.js';
import { createKpi } from '../core/sheetkpi.js';
import { decodeBase64 } from './base64.js';
import { toArgs, fromResult } from './convert.js';
import { makeSerialOf } from './dates.js';

/**
 * Creates the runtime for one script execution. The WASM is decoded and instantiated on
 * the first call and reused by every later call in the same execution.
 * @param {string} wasmBase64 the module, base64
 * @param {any} host the Apps Script global scope (for dates: SpreadsheetApp, Utilities)
 */
export function createRuntime(wasmBase64, host) {
  /** @type {Promise<ReturnType<typeof createKpi>> | null} */
  let ready = null;
  const serialOf = makeSerialOf(host);

  /** The router, instantiating the WASM on first use. */
  function kpi() {
    if (ready === null) {
      // The async init is the path Google's own WASM samples use in Apps Script.
      ready = initWasm({ module_or_path: decodeBase64(wasmBase64) }).then(() => createKpi(glue));
      ready.catch(() => {
        ready = null;
      });
    }
    return ready;
  }

  /**
   * Runs KPI `id` on a custom function's `arguments`.
   * @param {string} id registry id
   * @param {ArrayLike<unknown>} args
   */
  async function call(id, args) {
    const router = await kpi();
    return fromResult(router.call(id, toArgs(args, serialOf)));
  }

  return { call, kpi };
}
