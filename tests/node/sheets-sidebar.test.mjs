// The add-on's sidebar in real headless Chromium. Its page is what the script's
// sheetKpiShowSidebar hands HtmlService in the Apps Script emulation; google.script.run
// is a stand-in with Google's documented shape (withSuccessHandler / withFailureHandler,
// then the server function by name; the failure handler gets an Error) that runs the
// server function in that same emulation, so the insert button's formula lands in the
// emulated spreadsheet. Nothing may be requested from anywhere. Each language's bundle
// (dist/sheets/<lang>/) has its sidebar wholly in that language. Screenshots:
// test-artifacts/sheets-sidebar.png and sheets-sidebar-<lang>.png.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { nativeCli, root } from './load.mjs';
import { DIST, bundleFiles, execution } from '../../js/sheets/emulator.mjs';
import { FLAGS } from '../../js/excel/emulation/browser.mjs';
import { LANGUAGES, localizeRegistry, translator } from '../../js/i18n/catalogue.js';
import { loadCatalogues } from '../../js/i18n/load.mjs';

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

/**
 * Opens the sidebar of an execution whose selection is `selection` (of the bundle in `dir`,
 * dist/sheets/ unless told); returns the page and what it did.
 */
async function openSidebar(selection, dir = DIST) {
  const ex = execution({ selection, files: bundleFiles(dir) });
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

const catalogues = loadCatalogues();
/** English prose: two words of letters in a row. */
const PROSE = /[A-Za-z]{3,} [a-z]{3,}/;

/**
 * The English the sidebar would show were a text left untranslated: the words of its
 * messages between their placeholders, and the start of every function description.
 */
function englishPieces() {
  const pieces = [];
  for (const [id, text] of Object.entries(catalogues.en)) {
    if (!/^(sidebar|pane|help|functions|sheets)\./.test(id)) continue;
    for (const part of text.split(/\{[a-z_]+\}/)) if (PROSE.test(part)) pieces.push(part.trim());
  }
  for (const f of registry) pieces.push(f.description.slice(0, 40));
  return pieces;
}

for (const { tag } of LANGUAGES.filter((l) => l.tag !== 'en')) {
  test(`dist/sheets/${tag}/: the menu, the sidebar and its refusals are in ${tag}, all of them`, async () => {
    const t = translator(catalogues, tag);
    const { page, ex, errors, requests } = await openSidebar('C5', `${DIST}${tag}/`);
    const [{ title }] = ex.sheet.sidebars;
    assert.equal(title, t('sidebar.title'));
    ex.call('onOpen', {});
    assert.deepEqual(ex.sheet.menus[0].items.map((i) => i.caption), [t('sidebar.title')]);
    assert.equal(await page.getAttribute('html', 'lang'), tag);
    assert.equal(await page.textContent('#status'), t('functions.count_some', { shown: registry.length, n: registry.length }));
    assert.equal(await page.getAttribute('#search', 'placeholder'), t('pane.search_placeholder'));
    const roas = localizeRegistry(registry, catalogues, tag).find((f) => f.id === 'ROAS');
    assert.equal(await page.textContent('#catalogue li[data-id="ROAS"] .desc'), roas.description);
    // Search finds a function by its words in this language.
    await page.fill('#search', roas.description.slice(0, 4));
    assert.ok(await page.isVisible('#catalogue li[data-id="ROAS"]'));
    await page.fill('#search', '');

    await page.click('#catalogue li[data-id="ROAS"] > button');
    const details = await page.textContent('#details');
    for (const id of ['help.formula', 'pane.inputs', 'help.examples', 'pane.insert']) assert.ok(details.includes(t(id)), `${id} in ${details}`);
    // The number and its display as typed, the words around them in the language.
    assert.ok(details.includes(`=ROAS(1000, 100)→ ${t('help.shown_as', { value: 10, shown: '10.00x' })}`), details);
    await page.click('#details .insert');
    await page.waitForFunction(() => /C5/.test(document.querySelector('.inserted').textContent));
    assert.equal(await page.textContent('.inserted'), t('sidebar.inserted', { formula: '=ROAS(1000, 100)', cell: 'C5' }));

    // A table function's columns heading.
    await page.click('#catalogue li[data-id="ATTRIBUTION"] > button');
    assert.ok((await page.textContent('#details')).includes(t('pane.spills')));
    const shown = await page.evaluate(() => [document.body.innerText, document.title, ...[...document.querySelectorAll('[placeholder],[aria-label]')].map((e) => e.getAttribute('placeholder') || e.getAttribute('aria-label'))].join('\n'));
    assert.deepEqual(englishPieces().filter((p) => shown.includes(p)), [], `English left in the ${tag} sidebar`);
    await page.screenshot({ path: join(root, `test-artifacts/sheets-sidebar-${tag}.png`), fullPage: false });

    // The script's refusals reach the page in the language too.
    const refused = await openSidebar(null, `${DIST}${tag}/`);
    await refused.page.click('#catalogue li[data-id="CAC"] > button');
    await refused.page.click('#details .insert');
    await refused.page.waitForFunction((before) => document.querySelector('.inserted').textContent.length > 0 && !document.querySelector('.inserted').textContent.startsWith(before), t('sidebar.inserting'));
    assert.equal(await refused.page.textContent('.inserted'), t('pane.insert_failed', { reason: t('sidebar.select_cell') }));
    assert.throws(() => ex.call('sheetKpiInsert', 'NOPE', 0), (e) => e.message === t('sidebar.no_function', { id: 'NOPE' }));
    assert.deepEqual([...errors, ...refused.errors], []);
    assert.deepEqual([...requests, ...refused.requests], []);
  });
}
