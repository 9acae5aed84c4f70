// Accessibility of the built page, checked by axe-core (Deque's engine, run in real
// headless Chromium) against WCAG 2 A and AA rules: the page as it opens, with a function
// chosen in the catalogue, with the sample report shown and its mapping open, and with a
// journey file's attribution section (its model controls, one marked invalid, and the
// transition matrix open), and with a transaction list's customers section (a control
// marked invalid, the tracking plot's numbers open).
// axe is injected as a script, which the page's own policy rightly forbids, so this test
// alone runs with the policy bypassed; every other web test runs under it.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { openBrowser, dist, root } from './web-harness.mjs';
import { transactions, writeXlsx } from './customer-data.mjs';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const browser = await openBrowser({ bypassCSP: true });
after(() => browser.close());
const { page, errors } = await browser.open('/');
await page.addScriptTag({ path: axePath });

/** WCAG 2 A/AA violations on the page now, as readable lines. */
async function violations() {
  const found = await page.evaluate(async () => {
    const r = await globalThis.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`);
  });
  return found;
}

test('the page as it opens', async () => {
  assert.deepEqual(await violations(), []);
});

test('with a function chosen in the catalogue and an error in the formula bar', async () => {
  await page.click('#catalogue li[data-id="CAC"] button');
  await page.fill('#formula', '=ROAS(1000,');
  assert.deepEqual(await violations(), []);
});

test('with the sample report, its rows and its column mapping shown', { skip: !existsSync(join(dist, 'report.js')) }, async () => {
  await page.click('#sample');
  await page.waitForFunction(() => document.getElementById('status').textContent.startsWith('Read campaigns.xlsx:'));
  await page.click('#mapping summary');
  await page.click('#report-table tr.group button.rows-toggle');
  await page.waitForSelector('#report-table table[data-level="rows"] tbody tr');
  assert.deepEqual(await violations(), []);
});

test('with the attribution section of a journey file shown', { skip: !existsSync(join(dist, 'report.js')) }, async () => {
  await page.setInputFiles('#file', join(root, 'tests/fixtures/journeys/paths_ca.csv'));
  await page.waitForSelector('#attribution table[data-part="removal"]');
  assert.deepEqual(await violations(), []);
});

test('with the attribution model controls in use: a value marked invalid, the transition matrix open', { skip: !existsSync(join(dist, 'report.js')) }, async () => {
  await page.fill('#attribution-halfLife', 'soon');
  await page.press('#attribution-halfLife', 'Enter');
  await page.waitForSelector('#attribution-options-error:not([hidden])');
  assert.equal(await page.getAttribute('#attribution-halfLife', 'aria-invalid'), 'true');
  await page.click('#attribution-transitions summary');
  await page.waitForSelector('#attribution-transitions table[data-part="transitions"]');
  assert.deepEqual(await violations(), []);
});

test('with the customers section of a transaction list shown, a control marked invalid', { skip: !existsSync(join(dist, 'report.js')) }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sheetkpi-a11y-'));
  try {
    await page.setInputFiles('#file', writeXlsx(join(dir, 'orders.xlsx'), transactions(), 'Orders'));
    await page.waitForSelector('#customers #tracking-plot');
    await page.click('#customers details summary');
    await page.fill('#customers-horizon', 'soon');
    await page.press('#customers-horizon', 'Enter');
    await page.waitForSelector('#customers-options-error:not([hidden])');
    assert.deepEqual(await violations(), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('no console errors', () => {
  assert.deepEqual(errors, []);
});
