// Time to report a large workbook in the browser page, beside the native CLI on the same
// file. The workbook (default 100,000 rows × 9 columns, xlsx and CSV) comes from
// bench/web-workbook.mjs. For each file:
//  - native: `sheetkpi report FILE --format json` (target/release/sheetkpi, built first;
//    SHEETKPI_BIN overrides), wall time of the process, median of 3
//  - page: headless Chromium on dist/web from localhost, the file set on the file input;
//    time from the input's change event to the report drawn (table, tiles and charts, one
//    frame later), median of 3; the part spent waiting for the importer's worker (WASM
//    read, every KPI, the report less its rows handed over), as the page reports it; and
//    the longest main-thread task meanwhile (how long the page could not respond)
// Run after npm run build:web: node bench/web-report.mjs [rows=100000]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openBrowser, root } from '../tests/node/web-harness.mjs';
import { csv, xlsx } from './web-workbook.mjs';

const rows = Number(process.argv[2] || 100000);
const dir = join(root, 'target/bench-web');
mkdirSync(dir, { recursive: true });
const files = [join(dir, `campaigns-${rows}.xlsx`), join(dir, `campaigns-${rows}.csv`)];
if (!existsSync(files[0])) writeFileSync(files[0], xlsx(rows));
if (!existsSync(files[1])) writeFileSync(files[1], csv(rows));

// The native side is the shipped (release) build: a debug build is ten times slower.
if (!process.env.SHEETKPI_BIN) execFileSync('cargo', ['build', '--release', '--quiet'], { cwd: root, stdio: 'inherit' });
const bin = process.env.SHEETKPI_BIN || join(root, 'target/release/sheetkpi');
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

const browser = await openBrowser();
try {
  const { page, errors } = await browser.open('/');
  // The report script and the importer's worker start once the page is ready; a visitor's
  // first drop would wait for them too, so they are timed separately here.
  await page.waitForFunction(() => performance.getEntriesByName('sheetkpi:importer-ready').length === 1, null, { timeout: 60000 });
  const marks = await page.evaluate(() => ({
    ready: performance.getEntriesByName('sheetkpi:ready')[0].startTime,
    importer: performance.getEntriesByName('sheetkpi:importer-ready')[0].startTime,
  }));
  console.log(`navigation → page ready ${marks.ready.toFixed(0)} ms → importer compiled in its worker ${marks.importer.toFixed(0)} ms`);
  await page.evaluate(() => {
    document.getElementById('file').addEventListener('change', () => {
      globalThis.__changedAt = performance.now();
      globalThis.__longest = 0;
    });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) globalThis.__longest = Math.max(globalThis.__longest, e.duration);
    }).observe({ type: 'longtask' });
  });
  for (const file of files) {
    const native = [];
    for (let i = 0; i < 3; i++) {
      const t = process.hrtime.bigint();
      const r = spawnSync(bin, ['report', file, '--format', 'json'], { maxBuffer: 1 << 30 });
      if (r.status !== 0) throw new Error(String(r.stderr));
      native.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    const total = [];
    const inner = [];
    const longest = [];
    for (let i = 0; i < 3; i++) {
      await page.evaluate(() => (document.getElementById('status').textContent = ''));
      await page.setInputFiles('#file', file);
      await page.waitForFunction(() => /^Read |could not/.test(document.getElementById('status').textContent) || !document.getElementById('import-error').hidden, null, { timeout: 300000 });
      const t = await page.evaluate(
        () =>
          new Promise((ok) =>
            requestAnimationFrame(() =>
              ok({
                total: performance.now() - globalThis.__changedAt,
                inner: Number(/computed here in (\d+) ms/.exec(document.getElementById('report-source').textContent)[1]),
                longest: globalThis.__longest,
              }),
            ),
          ),
      );
      total.push(t.total);
      inner.push(t.inner);
      longest.push(t.longest);
    }
    if (errors.length) throw new Error(errors.join('\n'));
    const name = file.slice(dir.length + 1);
    console.log(`${name}: native CLI ${median(native).toFixed(0)} ms · page ${median(total).toFixed(0)} ms from file chosen to report drawn, of which ${median(inner).toFixed(0)} ms waiting for the importer's worker; longest main-thread task ${median(longest).toFixed(0)} ms (medians of 3)`);
  }
} finally {
  await browser.close();
}
