// The catalogue's f64 statistics and shape-sensitive inputs, beyond the registry
// examples: seeded pseudo-random calls, WASM (routed and generic) against the native
// CLI, bit for bit. The A/B statistics use erfc and a normal quantile, where a
// platform libm could differ in the last bit; SALES_CYCLE keeps blanks in place, which
// the numbers-only fast path must hand back to the generic path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { glue, kpi, nativeCli, sameResult, bits } from './load.mjs';

/** xorshift32: the same cases on every run. */
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    return s / 4294967296;
  };
}

/** A JS argument as formula text: numbers, blanks, 2-D arrays (one row per cell). */
function literal(a) {
  if (Array.isArray(a)) return `{${a.map((row) => row.map((c) => (c === null ? '' : String(c))).join(',')).join(';')}}`;
  return a === null ? '' : String(a);
}

function cases() {
  const r = rng(20240607);
  const int = (lo, hi) => lo + Math.floor(r() * (hi - lo + 1));
  const out = [];
  for (let i = 0; i < 300; i++) {
    const na = int(50, 200000), nb = int(50, 200000);
    const ca = int(0, Math.floor(na * 0.3)), cb = int(0, Math.floor(nb * 0.3));
    out.push(['ABTEST_PVALUE', [ca, na, cb, nb]]);
    out.push(['ABTEST_PVALUE', [ca, na, cb, nb, 1]]);
    out.push(['ABTEST_UPLIFT', [ca, na, cb, nb]]);
  }
  const alphas = [0.01, 0.05, 0.1, 0.2], powers = [0.5, 0.8, 0.9, 0.95, 0.99];
  for (let i = 0; i < 300; i++) {
    const p = int(1, 9000) / 10000, uplift = int(-900, 3000) / 1000;
    out.push(['ABTEST_SAMPLE_SIZE', [p, uplift, alphas[i % 4], powers[i % 5]]]);
  }
  for (let i = 0; i < 200; i++) {
    out.push(['CLV_RETENTION', [int(-500, 5000) / 10, int(0, 100) / 100, int(0, 50) / 100]]);
    out.push(['PACING', [int(0, 90000), int(1, 90000), int(0, 31), 31]]);
    out.push(['NPS', [Array.from({ length: int(1, 30) }, () => [int(0, 10)])]]);
    out.push(['NPS', [int(0, 500), int(0, 500), int(0, 500)]]);
    out.push(['KPI_STATUS', [int(0, 2000) / 10, int(1, 1000) / 10, int(50, 100) / 100, r() < 0.5]]);
    // Deals with open (blank) close dates: the pairing must survive every path.
    const deals = int(1, 12);
    const leads = [], closes = [];
    for (let d = 0; d < deals; d++) {
      const lead = 45000 + int(0, 300);
      leads.push([lead]);
      closes.push([r() < 0.3 ? null : lead + int(0, 120) + int(0, 3) / 4]);
    }
    out.push(['SALES_CYCLE', [leads, closes]]);
  }
  return out;
}

test('catalogue statistics and paired ranges: WASM (routed and generic) = native CLI, bit for bit', () => {
  const all = cases();
  const dir = mkdtempSync(join(tmpdir(), 'sheetkpi-catalogue-'));
  const file = join(dir, 'formulas.txt');
  writeFileSync(file, all.map(([name, args]) => `${name}(${args.map(literal).join(', ')})`).join('\n'));
  let native;
  try {
    native = nativeCli('eval', '--json', '--file', file);
  } catch (e) {
    native = e.stdout; // exit status 1 when some results are spreadsheet errors
  }
  const results = native.trim().split('\n').map((line) => JSON.parse(line));
  assert.equal(results.length, all.length);
  let numbers = 0;
  all.forEach(([name, args], i) => {
    const expected = results[i];
    for (const [how, got] of [['routed', kpi.call(name, args)], ['generic', glue.evaluate(name, args)]]) {
      assert.ok(sameResult(got, expected), `${how} ${name}(${args.map(literal).join(', ')}): ${JSON.stringify(got)} ≠ native ${JSON.stringify(expected)}`);
      if (typeof got === 'number') assert.equal(bits(got), bits(expected));
    }
    if (typeof expected === 'number') numbers++;
  });
  // Most cases are valid inputs, so this compares numbers, not just error codes.
  assert.ok(numbers > all.length * 0.8, `only ${numbers} of ${all.length} gave numbers`);
});
