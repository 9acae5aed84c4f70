// The unified manifest (manifest.json) against three oracles that are not our code:
// - Microsoft's published JSON schema for it, app manifest v1.30, from Microsoft's npm
//   package @microsoft/app-manifest (build/json-schemas/teams/v1.30/), read offline and
//   applied by ajv (draft-04, the schema's dialect, with the formats it names);
// - Microsoft's XML → JSON converter (office-addin-manifest-converter) run on our
//   manifest.xml: what it writes must be what we write, except where docs/hosting.md
//   lists a difference (each one is named below);
// - Office's own XML parser (osfmos.js): the XML and the JSON name the same functions,
//   runtime, pages and URLs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { root } from './load.mjs';
import { MANIFEST_VERSION, RUNTIME_ID, TASKPANE_ACTION_ID } from '../../js/excel/manifest-json.mjs';
import { DEFAULT_BASE_URL } from '../../js/excel/metadata.mjs';
import { buildExcel } from '../../js/excel/build.mjs';
import { convertXmlManifest } from './manifest-converter.mjs';

const require = createRequire(import.meta.url);
const dist = join(root, 'dist/excel');
const schemaFile = require.resolve(`@microsoft/app-manifest/build/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`);
const schema = JSON.parse(readFileSync(schemaFile, 'utf8'));

/** The schema's validator: draft-04 as it declares, every format it uses, no extensions of ours. */
function validator() {
  // strict off: Microsoft's schema carries annotation keywords (`deprecated`…) that ajv's
  // strict mode would refuse although draft-04 allows unknown keywords.
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(schema);
}
const validate = validator();
const errors = (m) => (validate(m) ? [] : validate.errors.map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`));

const read = (dir) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));

test("the built manifest.json is valid against Microsoft's app manifest schema", () => {
  assert.equal(schema.$schema, 'http://json-schema.org/draft-04/schema#');
  const m = read(dist);
  assert.deepEqual(errors(m), []);
  assert.equal(m.manifestVersion, MANIFEST_VERSION);
  assert.match(m.$schema, new RegExp(`/v${MANIFEST_VERSION.replace('.', '\\.')}/MicrosoftTeams\\.schema\\.json$`));
});

test('the schema check can fail: it refuses what Microsoft would refuse', () => {
  const m = read(dist);
  const broken = (edit) => {
    const copy = structuredClone(m);
    edit(copy);
    return errors(copy);
  };
  assert.notDeepEqual(broken((c) => delete c.id), [], 'a missing id');
  assert.notDeepEqual(broken((c) => (c.extensions[0].runtimes[0].customFunctions.namespace.id = 'KPI-1')), [], 'a namespace with a hyphen');
  assert.notDeepEqual(broken((c) => (c.extensions[0].runtimes[0].code.page = 'http://insecure.example/taskpane.html')), [], 'a page over plain HTTP');
  assert.notDeepEqual(broken((c) => (c.extensions[0].runtimes[0].customFunctions.functions[0].name = 'A')), [], 'a one-letter function name');
  assert.notDeepEqual(broken((c) => (c.name.short = 'x'.repeat(31))), [], 'a short name over 30 characters');
});

test('manifest.json and manifest.xml describe the same add-in (as Office reads the XML)', () => {
  require('office-addin-manifest-converter/lib/osfUtils').Utils.OverrideMethods();
  const { OSF } = require('office-addin-manifest-converter/lib/osfmos');
  const xml = new OSF.Manifest.OfficeAppManifest(readFileSync(join(dist, 'manifest.xml'), 'utf8'), 'en-US');
  const json = read(dist);
  const overrides = xml._versionOverrides[OSF.ManifestHostType.Workbook];
  const res = overrides._resources;
  const point = overrides._customFunctionExtensionPoint;
  const runtime = xml.getSharedRuntimeForCustomFunctions(OSF.ManifestHostType.Workbook);

  assert.equal(json.id, xml._id); // osfmos keeps the <Id> without a getter
  assert.equal(`${json.version}.0`, xml.getMarketplaceVersion());
  assert.equal(json.developer.name, xml.getProviderName());
  assert.equal(json.name.full, xml.getDefaultDisplayName());
  assert.equal(json.description.full, xml.getDefaultDescription());

  const [ext] = json.extensions;
  assert.equal(ext.runtimes.length, 1, 'one runtime for the functions and the task pane, as the XML shared runtime');
  const [rt] = ext.runtimes;
  assert.equal(rt.lifetime, 'long');
  assert.equal(rt.code.page, res.Urls[runtime.Resid]);
  assert.equal(rt.code.page, res.Urls[point.pageResId]);
  assert.equal(rt.code.script, res.Urls[point.scriptResId]);
  assert.equal(rt.customFunctions.metadataUrl, res.Urls[point.metadataResId]);
  assert.equal(rt.customFunctions.namespace.id, res.ShortStrings[point.namespaceResId]);
  assert.deepEqual(ext.requirements.capabilities, [{ name: 'SharedRuntime', minVersion: '1.1' }]);

  // The ribbon button opens the task pane in that runtime.
  const control = ext.ribbons[0].tabs[0].groups[0].controls[0];
  assert.equal(control.actionId, TASKPANE_ACTION_ID);
  assert.deepEqual(rt.actions.map((a) => [a.id, a.type]), [[TASKPANE_ACTION_ID, 'openPage']]);
  assert.equal(rt.id, RUNTIME_ID);

  // The functions are functions.json's, one for one.
  const meta = JSON.parse(readFileSync(join(dist, 'functions.json'), 'utf8'));
  assert.deepEqual(
    rt.customFunctions.functions.map((f) => [f.id, f.name, f.description, f.helpUrl, f.parameters]),
    meta.functions.map((f) => [f.id, f.name, f.description, f.helpUrl, f.parameters]),
  );
  assert.deepEqual(rt.customFunctions.functions.map((f) => f.result.dimensionality), meta.functions.map((f) => f.result.dimensionality));
});

test("Microsoft's converter writes the same manifest from our XML, but for the listed differences", async () => {
  const out = await convertXmlManifest(join(dist, 'manifest.xml'));
  const theirs = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
  const ours = read(dist);
  const base = DEFAULT_BASE_URL;

  // Differences, each documented in docs/hosting.md ("The unified manifest"):
  // 1. schema version: the converter writes v1.17, which has no custom functions; we write v1.30.
  assert.equal(theirs.manifestVersion, '1.17');
  // 2. custom functions: converter 0.4.1 drops the CustomFunctions extension point.
  assert.equal(JSON.stringify(theirs).includes('customFunctions'), false);
  // 3. runtimes: it gives the ribbon's task pane a second, short-lived runtime on the same
  //    page (with generated ids), which would split the shared runtime in two; we keep one.
  assert.deepEqual(theirs.extensions[0].runtimes.map((r) => [r.code.page, r.lifetime]), [[`${base}/taskpane.html`, 'long'], [`${base}/taskpane.html`, 'short']]);
  // 4. short description: it truncates the long one (with a "<TRUNCATED>" marker); we have a short one.
  assert.match(theirs.description.short, /^<TRUNCATED>/);
  // 5. the colour icon: it reuses the 64-pixel high-resolution icon; the schema asks for 192×192.
  assert.equal(theirs.icons.color, 'assets/icon-64.png');
  assert.equal(ours.icons.color, 'assets/icon-192.png');
  // 6. accent colour: it writes a fixed placeholder; ours is the icon's green.
  // 7. it spells out three schema defaults (false) that we leave out.
  for (const k of ['showLoadingIndicator', 'isFullScreen', 'defaultBlockUntilAdminAction']) assert.equal(theirs[k], false);
  // 8. it adds the ribbon's `overriddenByRibbonApi`/`enabled` defaults to the button.

  // Everything else is the same.
  const same = (pick) => assert.deepEqual(pick(ours), pick(theirs));
  same((m) => [m.id, m.version, m.localizationInfo, m.developer, m.name, m.description.full, m.icons.outline, m.validDomains, m.authorization]);
  same((m) => m.extensions[0].requirements);
  same((m) => m.extensions[0].alternates);
  same((m) => m.extensions[0].getStartedMessages);
  const ribbon = (m) => {
    const r = structuredClone(m.extensions[0].ribbons[0]);
    for (const c of r.tabs[0].groups[0].controls) {
      delete c.actionId; // the converter's generated id (difference 3)
      delete c.overriddenByRibbonApi; // difference 8
      delete c.enabled;
    }
    return r;
  };
  same(ribbon);
  // The action the button runs opens the same view with the same page.
  const theirAction = theirs.extensions[0].runtimes[1].actions[0];
  const ourAction = ours.extensions[0].runtimes[0].actions[0];
  assert.deepEqual([ourAction.type, ourAction.view], [theirAction.type, theirAction.view]);
});

test('the base URL reaches every URL of manifest.json, and it stays valid', async () => {
  const out = mkdtempSync(join(tmpdir(), 'sheetkpi-excel-json-'));
  const base = 'https://kpi.example.test/addins/sheetkpi';
  await buildExcel({ baseUrl: `${base}/`, outDir: out });
  const m = read(out);
  assert.deepEqual(errors(m), []);
  assert.deepEqual(m.validDomains, ['https://kpi.example.test']);
  const urls = JSON.stringify(m).match(/https?:\/\/[^"]+/g).filter((u) => u !== m.$schema);
  assert.ok(urls.length > 10);
  for (const u of urls) assert.ok(u.startsWith(`${base}/`) || u === 'https://kpi.example.test', u);
});
