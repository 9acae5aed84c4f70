// The message catalogue (src/i18n/<lang>.json) is complete: every language has exactly
// the messages English has (the registry's texts, en.json's and the Excel manifest's), with
// the same {placeholders}, and English is written once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { kpi, root } from './load.mjs';
import { registryMessages } from '../../js/i18n/keys.mjs';
import { DEFAULT_LANGUAGE, LANGUAGES, languageOf, localizeRegistry, matchLanguage, placeholders, translator } from '../../js/i18n/catalogue.js';
import { loadCatalogues } from '../../js/i18n/load.mjs';
import { manifestStrings } from '../../js/excel/locales.mjs';

const catalogues = loadCatalogues();
const { english: fromRegistry } = registryMessages(kpi.functions);
const fromManifest = manifestStrings(readFileSync(join(root, 'manifest/excel/manifest.xml'), 'utf8'));
/** Every message in English, by id: the registry's, the manifest's, then en.json's. */
const english = new Map([...fromRegistry, ...fromManifest, ...Object.entries(catalogues.en)]);
/** English prose (two words of letters in a row), which a translation must not leave as is. */
const PROSE = /[A-Za-z]{3,} [a-z]{3,}/;

test('en.json holds only what neither the registry nor the manifest says (English written once)', () => {
  const twice = Object.keys(catalogues.en).filter((id) => fromRegistry.has(id) || fromManifest.has(id));
  assert.deepEqual(twice, []);
});

for (const { tag } of LANGUAGES.filter((l) => l.tag !== DEFAULT_LANGUAGE)) {
  test(`${tag}: every message, no other, the same placeholders, none left in English`, () => {
    const own = catalogues[tag];
    const missing = [...english.keys()].filter((id) => !(id in own));
    const extra = Object.keys(own).filter((id) => !english.has(id));
    assert.deepEqual(missing, [], `${tag} lacks these messages`);
    assert.deepEqual(extra, [], `${tag} has messages English does not`);
    for (const [id, text] of english) {
      assert.equal(typeof own[id], 'string', `${tag} ${id}`);
      assert.ok(own[id].trim(), `${tag} ${id} is empty`);
      assert.deepEqual(placeholders(own[id]), placeholders(text), `${tag} ${id}: placeholders differ from English`);
      if (PROSE.test(text.replace(/"[^"]*"|\([^)]*\d{4}[^)]*\)|docs\/\S+/g, ''))) {
        assert.notEqual(own[id], text, `${tag} ${id} is still English`);
      }
    }
  });
}

test('KPI ids stay untranslated: every id a description names in English it names in each language', () => {
  const ids = kpi.functions.map((f) => f.id).filter((id) => /^[A-Z]{2,}$/.test(id));
  for (const [id, text] of fromRegistry) {
    // An id as a word of its own (a Norwegian genitive `ATTRIBUTIONs` still names it).
    const word = (k) => new RegExp(`(?<![A-Z0-9_])${k}(?![A-Z0-9_])`);
    const named = ids.filter((k) => word(k).test(text));
    for (const { tag } of LANGUAGES.filter((l) => l.tag !== DEFAULT_LANGUAGE)) {
      for (const k of named) assert.match(catalogues[tag][id], word(k), `${tag} ${id} lost ${k}`);
    }
  }
});

test('a message missing in a language is found: the check above is not vacuous', () => {
  const broken = { ...catalogues['zh-Hans'] };
  delete broken['fn.ROAS.description'];
  assert.ok([...english.keys()].some((id) => !(id in broken)));
  const t = translator({ en: catalogues.en, nb: catalogues.nb }, 'nb');
  assert.equal(t('web.exact', { value: 1.5 }), 'Eksakt verdi: 1.5');
  assert.throws(() => t('no.such.message'), /no message/);
});

test('help cites the articles by their own titles, in every language, never by internal tags', () => {
  for (const { tag } of LANGUAGES) {
    for (const f of localizeRegistry(kpi.functions, catalogues, tag)) {
      assert.doesNotMatch(f.source, /seeds\//, `${tag} ${f.id}`);
      for (const a of f.source_articles) assert.ok(f.source.includes(a.title), `${tag} ${f.id}: ${f.source}`);
    }
  }
  const roas = localizeRegistry(kpi.functions, catalogues, 'zh-Hans').find((f) => f.id === 'ROAS');
  assert.equal(roas.source, '《您應該跟踪的營銷 KPI》(繁体中文)');
});

test('the reader’s languages pick ours: script and region for Chinese, any Norwegian as Bokmål', () => {
  assert.equal(matchLanguage(['zh-CN']), 'zh-Hans');
  assert.equal(matchLanguage(['zh-TW']), 'zh-Hant');
  assert.equal(matchLanguage(['zh-HK']), 'zh-Hant');
  assert.equal(matchLanguage(['zh-Hant-HK']), 'zh-Hant');
  assert.equal(matchLanguage(['zh']), 'zh-Hans');
  assert.equal(matchLanguage(['nn-NO']), 'nb');
  assert.equal(matchLanguage(['no']), 'nb');
  assert.equal(matchLanguage(['de-DE', 'nb-NO', 'en']), 'nb');
  assert.equal(matchLanguage(['fr-FR']), 'en');
  assert.equal(matchLanguage([]), 'en');
  assert.equal(languageOf('en-GB'), 'en');
});
