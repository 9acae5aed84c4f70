// Benchmark: the catalogue's functions through the shared JS router over the real WASM.
//   node bench/catalogue-bench.mjs        (after scripts/build-wasm.sh)
// Scalar calls take the eval_fast path; ranges take eval_numbers, or the generic serde
// path when a range must keep its blanks in place (SALES_CYCLE with open deals).
import { readFileSync } from 'node:fs';
import * as glue from '../pkg/sheetkpi.js';
import { createKpi } from '../js/core/sheetkpi.js';

glue.initSync({ module: readFileSync(new URL('../pkg/sheetkpi_bg.wasm', import.meta.url)) });
const kpi = createKpi(glue);

/** Seconds per call of `fn(i)` over `n` calls, after a warm-up. */
function perCall(n, fn) {
  for (let i = 0; i < Math.min(n, 1000); i++) fn(i);
  const t0 = process.hrtime.bigint();
  let sink = 0;
  for (let i = 0; i < n; i++) {
    const r = fn(i);
    sink += typeof r === 'number' ? r : 1;
  }
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  if (!Number.isFinite(sink)) throw new Error('non-finite result');
  return s / n;
}

const N = 200_000;
const scalar = [
  ['CPM', (i) => [500 + (i % 97), 100000 + i]],
  ['ROAC', (i) => [10000 + i, 1500, 500, i % 300]],
  ['RETENTION_RATE', (i) => [900 + (i % 50), 50, 1000]],
  ['CLV_RETENTION', (i) => [100 + (i % 13), 0.8, 0.1]],
  ['PACING', (i) => [5000 + (i % 999), 20000, 10, 30]],
  ['NPS', (i) => [60 + (i % 7), 25, 15]],
  ['ABTEST_UPLIFT', (i) => [200 + (i % 50), 10000, 250, 10000]],
  ['ABTEST_PVALUE', (i) => [200 + (i % 50), 10000, 250, 10000]],
  ['ABTEST_SAMPLE_SIZE', (i) => [0.01 + (i % 400) / 1000, 0.1, 0.05, 0.8]],
];
const rows = [];
for (const [name, args] of scalar) {
  const idx = kpi.indexOf(name);
  rows.push([`${name} (scalars, fast path)`, perCall(N, (i) => kpi.call(idx, args(i)))]);
}
const status = kpi.indexOf('KPI_STATUS');
rows.push(['KPI_STATUS (text result: fast path, then generic)', perCall(N / 4, (i) => kpi.call(status, [90 + (i % 20), 100]))]);

// Ranges: 10 000 deals; every fifth still open (blank close date) in the second case.
const DEALS = 10_000;
const leads = Array.from({ length: DEALS }, (_, i) => [45000 + (i % 300)]);
const closed = leads.map(([d], i) => [d + (i % 90)]);
const open = closed.map((c, i) => (i % 5 === 0 ? [null] : c));
rows.push([`SALES_CYCLE ${DEALS} deals, all closed (numbers path)`, perCall(50, () => kpi.call('SALES_CYCLE', [leads, closed]))]);
rows.push([`SALES_CYCLE ${DEALS} deals, 20% open (generic path)`, perCall(50, () => kpi.call('SALES_CYCLE', [leads, open]))]);
const scores = Array.from({ length: 100_000 }, (_, i) => [i % 11]);
rows.push(['NPS over 100 000 answers', perCall(20, () => kpi.call('NPS', [scores]))]);
const engagements = Array.from({ length: 10_000 }, (_, i) => [i % 40, i % 7, i % 3]);
const impressions = Array.from({ length: 10_000 }, (_, i) => [1000 + i]);
rows.push(['ENGAGEMENT_RATE 10 000 posts x 3 columns', perCall(50, () => kpi.call('ENGAGEMENT_RATE', [engagements, impressions]))]);

for (const [label, s] of rows) {
  const us = s * 1e6;
  console.log(`${label.padEnd(56)} ${us.toFixed(us < 10 ? 3 : 1).padStart(10)} µs/call  ${(1 / s).toExponential(2).padStart(9)} calls/s`);
}
