// The built manifest read by Office's own manifest parser: `OSF.Manifest.OfficeAppManifest`
// from osfmos.js, the Office Solution Framework code that Microsoft ships (npm
// office-addin-manifest-converter) to read XML manifests the way Office does. It throws on
// a CustomFunctions extension point without its Script, Page or Metadata, and resolves
// resource ids the way Excel does, so a resid that names nothing shows up here instead of
// as an add-in that silently never loads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { kpi, root } from './load.mjs';
import { DEFAULT_BASE_URL } from '../../js/excel/metadata.mjs';

const require = createRequire(import.meta.url);
// osfmos.js expects a browser DOM for XPath; the package's own Node entry swaps in xmldom.
require('office-addin-manifest-converter/lib/osfUtils').Utils.OverrideMethods();
const { OSF } = require('office-addin-manifest-converter/lib/osfmos');

const WORKBOOK = OSF.ManifestHostType.Workbook;
/** `RuntimeLifeTime.Long` in osfmos.js (the enum is not exported). */
const LIFETIME_LONG = 1;
const built = readFileSync(join(root, 'dist/excel/manifest.xml'), 'utf8');

const parse = (xml) => new OSF.Manifest.OfficeAppManifest(xml, 'en-US');

/**
 * What Office's parser says of a manifest it refuses: it logs an `AddinManifestError`
 * with console.error, then throws (outside Office, its error reporter is missing, so what
 * it throws is a ReferenceError; the logged verdict is the parser's own).
 */
function refusal(xml) {
  const logged = [];
  const error = console.error;
  console.error = (...a) => logged.push(a.join(' '));
  try {
    parse(xml);
  } catch {
    return logged.join('\n') || 'refused without a message';
  } finally {
    console.error = error;
  }
  return null;
}

/** The ShowTaskpane actions of the Workbook ribbon, as Office parsed them. */
function taskpaneActions(overrides) {
  const actions = [];
  const walk = (node) => {
    if (!node || typeof node !== 'object') return;
    if (node.action && node.action.type === 'ShowTaskpane') actions.push(node.action);
    for (const v of Object.values(node)) if (v && typeof v === 'object' && v !== node.action) walk(v);
  };
  walk(overrides._addinCommandsExtensionPoints);
  return actions;
}

test('Office parses the manifest as a task pane add-in for Excel with custom functions', () => {
  const m = parse(built);
  assert.equal(m.getTarget(), OSF.OfficeAppType.TaskPaneApp);
  assert.equal(m.containsCustomFunctions(WORKBOOK), true);
  assert.equal(m.getProviderName(), 'sheetkpi');
  assert.equal(m.getDefaultSourceLocation(), `${DEFAULT_BASE_URL}/taskpane.html`);
});

test('Office resolves every custom-functions resource to the hosted files and the KPI namespace', () => {
  const overrides = parse(built)._versionOverrides[WORKBOOK];
  const point = overrides._customFunctionExtensionPoint;
  const res = overrides._resources;
  assert.equal(res.ShortStrings[point.namespaceResId], kpi.functions[0].excel_name.split('.')[0]);
  assert.equal(res.Urls[point.scriptResId], `${DEFAULT_BASE_URL}/functions.js`);
  assert.equal(res.Urls[point.metadataResId], `${DEFAULT_BASE_URL}/functions.json`);
  assert.equal(res.Urls[point.pageResId], `${DEFAULT_BASE_URL}/taskpane.html`);
});

test('Office finds one long-lived shared runtime for the functions and the task pane', () => {
  const m = parse(built);
  const runtime = m.getSharedRuntimeForCustomFunctions(WORKBOOK);
  assert.ok(runtime, 'the custom functions page is not a declared runtime');
  assert.equal(runtime.LifeTime, LIFETIME_LONG);
  const overrides = m._versionOverrides[WORKBOOK];
  assert.equal(runtime.Resid, overrides._customFunctionExtensionPoint.pageResId);
  assert.equal(overrides._functionFileResid.DesktopFormFactor, runtime.Resid);
  const actions = taskpaneActions(overrides);
  assert.ok(actions.length >= 1, 'the ribbon has a button that opens the task pane');
  for (const a of actions) assert.equal(a.sourceLocationResid, runtime.Resid, 'the task pane runs in the shared runtime');
});

test('the same parser rejects what would make Excel fail silently (the checks can fail)', () => {
  // No <Page> under the CustomFunctions extension point: Office refuses the manifest.
  const noPage = built.replace(/<Page>[\s\S]*?<\/Page>/, '');
  assert.notEqual(noPage, built);
  assert.match(refusal(noPage) ?? 'accepted', /AddinManifestError: Missing required <Page> element/);
  assert.equal(refusal(built), null);
  // A page that is not the runtime's: the functions would get a runtime of their own.
  const otherPage = built.replace(/(<Page>\s*<SourceLocation resid=")[^"]+"/, '$1Functions.Script.Url"');
  assert.notEqual(otherPage, built);
  assert.equal(parse(otherPage).getSharedRuntimeForCustomFunctions(WORKBOOK), null);
});
