// The browser page in headless Chromium, served from localhost (no cache: the server
// sends no-store, and every load is a fresh page):
//  - app.js (the page's script with the functions WASM inlined) and report.js, raw and gzip -9
//  - time from navigation start to ready (WASM compiled, formula bar and catalogue live),
//    median of 7 loads, from the `sheetkpi:ready` performance mark
//  - time from navigation start to first contentful paint
// Run after npm run build:web: node bench/web-load.mjs
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { openBrowser, dist } from '../tests/node/web-harness.mjs';

const size = (f) => {
  const b = readFileSync(join(dist, f));
  return `${(b.length / 1024).toFixed(0)} KiB raw, ${(gzipSync(b, { level: 9 }).length / 1024).toFixed(0)} KiB gzip`;
};
console.log(`app.js:    ${size('app.js')}`);
if (existsSync(join(dist, 'report.js'))) console.log(`report.js: ${size('report.js')} (loaded after ready)`);

const browser = await openBrowser();
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
try {
  const ready = [];
  const paint = [];
  for (let i = 0; i < 7; i++) {
    const { page, errors } = await browser.open('/');
    const t = await page.evaluate(() => ({
      ready: performance.getEntriesByName('sheetkpi:ready')[0].startTime,
      paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
    }));
    if (errors.length) throw new Error(errors.join('\n'));
    ready.push(t.ready);
    paint.push(t.paint);
    await page.close();
  }
  console.log(`navigation start → first contentful paint: ${median(paint).toFixed(1)} ms (median of 7)`);
  console.log(`navigation start → ready (WASM compiled, page interactive): ${median(ready).toFixed(1)} ms (median of 7; all: ${ready.map((x) => x.toFixed(0)).join(', ')})`);
} finally {
  await browser.close();
}
