// Benchmark: the WASM fast paths in Node beside the same arithmetic in plain JavaScript.
//   node bench/wasm-bench.mjs        (after scripts/build-wasm.sh)
// Reports calls per second, the ratio to plain JS, and the .wasm size (raw and gzip).
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import * as glue from '../pkg/sheetkpi.js';
import { createKpi } from '../js/core/sheetkpi.js';

const wasmBytes = readFileSync(new URL('../pkg/sheetkpi_bg.wasm', import.meta.url));
glue.initSync({ module: wasmBytes });
const kpi = createKpi(glue);

function time(label, fn, reps = 1) {
  fn(); // warm-up
  const t0 = process.hrtime.bigint();
  let sink = 0;
  for (let r = 0; r < reps; r++) sink += fn();
  const s = Number(process.hrtime.bigint() - t0) / 1e9 / reps;
  return { label, s, sink };
}

const N = 1_000_000;
const revenue = Float64Array.from({ length: N }, (_, i) => 1000 + (i % 997) * 1.25);
const spend = Float64Array.from({ length: N }, (_, i) => 10 + (i % 331) * 0.5);
const roas = kpi.indexOf('ROAS');

const scalarWasm = time('ROAS x1e6, WASM fast path (kpi.call)', () => {
  let acc = 0;
  for (let i = 0; i < N; i++) acc += kpi.call(roas, [revenue[i], spend[i]]);
  return acc;
}, 3);
const scalarJs = time('ROAS x1e6, plain JS revenue / spend', () => {
  let acc = 0;
  for (let i = 0; i < N; i++) acc += revenue[i] / spend[i];
  return acc;
}, 3);

// Excel hands a column range over as an array of one-cell rows.
const cost = Array.from({ length: N }, (_, i) => [(i % 500) + 0.75]);
const customers = Array.from({ length: N }, (_, i) => [i % 4]);
const rangeWasm = time('CAC over two 1e6-cell ranges, WASM (kpi.call)', () => kpi.call('CAC', [cost, customers]), 3);
const rangeJs = time('CAC over two 1e6-cell ranges, plain JS sum / sum', () => {
  let c = 0, n = 0;
  for (let i = 0; i < N; i++) { c += cost[i][0]; n += customers[i][0]; }
  return c / n;
}, 3);
const rangeGeneric = time('CAC over two 1e6-cell ranges, generic serde path', () => glue.evaluate('CAC', [cost, customers]), 1);

const rows = [
  [scalarWasm, N / scalarWasm.s, scalarWasm.s / scalarJs.s],
  [scalarJs, N / scalarJs.s, 1],
  [rangeWasm, 1 / rangeWasm.s, rangeWasm.s / rangeJs.s],
  [rangeGeneric, 1 / rangeGeneric.s, rangeGeneric.s / rangeJs.s],
  [rangeJs, 1 / rangeJs.s, 1],
];
for (const [r, perSec, ratio] of rows) {
  console.log(`${r.label.padEnd(52)} ${(r.s * 1000).toFixed(1).padStart(9)} ms  ${perSec.toExponential(3).padStart(10)} calls/s  ${ratio.toFixed(1).padStart(6)}x plain JS time`);
}
console.log(`exact vs float: WASM CAC = ${rangeWasm.sink / 4}, plain JS = ${rangeJs.sink / 4}`);
console.log(`pkg/sheetkpi_bg.wasm: ${wasmBytes.length} bytes raw, ${gzipSync(wasmBytes, { level: 9 }).length} bytes gzip -9`);
