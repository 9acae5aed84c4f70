// The task pane in the language Office is set to (Office.context.displayLanguage), not the
// browser's: the catalogue, the details and the insert button in Traditional Chinese and
// in Norwegian, from the message catalogue, while the formulas stay as Excel types them.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { kpi, root } from './load.mjs';
import { openBrowser } from '../../js/excel/emulation/browser.mjs';
import { translator } from '../../js/i18n/catalogue.js';
import { loadCatalogues } from '../../js/i18n/load.mjs';

const browser = await openBrowser(join(root, 'dist/excel'));
after(() => browser.close());
const catalogues = loadCatalogues();

for (const [office, lang] of [['zh-TW', 'zh-Hant'], ['nb-NO', 'nb'], ['zh-CN', 'zh-Hans']]) {
  test(`Office in ${office}: the task pane in ${lang}`, async () => {
    const t = translator(catalogues, lang);
    const { page, errors } = await browser.open('/taskpane.html', { displayLanguage: office });
    await page.waitForSelector('#catalogue li');
    assert.equal(await page.getAttribute('html', 'lang'), lang);
    assert.equal(await page.title(), t('pane.title'));
    assert.equal(await page.textContent('#status'), t('functions.count_some', { shown: kpi.functions.length, n: kpi.functions.length }));
    assert.equal(await page.getAttribute('#search', 'placeholder'), t('pane.search_placeholder'));
    const roas = page.locator('#catalogue li[data-id="ROAS"]');
    assert.equal(await roas.locator('.desc').textContent(), catalogues[lang]['fn.ROAS.description']);
    await roas.locator('button').click();
    const details = await page.textContent('#details');
    assert.ok(details.includes(t('pane.inputs')) && details.includes(t('help.examples')), details);
    assert.ok(details.includes('=KPI.ROAS(1000, 100)'), 'formulas stay as Excel types them');
    assert.doesNotMatch(details, /seeds\//);
    assert.ok(details.includes('您應該跟踪的營銷 KPI'), details);
    assert.equal(await page.textContent('#insert'), t('pane.insert'));
    await page.click('#insert');
    assert.equal(await page.textContent('#inserted'), t('pane.inserted', { formula: '=KPI.ROAS(1000, 100)' }));
    assert.deepEqual(errors, []);
    await page.close();
  });
}
