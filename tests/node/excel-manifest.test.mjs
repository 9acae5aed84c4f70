// The add-in only manifest: well-formed, resource ids consistent (a mismatch makes the
// shared runtime fail silently), every URL under the base URL and hosted, ids unique.
// Schema validation: Microsoft's manifest XSDs ship with Visual Studio and the online
// validator only; no npm, PyPI or Debian package carries them, so nothing here can
// validate against them offline. The structural rules they encode that matter to us
// are checked below instead, and excel-manifest-office.test.mjs has Office's own
// manifest parser (osfmos.js) read the built manifest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kpi, root } from './load.mjs';
import { buildExcel } from '../../js/excel/build.mjs';
import { DEFAULT_BASE_URL } from '../../js/excel/metadata.mjs';
import { manifestXml } from '../../js/excel/manifest-xml.mjs';

const dist = join(root, 'dist/excel');
const template = join(root, 'manifest/excel/manifest.xml');

/** Values an XPath selects (attributes or text), via xmllint; [] when nothing matches. */
function xpath(file, expr) {
  let out;
  try {
    out = execFileSync('xmllint', ['--xpath', expr, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    if (e.status === 10) return []; // XPath set is empty
    throw e;
  }
  return [...out.matchAll(/[\w:.-]+="([^"]*)"/g)].map((m) => m[1]);
}
const el = (name) => `//*[local-name()='${name}']`;
const text = (file, name) => execFileSync('xmllint', ['--xpath', `string(${el(name)})`, file], { encoding: 'utf8' }).trim();

/** Which resource list each resid-bearing element must point into. */
const RESID_KINDS = {
  Image: 'Images',
  SourceLocation: 'Urls',
  Runtime: 'Urls',
  FunctionFile: 'Urls',
  LearnMoreUrl: 'Urls',
  Namespace: 'ShortStrings',
  Label: 'ShortStrings',
  Title: 'ShortStrings',
  Description: 'LongStrings',
};
const RESOURCE_ELEMENT = { Images: 'Image', Urls: 'Url', ShortStrings: 'String', LongStrings: 'String' };

function checkManifest(file, baseUrl, hostedDir) {
  execFileSync('xmllint', ['--noout', file]); // throws unless well-formed

  const resources = {};
  const allResourceIds = [];
  for (const [list, element] of Object.entries(RESOURCE_ELEMENT)) {
    resources[list] = new Map();
    const ids = xpath(file, `${el('Resources')}/${el(list).slice(2)}/${el(element).slice(2)}/@id`);
    const values = xpath(file, `${el('Resources')}/${el(list).slice(2)}/${el(element).slice(2)}/@DefaultValue`);
    assert.equal(ids.length, values.length);
    ids.forEach((id, i) => resources[list].set(id, values[i]));
    allResourceIds.push(...ids);
  }
  assert.equal(new Set(allResourceIds).size, allResourceIds.length, `resource ids are unique: ${allResourceIds}`);

  const used = new Set();
  for (const [element, list] of Object.entries(RESID_KINDS)) {
    for (const resid of xpath(file, `${el(element)}/@resid`)) {
      assert.ok(resid.length <= 32, `resid ${resid} is at most 32 characters`);
      assert.ok(resources[list].has(resid), `<${element} resid="${resid}"> must name one of the ${list}`);
      used.add(resid);
    }
  }
  for (const id of allResourceIds) assert.ok(used.has(id), `resource ${id} is defined but never used`);

  // Shared runtime: the runtime, the functions page, the function file and the task pane are one page.
  const [runtime] = xpath(file, `${el('Runtime')}/@resid`);
  assert.equal(xpath(file, `${el('Runtime')}/@lifetime`)[0], 'long');
  assert.equal(xpath(file, `${el('Page')}/${el('SourceLocation').slice(2)}/@resid`)[0], runtime);
  assert.equal(xpath(file, `${el('FunctionFile')}/@resid`)[0], runtime);
  assert.equal(xpath(file, `${el('Action')}/${el('SourceLocation').slice(2)}/@resid`)[0], runtime);
  assert.equal(resources.Urls.get(runtime), xpath(file, `${el('DefaultSettings')}/${el('SourceLocation').slice(2)}/@DefaultValue`)[0]);
  assert.deepEqual(xpath(file, `${el('Set')}/@Name`), ['SharedRuntime']);
  assert.equal(resources.ShortStrings.get(xpath(file, `${el('Namespace')}/@resid`)[0]), kpi.functions[0].excel_name.split('.')[0]);

  // Every URL is under the base URL, and every one but the docs' is a hosted file.
  const urls = [
    ...resources.Urls.values(),
    ...resources.Images.values(),
    ...['IconUrl', 'HighResolutionIconUrl', 'SupportUrl'].flatMap((n) => xpath(file, `${el(n)}/@DefaultValue`)),
    ...xpath(file, `${el('DefaultSettings')}//@DefaultValue`),
  ];
  assert.ok(urls.length >= 10);
  for (const url of urls) {
    assert.ok(url.startsWith(`${baseUrl}/`), `${url} is under ${baseUrl}`);
    if (hostedDir) assert.ok(existsSync(join(hostedDir, url.slice(baseUrl.length + 1))), `${url} is in the build`);
  }

  // Unique ids, and the OfficeApp basics.
  const ids = xpath(file, '//@id');
  assert.equal(new Set(ids).size, ids.length, `ids are unique: ${ids}`);
  assert.match(text(file, 'Id'), /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  assert.match(text(file, 'Version'), /^\d+\.\d+\.\d+\.\d+$/);
  assert.equal(text(file, 'Permissions'), 'ReadWriteDocument');
  assert.deepEqual(xpath(file, `${el('Hosts')}/${el('Host').slice(2)}/@Name`), ['Workbook']);
}

test('the committed manifest is well-formed, consistent and what the build writes for the dev server', () => {
  checkManifest(template, DEFAULT_BASE_URL, null);
  // The committed copy is generated (js/excel/manifest-xml.mjs from addin.json); it must not drift.
  assert.equal(readFileSync(template, 'utf8'), manifestXml({ baseUrl: DEFAULT_BASE_URL, version: kpi.version, namespace: kpi.functions[0].excel_name.split('.')[0] }));
});

test('the built manifest is consistent and every URL it names is in dist/excel', () => {
  checkManifest(join(dist, 'manifest.xml'), DEFAULT_BASE_URL, dist);
  assert.equal(text(join(dist, 'manifest.xml'), 'Version'), `${kpi.version}.0`);
});

test('the base URL is a build parameter: manifest and helpUrls follow it', async () => {
  const out = mkdtempSync(join(tmpdir(), 'sheetkpi-excel-'));
  const base = 'https://kpi.example.test/addins/sheetkpi';
  await buildExcel({ baseUrl: `${base}/`, outDir: out });
  checkManifest(join(out, 'manifest.xml'), base, out);
  assert.ok(!readFileSync(join(out, 'manifest.xml'), 'utf8').includes('localhost'));
  const meta = JSON.parse(readFileSync(join(out, 'functions.json'), 'utf8'));
  for (const f of meta.functions) assert.ok(f.helpUrl.startsWith(`${base}/help.html#`), f.helpUrl);
});

test('the icons are PNG files of the sizes their names promise', () => {
  for (const size of [16, 32, 64, 80]) {
    const png = readFileSync(join(dist, `assets/icon-${size}.png`));
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.equal(png.toString('ascii', 12, 16), 'IHDR');
    assert.equal(png.readUInt32BE(16), size);
    assert.equal(png.readUInt32BE(20), size);
  }
});
