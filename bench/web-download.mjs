// The page's downloads and report time on a large workbook, for the workbook handle
// (issue 15: a CSV download of the 100,000-row report in ≤ 0.3 s). The workbook is
// bench/import-workbook.mjs's xlsx (default 100,000 rows × 10 columns), made if absent.
// In headless Chromium on the built page, for each page folder given (default dist/web;
// give two, e.g. a build of the branch's start and this one, to compare in one run):
//  - file chosen → report drawn: the input's change event to the status line saying the
//    file was read, one frame later; median of 3
//  - CSV download: the button clicked to the status saying it was saved (the worker's
//    answer, the Blob and the link clicked); median of 3; likewise the Excel download
// Run after npm run build:web: node bench/web-download.mjs [rows=100000] [page-folder…]
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const rows = Number(process.argv[2] || 100000);
const dists = process.argv.slice(3).map((d) => resolve(d));
const file = join(root, `target/bench-import/campaigns-${rows}.xlsx`);
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

if (!process.env.SHEETKPI_BENCH_CHILD) {
  if (!existsSync(file)) execFileSync('node', [join(root, 'bench/import-workbook.mjs'), String(rows), file], { stdio: 'inherit' });
  // One process per page folder: the harness serves the folder SHEETKPI_WEB_DIST names.
  for (const dist of dists.length ? dists : [join(root, 'dist/web')]) {
    execFileSync(process.execPath, [fileURLToPath(import.meta.url), String(rows)], {
      stdio: 'inherit',
      env: { ...process.env, SHEETKPI_WEB_DIST: dist, SHEETKPI_BENCH_CHILD: '1' },
    });
  }
} else {
  const { openBrowser, dist } = await import('../tests/node/web-harness.mjs');
  const browser = await openBrowser();
  try {
    const { page, errors } = await browser.open('/');
    await page.waitForFunction(() => performance.getEntriesByName('sheetkpi:importer-ready').length === 1, null, { timeout: 60000 });
    await page.evaluate(() =>
      document.getElementById('file').addEventListener('change', () => {
        globalThis.__changedAt = performance.now();
      }),
    );
    const opened = [];
    for (let i = 0; i < 3; i++) {
      await page.evaluate(() => (document.getElementById('status').textContent = ''));
      await page.setInputFiles('#file', file);
      await page.waitForFunction(() => /^Read /.test(document.getElementById('status').textContent), null, { timeout: 300000 });
      opened.push(await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => ok(performance.now() - globalThis.__changedAt)))));
    }
    /** Milliseconds from clicking `button` to the status line saying the file was saved. */
    const save = (button) =>
      page.evaluate(
        (id) =>
          new Promise((ok, fail) => {
            const status = document.getElementById('status');
            const t0 = performance.now();
            const seen = new MutationObserver(() => {
              if (/^Saved /.test(status.textContent)) {
                seen.disconnect();
                ok(performance.now() - t0);
              } else if (status.textContent === '') fail(new Error('the download failed'));
            });
            seen.observe(status, { childList: true, characterData: true, subtree: true });
            document.getElementById(id).click();
          }),
        button,
      );
    const csv = [];
    const xlsx = [];
    for (let i = 0; i < 3; i++) {
      csv.push(await save('download-csv'));
      xlsx.push(await save('download-xlsx'));
    }
    if (errors.length) throw new Error(errors.join('\n'));
    const ms = (xs) => `${median(xs).toFixed(0)} ms`;
    console.log(`${dist}: campaigns-${rows}.xlsx: file chosen → report drawn ${ms(opened)} · CSV download ${ms(csv)} · Excel download ${ms(xlsx)} (medians of 3; all: ${[opened, csv, xlsx].map((xs) => xs.map((x) => x.toFixed(0)).join('/')).join(', ')})`);
  } finally {
    await browser.close();
  }
}
