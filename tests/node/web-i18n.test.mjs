// The page in the four languages, in real headless Chromium: it follows the browser's
// language, shows its whole interface in it (no English interface text outside data and
// function names), cites the articles by their titles, and the switcher changes the
// language at once, sets <html lang> and is remembered across visits. A workbook's report
// (samples/campaigns.xlsx) is drawn in the page's language too, and again on a switch:
// its English is only the workbook's data, KPI ids and the importer's own notes.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kpi, nativeRun } from './load.mjs';
import { openBrowser, openWorkbook, root } from './web-harness.mjs';
import { DEFAULT_LANGUAGE, translator } from '../../js/i18n/catalogue.js';
import { loadCatalogues } from '../../js/i18n/load.mjs';

const catalogues = loadCatalogues();
/** The page's own English messages (not the task pane's, Excel help's or Sheets'). */
const PAGE = /^(web|functions|engine|help)\./;
/** English prose: two words of letters in a row. */
const PROSE = /[A-Za-z]{3,} [a-z]{3,}/;

/**
 * Pieces of English the page would show if a text were left untranslated: every page
 * message's text between its placeholders, and the start of every registry description.
 */
function englishPieces(messages = PAGE) {
  const pieces = [];
  for (const [id, text] of Object.entries(catalogues.en)) {
    if (!messages.test(id)) continue;
    for (const part of text.split(/\{[a-z_]+\}/)) if (PROSE.test(part)) pieces.push(part.trim());
  }
  for (const f of kpi.functions) pieces.push(f.description.slice(0, 40));
  return pieces;
}

/** What a reader sees and hears: the text of the page and its localized attributes. */
async function interfaceText(page) {
  return page.evaluate(() => {
    const attrs = [...document.querySelectorAll('[placeholder],[aria-label],meta[name="description"]')].map(
      (e) => e.getAttribute('placeholder') || e.getAttribute('aria-label') || e.getAttribute('content'),
    );
    return [document.title, document.body.innerText, ...attrs].join('\n');
  });
}

/** Opens the catalogue's ROAS entry and returns the details' text. */
async function roasDetails(page) {
  await page.click('#catalogue li[data-id="ROAS"] button');
  return page.textContent('#function-details');
}

const browsers = [];
after(() => Promise.all(browsers.map((b) => b.close())));

/** The page in a browser whose language is `locale` (closed after the tests). */
async function openIn(locale) {
  const browser = await openBrowser({ locale });
  browsers.push(browser);
  return { browser, ...(await browser.open('/')) };
}

for (const [locale, lang] of [['en-US', 'en'], ['zh-CN', 'zh-Hans'], ['zh-TW', 'zh-Hant'], ['nb-NO', 'nb']]) {
  test(`a browser in ${locale} gets the page in ${lang}, all of it`, async () => {
    const { browser, page, errors } = await openIn(locale);
    const t = translator(catalogues, lang);
    assert.equal(await page.getAttribute('html', 'lang'), lang);
    assert.equal(await page.inputValue('#language'), lang);
    assert.equal(await page.textContent('#workbook-title'), t('web.report_title'));
    assert.equal(await page.getAttribute('#search', 'placeholder'), t('web.search_placeholder'));
    assert.equal(await page.title(), t('web.title'));
    assert.equal(await page.textContent('#catalogue-count'), t('functions.count', { n: kpi.functions.length }));
    const details = await roasDetails(page);
    // The article by its own title (Traditional Chinese), in this language's citation form.
    assert.ok(details.includes(t('cite.title', { title: '您應該跟踪的營銷 KPI', language: t('language.zh-Hant') })), details);
    assert.doesNotMatch(details, /seeds\//);
    assert.ok(details.includes(t('help.formula')), details);
    if (lang !== DEFAULT_LANGUAGE) {
      const shown = await interfaceText(page);
      const left = englishPieces().filter((p) => shown.includes(p));
      assert.deepEqual(left, [], `English left on the ${lang} page`);
    }
    assert.deepEqual(errors, []);
    assert.deepEqual(browser.leaks(), []);
  });
}

test('the switcher changes the language at once, sets <html lang> and is remembered', async () => {
  const { browser, page, errors } = await openIn('zh-CN');
  const nb = translator(catalogues, 'nb');
  // The language names are each in their own language and script.
  assert.deepEqual(await page.$$eval('#language option', (os) => os.map((o) => [o.value, o.textContent, o.lang])), [
    ['en', 'English', 'en'],
    ['zh-Hans', '简体中文', 'zh-Hans'],
    ['zh-Hant', '繁體中文', 'zh-Hant'],
    ['nb', 'Norsk bokmål', 'nb'],
  ]);
  await roasDetails(page);
  await page.fill('#formula', '=ROAS(1000, 100)');
  await page.selectOption('#language', 'nb');
  assert.equal(await page.getAttribute('html', 'lang'), 'nb');
  assert.equal(await page.textContent('#workbook-title'), nb('web.report_title'));
  // What was on screen follows: the open function's details, the result's words.
  assert.ok((await page.textContent('#function-details')).includes(nb('help.formula')));
  const nbRoas = catalogues.nb['fn.ROAS.description'];
  assert.ok((await page.textContent('#formula-result')).includes(nbRoas));
  // The number keeps the browser's own formatting (zh-CN digits), whatever the language.
  assert.equal(await page.getAttribute('#formula-result', 'data-value'), '10');
  const reopened = await browser.open('/');
  assert.equal(await reopened.page.getAttribute('html', 'lang'), 'nb');
  assert.equal(await reopened.page.inputValue('#language'), 'nb');
  assert.equal(await reopened.page.textContent('#drop-title, .drop-title'), nb('web.drop_title'));
  assert.deepEqual([...errors, ...reopened.errors], []);
});

/** The report view's own messages. */
const REPORT = /^report\./;

/**
 * What the report view shows and says, but the importer's notes (its "Worth knowing" list
 * and the mapping's notes come from the import WASM in English): text, tooltips, labels.
 */
async function reportText(page) {
  return page.evaluate(() => {
    const view = /** @type {HTMLElement} */ (document.getElementById('report').cloneNode(true));
    for (const note of view.querySelectorAll('.warnings ul')) note.remove();
    document.body.append(view);
    const attrs = [...view.querySelectorAll('[title],[aria-label],[placeholder]')].map((e) => ['title', 'aria-label', 'placeholder'].map((a) => e.getAttribute(a) || '').join('\n'));
    const text = [view.innerText, ...attrs].join('\n');
    view.remove();
    return text;
  });
}

const CAMPAIGNS = join(root, 'samples/campaigns.xlsx');

for (const [locale, lang] of [['zh-CN', 'zh-Hans'], ['zh-TW', 'zh-Hant'], ['nb-NO', 'nb']]) {
  test(`a workbook's report in ${locale} is in ${lang}: no English but data, KPI ids and the importer's notes`, async () => {
    const { browser, page, errors } = await openIn(locale);
    const t = translator(catalogues, lang);
    await openWorkbook(page, CAMPAIGNS);
    await page.waitForSelector('#report-table table');
    assert.ok(await page.isHidden('#import-error'));
    const group = await page.inputValue('#group-by');
    assert.equal(await page.textContent('#report-table caption'), t('report.caption_grouped', { group }));
    assert.equal(await page.textContent('#report-table tfoot th'), `${t('report.total')}${t('report.rows_button')}`);
    // Source rows of the total, the part drawn on demand.
    await page.click('#report-table tfoot .rows-toggle');
    await page.waitForSelector('#report-table .rows-line tbody tr');
    const shown = await reportText(page);
    assert.ok(shown.includes(t('report.download_xlsx')) && shown.includes(t('report.charts')), shown.slice(0, 400));
    // The report's messages and the KPI descriptions (tiles' and columns' tooltips, chart notes).
    const left = englishPieces(REPORT).filter((p) => shown.includes(p));
    assert.deepEqual(left, [], `English left in the ${lang} report`);
    // KPI ids as typed.
    assert.match(shown, /\bROAS\b/);
    assert.deepEqual(errors, []);
    assert.deepEqual(browser.leaks(), []);
  });
}

test('the switcher draws the open report again in the new language', async () => {
  const { page, errors } = await openIn('nb-NO');
  await openWorkbook(page, CAMPAIGNS);
  await page.waitForSelector('#report-table table');
  const nb = translator(catalogues, 'nb');
  const zh = translator(catalogues, 'zh-Hant');
  assert.ok((await reportText(page)).includes(nb('report.download_csv')));
  const values = await page.$$eval('#report-table tbody td', (tds) => tds.map((td) => td.dataset.value));
  await page.selectOption('#language', 'zh-Hant');
  const shown = await reportText(page);
  assert.ok(shown.includes(zh('report.download_csv')) && !shown.includes(nb('report.download_csv')), shown.slice(0, 400));
  assert.deepEqual(englishPieces(REPORT).filter((p) => shown.includes(p)), []);
  assert.equal(await page.textContent('#report-table tfoot th'), `${zh('report.total')}${zh('report.rows_button')}`);
  // The same figures, exactly.
  assert.deepEqual(await page.$$eval('#report-table tbody td', (tds) => tds.map((td) => td.dataset.value)), values);
  assert.deepEqual(errors, []);
});

test('the CSV download is written for Excel in the page\'s language: Norsk\'s ; and decimal commas, then the switch\'s', async () => {
  const { page, errors } = await openIn('nb-NO');
  await openWorkbook(page, CAMPAIGNS);
  await page.waitForSelector('#report-table table');
  const dir = mkdtempSync(join(tmpdir(), 'sheetkpi-i18n-csv-'));
  try {
    const download = async () => {
      const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#download-csv')]);
      const saved = join(dir, `${Date.now()}.csv`);
      await dl.saveAs(saved);
      return readFileSync(saved, 'utf8');
    };
    const cli = (...flags) => {
      const r = nativeRun('report', CAMPAIGNS, '--format', 'csv', ...flags);
      assert.equal(r.status, 0, r.stderr);
      return r.stdout;
    };
    const nb = await download();
    assert.equal(nb, cli('--locale', 'nb'));
    assert.match(nb, /^\ufefflevel;row;group;/);
    await page.selectOption('#language', 'zh-Hant');
    assert.equal(await download(), cli('--locale', 'zh-Hant'));
    assert.equal(cli('--locale', 'zh-Hant'), cli(), 'zh-Hant is the default dialect');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.deepEqual(errors, []);
});
