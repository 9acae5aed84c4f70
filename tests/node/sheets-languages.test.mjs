// The Google Sheets bundles, one per language (Sheets reads one JSDoc text per function):
// dist/sheets/<lang>/ holds the same script files as dist/sheets/ but functions.js, whose
// JSDoc is in that language, and addon.js, whose menu, sidebar and catalogue are (the
// sidebar in that language in Chromium: sheets-sidebar.test.mjs), and runs in the Apps
// Script emulation like the English one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { kpi } from './load.mjs';
import { DIST, bundleFiles, execution } from '../../js/sheets/emulator.mjs';
import { ADDON_FILE } from '../../js/sheets/addon-build.mjs';
import { LANGUAGES, localizeRegistry } from '../../js/i18n/catalogue.js';
import { loadCatalogues } from '../../js/i18n/load.mjs';

const catalogues = loadCatalogues();
const english = bundleFiles(DIST);
const HAN = /\p{Script=Han}/u;

/** Each function's JSDoc summary line (its first), by Sheets name. */
function summaries(code) {
  const out = new Map();
  for (const m of code.matchAll(/\/\*\*\n \* ([^\n]*)\n[\s\S]*?\*\/\nasync function ([A-Za-z0-9_]+)\(/g)) out.set(m[2], m[1]);
  return out;
}

for (const { tag } of LANGUAGES) {
  const dir = `${DIST}${tag}/`;

  test(`dist/sheets/${tag}/: the English bundle's files, functions.js documented in ${tag}`, () => {
    const files = bundleFiles(dir);
    assert.deepEqual(files.map((f) => f.name), english.map((f) => f.name));
    for (const [i, f] of files.entries()) {
      if (f.name !== 'functions.js' && f.name !== ADDON_FILE) assert.equal(f.code, english[i].code, `${tag}/${f.name}`);
    }
    const code = files.find((f) => f.name === 'functions.js').code;
    const docs = summaries(code);
    const rows = localizeRegistry(kpi.functions, catalogues, tag);
    assert.deepEqual([...docs.keys()], rows.map((f) => f.sheets_name));
    const englishDocs = summaries(english.find((f) => f.name === 'functions.js').code);
    for (const f of rows) {
      const summary = docs.get(f.sheets_name);
      if (tag === 'en') assert.equal(summary, englishDocs.get(f.sheets_name));
      else assert.notEqual(summary, englishDocs.get(f.sheets_name), `${tag} ${f.id} untranslated`);
      if (tag.startsWith('zh')) assert.match(summary, HAN, `${tag} ${f.id}`);
    }
    // The articles by their titles, never by internal tags; the words around the registry's
    // in the bundle's language too.
    assert.doesNotMatch(code, /seeds\//);
    assert.match(code, /您應該跟踪的營銷 KPI/);
    if (tag !== 'en') assert.doesNotMatch(code, /Formula: |Takes: |Source: | if left out/);
    assert.equal(readFileSync(`${dir}appsscript.json`, 'utf8'), readFileSync(`${DIST}appsscript.json`, 'utf8'));
  });

  test(`dist/sheets/${tag}/ runs in the Apps Script emulation`, async () => {
    const ex = execution({ files: bundleFiles(dir) });
    assert.equal(await ex.call('ROAS', 1000, 100), 10);
    assert.equal(await ex.call('CAC', [[100], [200]], [[1], [3]]), 75);
  });
}
