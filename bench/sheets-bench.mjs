// Google Sheets add-on figures: the bundle Apps Script loads on every execution, and the
// time of a cold execution (evaluate the bundle files, instantiate the WASM, first ROAS)
// in the Node emulation of Apps Script (js/sheets/emulator.mjs). Run after build:sheets:
//   node bench/sheets-bench.mjs [runs]
import { gzipSync } from 'node:zlib';
import { performance } from 'node:perf_hooks';
import { execution, bundleFiles } from '../js/sheets/emulator.mjs';

const runs = Number(process.argv[2] || 30);
const files = bundleFiles();

const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
let total = 0;
let totalGz = 0;
console.log('bundle (push order)            raw        gzip');
for (const f of files) {
  const raw = Buffer.byteLength(f.code);
  const gz = gzipSync(f.code, { level: 9 }).length;
  total += raw;
  totalGz += gz;
  console.log(`  ${f.name.padEnd(26)} ${kb(raw).padStart(10)} ${kb(gz).padStart(10)}`);
}
console.log(`  ${'total'.padEnd(26)} ${kb(total).padStart(10)} ${kb(totalGz).padStart(10)}`);

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return `median ${q(0.5).toFixed(2)} ms, min ${s[0].toFixed(2)} ms, p90 ${q(0.9).toFixed(2)} ms`;
};

const load = [];
const first = [];
const cold = [];
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  const ex = execution({ files });
  const t1 = performance.now();
  const r = await ex.call('ROAS', 1000, 100);
  const t2 = performance.now();
  if (r !== 10) throw new Error(`ROAS gave ${r}`);
  load.push(t1 - t0);
  first.push(t2 - t1);
  cold.push(t2 - t0);
}
console.log(`\ncold execution, ${runs} runs (fresh context each):`);
console.log(`  evaluate the bundle files     ${stats(load)}`);
console.log(`  instantiate + first ROAS      ${stats(first)}`);
console.log(`  total                         ${stats(cold)}`);

const ex = execution({ files, timeZone: 'America/Los_Angeles' });
await ex.call('ROAS', 1, 1);
const n = 2000;
let t = performance.now();
for (let i = 0; i < n; i++) await ex.call('ROAS', 1000 + i, 100);
console.log(`\nwarm ROAS(scalar, scalar): ${(((performance.now() - t) / n) * 1000).toFixed(1)} µs per call`);

// Ranges built in the script's realm beforehand, as Sheets hands them over.
const spend = ex.value(Array.from({ length: 10000 }, (_, i) => [i % 7 === 0 ? '' : (i % 13) + 0.25]));
const customers = ex.value(Array.from({ length: 10000 }, (_, i) => [i % 5]));
t = performance.now();
for (let i = 0; i < 20; i++) await ex.call('CAC', spend, customers);
console.log(`warm CAC(10,000-cell range, 10,000-cell range): ${((performance.now() - t) / 20).toFixed(2)} ms per call`);

const leads = ex.value(Array.from({ length: 1000 }, (_, i) => [ex.date(45000 + (i % 300))]));
const closes = ex.value(Array.from({ length: 1000 }, (_, i) => [i % 9 === 0 ? '' : ex.date(45030 + (i % 300) + (i % 17))]));
t = performance.now();
const days = await ex.call('SALES_CYCLE', leads, closes);
console.log(`SALES_CYCLE over 1,000 date rows (first call, time zone read and dates converted): ${(performance.now() - t).toFixed(2)} ms (= ${days} days)`);
