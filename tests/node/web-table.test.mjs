// The page's formula bar on table functions, in real headless Chromium: every registry
// example of a table function shows as an HTML table, a header row of the declared
// columns, the native rows cell for cell: numbers right-aligned and shown by their
// column's kind (js/core/display.js, fixed decimals as in a table), the exact value in
// data-value, error cells with their message as the title. The catalogue lists a table
// function's columns and a choice's options. Screenshot: test-artifacts/web-table.png.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { kpi, nativeCli, root } from './load.mjs';
import { openBrowser } from './web-harness.mjs';
import { formatDisplay } from '../../js/core/display.js';

const native = JSON.parse(nativeCli('examples', '--json'));
const tableFns = kpi.functions.filter((f) => f.columns.length > 0);
// Only the examples that give a table (others expect a whole-call error, checked by web-page.test.mjs).
const tableExamples = native.filter((e) => tableFns.some((f) => f.id === e.id) && Array.isArray(e.native));
const artifacts = join(root, 'test-artifacts');
mkdirSync(artifacts, { recursive: true });

const browser = await openBrowser();
after(() => browser.close());
const { page, errors } = await browser.open('/');

/** Types a formula and reads the table the bar drew: header texts, and per cell its text, class, title, value and alignment. */
async function shownTable(formula) {
  return page.evaluate((t) => {
    const input = document.getElementById('formula');
    input.value = t;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    const out = document.getElementById('formula-result');
    const table = out.querySelector('table.result-table');
    if (!table) return { kind: out.dataset.kind, text: out.textContent };
    return {
      kind: out.dataset.kind,
      head: [...table.querySelectorAll('thead th')].map((th) => th.textContent),
      rows: [...table.querySelectorAll('tbody tr')].map((tr) =>
        [...tr.children].map((td) => ({
          text: td.textContent,
          cls: td.className,
          title: td.getAttribute('title'),
          value: td.dataset.value,
          align: getComputedStyle(td).textAlign,
        })),
      ),
    };
  }, formula);
}

test('every table example in the formula bar: an HTML table of the native rows, formatted by column kind', async (t) => {
  if (tableExamples.length === 0) return t.skip('no table function in the registry yet');
  for (const e of tableExamples) {
    const f = tableFns.find((x) => x.id === e.id);
    const got = await shownTable(`=${e.formula}`);
    assert.equal(got.kind, 'table', `${e.formula}: ${JSON.stringify(got)}`);
    assert.deepEqual(got.head, f.columns.map((c) => c.name), e.formula);
    assert.equal(got.rows.length, e.native.length - 1, e.formula);
    e.native.slice(1).forEach((row, i) =>
      row.forEach((c, j) => {
        const cell = got.rows[i][j];
        const where = `${e.formula} row ${i + 1} ${f.columns[j].name}: ${JSON.stringify(cell)}`;
        if (typeof c === 'number') {
          assert.equal(cell.text, formatDisplay(c, kpi.resultKinds[f.columns[j].kind], 'en-US', true), where);
          assert.equal(cell.value, String(c), where);
          assert.equal(cell.align, 'right', where);
        } else if (typeof c === 'string') {
          assert.equal(cell.text, c, where);
        } else {
          assert.equal(cell.cls, 'error', where);
          assert.equal(cell.text, c.error, where);
          assert.equal(cell.title, c.message, where);
        }
      }),
    );
  }
  await page.screenshot({ path: join(artifacts, 'web-table.png'), fullPage: true });
});

test('an error cell in the formula bar: its code, its message as the title, the rest of the table standing', async () => {
  const formula = 'ATTRIBUTION({"A > B";"B"}, {1;1}, {1.7e308;1.7e308}, , "linear")';
  const want = JSON.parse(nativeCli('eval', '--json', formula));
  const got = await shownTable(`=${formula}`);
  assert.equal(got.kind, 'table');
  assert.deepEqual(
    { text: got.rows[1][2].text, cls: got.rows[1][2].cls, title: got.rows[1][2].title, align: got.rows[1][2].align },
    { text: '#NUM!', cls: 'error', title: want[2][2].message, align: 'right' },
  );
  assert.equal(got.rows[1][3].text, '75.00%');
  assert.equal(got.rows[0][2].value, String(want[1][2]));
});

test('the catalogue lists a table function’s columns and a choice’s options', async (t) => {
  if (tableFns.length === 0) return t.skip('no table function in the registry yet');
  for (const f of tableFns) {
    await page.click(`#catalogue li[data-id="${f.id}"] button`);
    const columns = await page.$$eval('#function-details dl.columns dt', (d) => d.map((x) => x.textContent));
    assert.deepEqual(columns, f.columns.map((c) => `${c.name} (${c.kind})`), f.id);
    const options = await page.$$eval('#function-details .options', (o) => o.map((x) => x.textContent));
    const choices = f.params.filter((p) => p.choices.length > 0);
    assert.deepEqual(options, choices.map((p) => ` Options: ${p.choices.map((c, i) => `"${c}"${i === 0 ? ' (default)' : ''}`).join(', ')}.`), f.id);
  }
});

test('on a phone a wide table scrolls inside its frame; the page never scrolls sideways', async () => {
  const phone = await browser.open('/');
  await phone.page.setViewportSize({ width: 390, height: 844 });
  const wide = tableExamples.find((e) => e.native[0].length >= 8) || tableExamples[0];
  await phone.page.fill('#formula', `=${wide.formula}`);
  const m = await phone.page.evaluate(() => {
    const frame = document.querySelector('#formula-result .table-scroll');
    return { page: document.documentElement.scrollWidth, view: window.innerWidth, inner: frame.scrollWidth, frame: frame.clientWidth };
  });
  assert.ok(m.page <= m.view, `the page is ${m.page}px wide in a ${m.view}px viewport`);
  assert.ok(m.inner > m.frame, `the ${wide.native[0].length}-column table scrolls in its frame: ${JSON.stringify(m)}`);
  await phone.page.locator('#formula-result').screenshot({ path: join(artifacts, 'web-table-phone.png') });
  assert.deepEqual(phone.errors, []);
  await phone.page.close();
});

test('no console errors on the page', () => {
  assert.deepEqual(errors, []);
  assert.deepEqual(browser.leaks(), []);
});
