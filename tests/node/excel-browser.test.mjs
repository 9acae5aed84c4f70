// The built add-in's shared-runtime page in real headless Chromium: WASM loads, every
// function is associated, calls answer, the task pane lists and inserts, nothing leaves
// localhost, no console errors. Screenshot: test-artifacts/excel-taskpane.png.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { kpi, root } from './load.mjs';
import { formatDisplay } from '../../js/core/display.js';
import { openBrowser } from '../../js/excel/emulation/browser.mjs';

const browser = await openBrowser(join(root, 'dist/excel'));
after(() => browser.close());
const { page, errors } = await browser.open();
const ids = kpi.functions.map((f) => f.id.toUpperCase());

test('the WASM loads once and every function is associated', async () => {
  await page.waitForFunction(() => performance.getEntriesByName('sheetkpi:wasm-ready').length === 1);
  const associated = await page.evaluate(() => [...globalThis.officeStandin.associations.keys()]);
  assert.deepEqual(associated, ids);
  const wasm = browser.requests.filter((u) => u.endsWith('/sheetkpi_bg.wasm'));
  assert.equal(wasm.length, 1, `the WASM is fetched once: ${wasm}`);
});

test('calls from the runtime answer with values and CustomFunctions errors', async () => {
  const results = await page.evaluate(async () => {
    const fns = globalThis.officeStandin.associations;
    const settle = async (f) => {
      try {
        return { value: await f() };
      } catch (e) {
        return { error: e.code, message: e.message, isCfError: e instanceof CustomFunctions.Error };
      }
    };
    return {
      roas: await settle(() => fns.get('ROAS')([[1000]], [[100]])),
      blended: await settle(() => fns.get('ROAS')([[400], [null], [600]], [[30], [null], [70]])),
      div0: await settle(() => fns.get('ROAS')([[1000]], [[0]])),
      text: await settle(() => fns.get('CAC')([['n/a']], [[3]])),
      ref: await settle(() => fns.get('CAC')([[new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidReference)]], [[3]])),
    };
  });
  assert.deepEqual(results.roas, { value: 10 });
  assert.deepEqual(results.blended, { value: 10 });
  assert.equal(results.div0.error, '#DIV/0!');
  assert.equal(results.div0.isCfError, true);
  assert.equal(results.text.error, '#VALUE!');
  assert.match(results.text.message, /text "n\/a"/);
  assert.equal(results.ref.error, '#VALUE!');
  assert.match(results.ref.message, /already shows #REF!/);
});

test('the task pane lists every function, searches, and inserts the chosen formula', async () => {
  await page.waitForSelector('#catalogue li');
  const listed = await page.$$eval('#catalogue li', (lis) => lis.map((li) => li.dataset.id.toUpperCase()));
  assert.deepEqual(listed, ids);
  assert.equal(await page.textContent('#status'), `${ids.length} of ${ids.length} functions`);

  await page.fill('#search', 'ad spend');
  const shown = await page.$$eval('#catalogue li:not([hidden])', (lis) => lis.map((li) => li.dataset.id));
  assert.ok(shown.includes('ROAS') && shown.length < ids.length, `search "ad spend" shows ${shown}`);

  await page.fill('#search', '');
  const roas = kpi.functions.find((f) => f.id === 'ROAS');
  await page.click('#catalogue li[data-id="ROAS"] button');
  assert.equal(await page.textContent('#catalogue li.selected .sig'), roas.excel_signature);
  assert.equal(roas.excel_signature, 'KPI.ROAS(' + roas.params.map((p) => p.name).join(', ') + ')');
  // What each input takes, and each example's result, in the registry's words and display.
  const notes = await page.$$eval('#details dd', (d) => d.map((x) => x.textContent));
  assert.deepEqual(notes, roas.params.map((p) => `${p.description} (${p.describe})`));
  const results = await page.$$eval('#details .examples .result', (r) => r.map((x) => x.textContent));
  assert.equal(results[0], `→ ${roas.examples[0].expected}, shown as ${formatDisplay(roas.examples[0].expected, kpi.resultKinds.multiple, 'en-US')}`);
  assert.match(results[0], /^→ 10, shown as 10\.00x$/);
  assert.equal(await page.textContent('#details .formula'), `Formula: ${roas.formula}`);
  assert.equal(await page.$$eval('#details input[name="example"]', (r) => r.length), roas.examples.length);
  const secondExample = roas.examples[1];
  await page.check('#details input[name="example"][value="1"]');
  await page.click('#insert');
  await page.waitForFunction(() => globalThis.officeStandin.writtenFormulas.length === 1);
  const written = await page.evaluate(() => globalThis.officeStandin.writtenFormulas);
  assert.deepEqual(written, [[[`=KPI.ROAS${secondExample.formula.slice(secondExample.formula.indexOf('('))}`]]]);
  assert.match(await page.textContent('#inserted'), /^Inserted =KPI\.ROAS\(/);

  mkdirSync(join(root, 'test-artifacts'), { recursive: true });
  await page.screenshot({ path: join(root, 'test-artifacts/excel-taskpane.png') });
});

test('the packaged help page has a section for every helpUrl anchor', async () => {
  const help = await browser.open('/help.html');
  const sections = await help.page.$$eval('section[id]', (s) => s.map((x) => x.id));
  assert.deepEqual(sections, kpi.functions.map((f) => f.id.toLowerCase()));
  // Signatures, input kinds and defaults as the registry writes them.
  const sigs = await help.page.$$eval('section[id] > p:first-of-type code', (c) => c.map((x) => x.textContent));
  assert.deepEqual(sigs, kpi.functions.map((f) => `=${f.excel_signature}`));
  const clv = await help.page.$$eval('#clv tbody tr', (rows) => rows.map((r) => [...r.children].map((c) => c.textContent)));
  const reg = kpi.functions.find((f) => f.id === 'CLV');
  assert.ok(reg.params.some((p) => p.default_text !== null), 'CLV has a default to show');
  for (const p of reg.params) {
    const row = clv.find((r) => r[0] === p.name);
    assert.ok(row, p.name);
    assert.equal(row[1], p.describe);
    assert.equal(row[2], !p.optional ? 'required' : p.default_text === null ? 'optional' : `optional, default ${p.default_text}`);
  }
  assert.deepEqual(help.errors, []);
  await help.page.close();
});

test('no console errors, and no request left localhost', () => {
  assert.deepEqual(errors, []);
  assert.deepEqual(browser.leaks(), []);
});
