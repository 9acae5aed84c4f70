// The add-on's sidebar in real headless Chromium. Its page is what the script's
// sheetKpiShowSidebar hands HtmlService in the Apps Script emulation; google.script.run
// is a stand-in with Google's documented shape (withSuccessHandler / withFailureHandler,
// then the server function by name; the failure handler gets an Error) that runs the
// server function in that same emulation, so the insert button's formula lands in the
// emulated spreadsheet. Nothing may be requested from anywhere. Screenshot:
// test-artifacts/sheets-sidebar.png.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { nativeCli, root } from './load.mjs';
import { execution } from '../../js/sheets/emulator.mjs';
import { FLAGS } from '../../js/excel/emulation/browser.mjs';

const registry = JSON.parse(nativeCli('functions', '--json'));
/** Where the sidebar page is served from (a reserved name: nothing real answers there). */
const SIDEBAR_URL = 'https://sidebar.invalid/';

/** google.script.run as the page sees it, calling `window.__appsScript(name, args)`. */
const STANDIN = `(() => {
  const runner = (ok, fail) => new Proxy({}, {
    get(_, name) {
      if (name === 'withSuccessHandler') return (f) => runner(f, fail);
      if (name === 'withFailureHandler') return (f) => runner(ok, f);
      return (...args) => {
        window.__appsScript(name, args).then((v) => ok && ok(v), (e) => fail && fail(new Error(String(e && e.message || e).replace(/^Error: /, ''))));
      };
    },
  });
  window.google = { script: { run: runner(null, null) } };
})();`;

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: FLAGS });
after(() => browser.close());

/** Opens the sidebar of an execution whose selection is `selection`; returns the page and what it did. */
async function openSidebar(selection) {
  const ex = execution({ selection });
  ex.call('sheetKpiShowSidebar');
  const [{ html }] = ex.sheet.sidebars;
  const page = await browser.newPage({ viewport: { width: 300, height: 760 } }); // Sheets' sidebar is 300 px wide
  const errors = [];
  const requests = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  // The page is served as Google serves a sidebar: from an origin of its own (here one
  // that cannot exist), with google.script.run present before the page's script runs.
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url === SIDEBAR_URL) return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    requests.push(url);
    return route.abort();
  });
  await page.exposeFunction('__appsScript', (name, args) => JSON.parse(JSON.stringify(ex.call(name, ...args) ?? null)));
  await page.addInitScript(STANDIN);
  await page.goto(SIDEBAR_URL);
  await page.waitForSelector('#catalogue li');
  return { page, ex, errors, requests };
}

test('the sidebar lists every function, searches, and inserts the chosen example into the selected cell', async () => {
  const { page, ex, errors, requests } = await openSidebar('C5');
  const listed = await page.$$eval('#catalogue li', (lis) => lis.map((li) => li.dataset.id));
  assert.deepEqual(listed, registry.map((f) => f.id));
  assert.equal(await page.textContent('#status'), `${registry.length} of ${registry.length} functions`);

  await page.fill('#search', 'ad spend');
  const shown = await page.$$eval('#catalogue li:not([hidden])', (lis) => lis.map((li) => li.dataset.id));
  assert.ok(shown.includes('ROAS') && shown.length < registry.length, `search shows ${shown}`);

  await page.click('#catalogue li[data-id="ROAS"] > button');
  assert.match(await page.textContent('#details'), /=ROAS\(1000, 100\)\s*→ 10, shown as 10\.00x/);
  await page.click('#details .insert');
  await page.waitForFunction(() => /Inserted/.test(document.querySelector('.inserted').textContent));
  assert.equal(await page.textContent('.inserted'), 'Inserted =ROAS(1000, 100) into C5.');
  assert.equal(ex.sheet.formulas.get('C5'), '=ROAS(1000, 100)');

  // Another example, chosen with its radio button.
  await page.check('#details .examples label:nth-child(2) input');
  await page.click('#details .insert');
  const second = registry.find((f) => f.id === 'ROAS').examples[1].formula;
  await page.waitForFunction((f) => document.querySelector('.inserted').textContent.includes(f), second);
  assert.equal(ex.sheet.formulas.get('C5'), `=${second}`);

  mkdirSync(join(root, 'test-artifacts'), { recursive: true });
  await page.screenshot({ path: join(root, 'test-artifacts/sheets-sidebar.png'), fullPage: false });
  assert.deepEqual(errors, []);
  assert.deepEqual(requests, [], 'the sidebar requests nothing');
});

test("a server refusal shows the script's own words", async () => {
  const { page, errors } = await openSidebar(null);
  await page.click('#catalogue li[data-id="CAC"] > button');
  await page.click('#details .insert');
  await page.waitForFunction(() => /Could not/.test(document.querySelector('.inserted').textContent));
  assert.equal(await page.textContent('.inserted'), 'Could not insert the formula: Select a cell first.');
  assert.deepEqual(errors, []);
});
