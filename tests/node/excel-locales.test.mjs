// Excel in four languages: the localized functions-<lang>.json against Microsoft's own
// generator run on the localized JSDoc view, and the manifest's Overrides that name them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kpi, root } from './load.mjs';
import { DEFAULT_BASE_URL } from '../../js/excel/metadata.mjs';
import { jsdocSource } from '../../js/excel/jsdoc.mjs';
import { EXTRA_LANGUAGES, OFFICE_LOCALES, localizedFile } from '../../js/excel/locales.mjs';
import { localizeRegistry } from '../../js/i18n/catalogue.js';
import { loadCatalogues } from '../../js/i18n/load.mjs';
import { convertXmlManifest } from './manifest-converter.mjs';

const require = createRequire(import.meta.url);
const { generateCustomFunctionsMetadata } = require('custom-functions-metadata/lib/generate.js');

const dist = join(root, 'dist/excel');
const catalogues = loadCatalogues();
const english = JSON.parse(readFileSync(join(dist, 'functions.json'), 'utf8'));
const byId = (a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
/** Han characters: what a Chinese description is written in. */
const HAN = /\p{Script=Han}/u;

for (const lang of EXTRA_LANGUAGES) {
  const file = localizedFile('functions', 'json', lang);
  const shipped = JSON.parse(readFileSync(join(dist, file), 'utf8'));

  test(`${file}: Microsoft custom-functions-metadata on the ${lang} JSDoc view gives the same functions`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sheetkpi-cfm-'));
    const source = join(dir, 'functions.js');
    writeFileSync(source, jsdocSource(localizeRegistry(kpi.functions, catalogues, lang), DEFAULT_BASE_URL, lang));
    const generated = await generateCustomFunctionsMetadata(source);
    assert.deepEqual(generated.errors, []);
    const tool = JSON.parse(generated.metadataJson);
    assert.equal(shipped.allowErrorForDataTypeAny, true);
    assert.deepEqual([...shipped.functions].sort(byId), [...tool.functions].sort(byId));
  });

  test(`${file}: the English metadata with only the texts for people translated`, () => {
    // What Microsoft says must not change between languages (ids, types, shapes) does not;
    // names stay the KPI ids; every description is another text than the English one.
    assert.equal(shipped.functions.length, english.functions.length);
    for (const [i, m] of shipped.functions.entries()) {
      const e = english.functions[i];
      const strip = (f) => ({ ...f, description: null, helpUrl: null, parameters: f.parameters.map((p) => ({ ...p, description: null })) });
      assert.deepEqual(strip(m), strip(e), m.id);
      assert.notEqual(m.description, e.description, `${m.id} description untranslated`);
      if (lang.startsWith('zh')) assert.match(m.description, HAN, `${m.id}: ${m.description}`);
      assert.equal(new URL(m.helpUrl).pathname, `/${localizedFile('help', 'html', lang)}`);
      assert.ok(existsSync(join(dist, localizedFile('help', 'html', lang))));
      m.parameters.forEach((p, j) => assert.notEqual(p.description, e.parameters[j].description, `${m.id}.${p.name}`));
    }
  });
}

test('the manifest names each language’s metadata with <bt:Override Locale=…> and translates its texts', () => {
  const xml = readFileSync(join(dist, 'manifest.xml'), 'utf8');
  const url = /<bt:Url id="Functions\.Metadata\.Url" DefaultValue="[^"]*">([\s\S]*?)<\/bt:Url>/.exec(xml);
  assert.ok(url, 'Functions.Metadata.Url has Overrides');
  const overrides = [...url[1].matchAll(/<bt:Override Locale="([^"]+)" Value="([^"]+)"\/>/g)].map((m) => [m[1], m[2]]);
  const expected = EXTRA_LANGUAGES.flatMap((lang) => OFFICE_LOCALES[lang].map((l) => [l, `${DEFAULT_BASE_URL}/${localizedFile('functions', 'json', lang)}`]));
  assert.deepEqual(overrides, expected);
  for (const [, value] of overrides) assert.ok(existsSync(join(dist, new URL(value).pathname)), value);
  // The display name, in Traditional Chinese for Taiwan.
  assert.match(xml, /<DisplayName DefaultValue="[^"]*">\s*<Override Locale="zh-CN" Value="sheetkpi:营销 KPI"\/>/);
  assert.match(xml, /<Override Locale="zh-TW" Value="sheetkpi:行銷 KPI"\/>/);
  // The namespace is what formulas type: never translated.
  assert.match(xml, /<bt:String id="Functions\.Namespace" DefaultValue="KPI"\/>/);
});

test('the unified manifest’s language files say what Microsoft’s converter makes of the XML Overrides', async () => {
  const out = await convertXmlManifest(join(dist, 'manifest.xml'));
  const ours = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8'));
  const theirs = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
  assert.deepEqual(ours.localizationInfo, theirs.localizationInfo);
  // Keys at the same places in both manifests (the converter's extra runtime shifts its
  // action, and it fills description.short from the long one: those are left out).
  const shared = ['name.short', 'name.full', 'description.full', 'extensions[0].ribbons[0].tabs[0].groups[0].label',
    'extensions[0].ribbons[0].tabs[0].groups[0].controls[0].label', 'extensions[0].ribbons[0].tabs[0].groups[0].controls[0].supertip.title',
    'extensions[0].ribbons[0].tabs[0].groups[0].controls[0].supertip.description'];
  for (const { file } of ours.localizationInfo.additionalLanguages) {
    const mine = JSON.parse(readFileSync(join(dist, file), 'utf8'));
    const converted = JSON.parse(readFileSync(join(out, file), 'utf8'));
    for (const k of shared) assert.equal(mine[k], converted[k], `${file} ${k}`);
  }
});
