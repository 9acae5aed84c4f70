// Test helpers: the real built WASM (pkg/), and the native CLI for comparison.
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as glue from '../../pkg/sheetkpi.js';
import { createKpi } from '../../js/core/sheetkpi.js';

export const root = fileURLToPath(new URL('../../', import.meta.url));

glue.initSync({ module: readFileSync(new URL('../../pkg/sheetkpi_bg.wasm', import.meta.url)) });

/** The raw wasm-bindgen exports and the routed JS API over them. */
export { glue };
export const kpi = createKpi(glue);

/** Runs the native CLI (built by scripts/test.sh; SHEETKPI_BIN overrides). */
export function nativeCli(...args) {
  const bin = process.env.SHEETKPI_BIN || `${root}target/debug/sheetkpi`;
  return execFileSync(bin, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
}

/** Hex bits of a double, for bit-for-bit comparisons. */
export function bits(x) {
  const v = new DataView(new ArrayBuffer(8));
  v.setFloat64(0, x);
  return v.getBigUint64(0).toString(16).padStart(16, '0');
}

/** Compares a JS result with a native/expected one: numbers bit for bit, errors by code. */
export function sameResult(actual, expected) {
  if (typeof expected === 'number') return typeof actual === 'number' && bits(actual) === bits(expected);
  if (typeof expected === 'string') return actual === expected;
  return typeof actual === 'object' && actual !== null && actual.error === expected.error;
}
