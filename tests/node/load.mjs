// Test helpers: the real built WASM (pkg/), and the native CLI for comparison.
import { readFileSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
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

/** Runs the native CLI in the repository root; {status, stdout, stderr} whatever the exit code. */
export function nativeRun(...args) {
  const bin = process.env.SHEETKPI_BIN || `${root}target/debug/sheetkpi`;
  const r = spawnSync(bin, args, { cwd: root, encoding: 'utf8', maxBuffer: 256 << 20 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Hex bits of a double, for bit-for-bit comparisons. */
export function bits(x) {
  const v = new DataView(new ArrayBuffer(8));
  v.setFloat64(0, x);
  return v.getBigUint64(0).toString(16).padStart(16, '0');
}

/**
 * Compares a JS result with a native one: numbers bit for bit, texts exactly, errors by
 * code; a table (rows, header first) cell by cell by the same rule, shape included.
 */
export function sameResult(actual, expected) {
  if (Array.isArray(expected)) {
    return (
      Array.isArray(actual) &&
      actual.length === expected.length &&
      expected.every((row, i) => Array.isArray(actual[i]) && actual[i].length === row.length && row.every((c, j) => sameResult(actual[i][j], c)))
    );
  }
  if (typeof expected === 'number') return typeof actual === 'number' && bits(actual) === bits(expected);
  if (typeof expected === 'string') return actual === expected;
  return typeof actual === 'object' && actual !== null && !Array.isArray(actual) && actual.error === expected.error;
}

/**
 * A native result against its registry example's expected one, by the registry's rule
 * (tests/registry_contract.rs): as sameResult, except that a table column with a stated
 * `tolerance` (computed by a numeric method) is checked relatively to it.
 * @param {unknown} native
 * @param {unknown} expected
 * @param {{tolerance: number | null}[]} columns the function's registry columns
 */
export function matchesExpected(native, expected, columns) {
  if (!Array.isArray(expected)) return sameResult(native, expected);
  if (!Array.isArray(native) || native.length !== expected.length) return false;
  return expected.every((row, i) => {
    const got = native[i];
    if (!Array.isArray(got) || got.length !== row.length || row.length !== columns.length) return false;
    return row.every((want, j) => {
      const tol = columns[j].tolerance;
      if (i === 0 || tol == null || typeof want !== 'number') return sameResult(got[j], want);
      return typeof got[j] === 'number' && Math.abs(got[j] - want) <= tol * Math.max(Math.abs(want), 1e-300);
    });
  });
}
