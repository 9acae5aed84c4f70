// The add-in in headless Chromium (served from localhost, office.js stand-in):
//  - .wasm and functions.js shipped to Excel, raw and gzip -9
//  - time from navigation start to all functions associated, and to the WASM ready
//    (median of 7 fresh page loads; the dev server sends no-store, so nothing is cached)
//  - the recalculation workload of bench/excel-runtime.mjs, run inside the page
// Run after npm run build:excel: node bench/excel-browser.mjs
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { openBrowser } from '../js/excel/emulation/browser.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist/excel');
const size = (f) => {
  const b = readFileSync(join(dist, f));
  return `${b.length} B raw, ${gzipSync(b, { level: 9 }).length} B gzip`;
};
console.log(`sheetkpi_bg.wasm: ${size('sheetkpi_bg.wasm')}`);
console.log(`functions.js:     ${size('functions.js')}`);

const browser = await openBrowser(dist);
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
try {
  const associated = [];
  const ready = [];
  for (let i = 0; i < 7; i++) {
    const { page, errors } = await browser.open();
    await page.waitForFunction(() => performance.getEntriesByName('sheetkpi:wasm-ready').length === 1);
    const t = await page.evaluate(() => ({
      associated: performance.getEntriesByName('sheetkpi:associated')[0].startTime,
      ready: performance.getEntriesByName('sheetkpi:wasm-ready')[0].startTime,
    }));
    if (errors.length) throw new Error(errors.join('\n'));
    associated.push(t.associated);
    ready.push(t.ready);
    await page.close();
  }
  console.log(`navigation start → all functions associated: ${median(associated).toFixed(1)} ms (median of 7)`);
  console.log(`navigation start → WASM ready (first answers): ${median(ready).toFixed(1)} ms (median of 7)`);

  const { page } = await browser.open();
  await page.waitForFunction(() => performance.getEntriesByName('sheetkpi:wasm-ready').length === 1);
  const r = await page.evaluate(() => {
    const fns = globalThis.officeStandin.associations;
    const roas = fns.get('ROAS');
    const cac = fns.get('CAC');
    const cells = Array.from({ length: 10000 }, (_, i) => [[[1000 + (i % 977) * 1.5]], [[100 + (i % 89)]]]);
    const ranges = Array.from({ length: 8 }, (_, r) => [
      Array.from({ length: 1000 }, (_, i) => [(i + r) % 11 === 0 ? null : ((i * 7 + r) % 500) + 0.25]),
      Array.from({ length: 1000 }, (_, i) => [(i + r) % 5]),
    ]);
    const time = (fn) => {
      fn();
      const ts = [];
      for (let k = 0; k < 7; k++) {
        const t = performance.now();
        fn();
        ts.push(performance.now() - t);
      }
      return ts.sort((a, b) => a - b)[3];
    };
    let sink = 0;
    const out = {
      roas: time(() => {
        for (const [a, b] of cells) sink += roas(a, b);
      }),
      cac: time(() => {
        for (let i = 0; i < 1000; i++) sink += cac(ranges[i & 7][0], ranges[i & 7][1]);
      }),
    };
    if (!Number.isFinite(sink)) throw new Error('a call failed');
    return out;
  });
  console.log(`in Chromium: 10,000 KPI.ROAS cells ${r.roas.toFixed(1)} ms (${((r.roas * 1000) / 10000).toFixed(2)} µs/call)`);
  console.log(`in Chromium: 1,000 KPI.CAC over 1,000 rows ${r.cac.toFixed(1)} ms (${(r.cac / 1000).toFixed(3)} ms/call)`);
} finally {
  await browser.close();
}
