// Excel recalculation in the custom-functions emulation (the built dist/excel/functions.js
// in a vm context with the documented runtime), cells shaped as Excel sends them:
//   10,000 =KPI.ROAS(B2, C2) cell calls: each argument a 1×1 matrix [[v]]
//   1,000  =KPI.CAC(B2:B1001, C2:C1001) calls over 1,000-row ranges (some blank cells)
// and, for scale, the same calls straight into the shared router (createKpi) without the
// Excel conversion. Median of 7 runs after a warm-up. Run: node bench/excel-runtime.mjs
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadAddin } from '../js/excel/emulation/harness.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const addin = await loadAddin(join(root, 'dist/excel'));
const roas = addin.standin.associations.get('ROAS');
const cac = addin.standin.associations.get('CAC');
const { kpi } = addin;

const cells = Array.from({ length: 10000 }, (_, i) => [[[1000 + (i % 977) * 1.5]], [[100 + (i % 89)]]]);
const ranges = Array.from({ length: 8 }, (_, r) => [
  Array.from({ length: 1000 }, (_, i) => [(i + r) % 11 === 0 ? null : ((i * 7 + r) % 500) + 0.25]),
  Array.from({ length: 1000 }, (_, i) => [(i + r) % 5]),
]);

function median(fn, runs = 7) {
  fn(); // warm-up
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[runs >> 1];
}

let sink = 0;
const rows = [
  ['10,000 KPI.ROAS cells, Excel shim', 10000, () => { for (const [a, b] of cells) sink += roas(a, b); }],
  ['10,000 ROAS, router only (scalars)', 10000, () => { for (const [a, b] of cells) sink += kpi.call(1, [a[0][0], b[0][0]]); }],
  ['1,000 KPI.CAC over 1,000 rows, Excel shim', 1000, () => { for (let i = 0; i < 1000; i++) { const [s, c] = ranges[i & 7]; sink += cac(s, c); } }],
  ['1,000 CAC over 1,000 rows, router only', 1000, () => { for (let i = 0; i < 1000; i++) { const [s, c] = ranges[i & 7]; sink += kpi.call('CAC', [s, c]); } }],
];
console.log(`sheetkpi ${kpi.version}, Node ${process.version}, ${kpi.functions.length} functions`);
for (const [name, n, fn] of rows) {
  const ms = median(fn);
  console.log(`${name.padEnd(44)} ${ms.toFixed(1).padStart(8)} ms  ${((ms * 1000) / n).toFixed(2).padStart(8)} µs/call`);
}
if (!Number.isFinite(sink)) throw new Error('a benchmark call failed');
