// Starts the functions WASM (inlined in app.js by the build, so no fetch is needed and
// file:// works) and wraps it in the shared JS router every host uses.
import init, * as glue from '@pkg/sheetkpi.js';
import wasmBytes from '@pkg/sheetkpi_bg.wasm';
import { createKpi } from '../core/sheetkpi.js';

/**
 * Compiles and instantiates the WASM (asynchronously: browsers refuse large synchronous
 * compiles on the main thread) and returns the raw glue and the router.
 */
export async function boot() {
  await init({ module_or_path: wasmBytes });
  return { glue, kpi: createKpi(glue) };
}
