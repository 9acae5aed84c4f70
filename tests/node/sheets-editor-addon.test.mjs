// The Editor add-on in the Apps Script emulation (js/sheets/emulator.mjs with the UI
// services of js/sheets/ui-emulator.mjs): the manifest holds only fields Google's manifest
// reference documents, and the scopes the add-on needs; onOpen and onInstall build the
// menu as Google's add-on guide does; the menu's function opens the sidebar; the sidebar's
// server calls list the registry and write an example into the selected cell; the one
// file of the paste route behaves as the clasp bundle. The sidebar in Chromium:
// sheets-sidebar.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { nativeCli, root } from './load.mjs';
import { execution, DIST } from '../../js/sheets/emulator.mjs';
import { ADDON_FUNCTIONS } from '../../js/sheets/addon-build.mjs';

const registry = JSON.parse(nativeCli('functions', '--json'));
const manifest = JSON.parse(readFileSync(`${DIST}appsscript.json`, 'utf8'));

/**
 * The manifest's top-level fields, as Google's manifest reference lists them
 * (developers.google.com/apps-script/manifest, "Manifest structure"). `addOns` is among
 * them but configures a Google Workspace add-on (card-based, homepage triggers); Google's
 * "Manifests for Editor add-ons" page says the manifest has no property specific to
 * Editor add-ons, which use the general ones (OAuth scopes above all) and this is one.
 */
const DOCUMENTED_FIELDS = ['addOns', 'chat', 'dependencies', 'exceptionLogging', 'executionApi', 'oauthScopes', 'runtimeVersion', 'sheets', 'timeZone', 'urlFetchWhitelist', 'webapp'];
/** exceptionLogging's documented values. */
const EXCEPTION_LOGGING = ['NONE', 'STACKDRIVER'];
/**
 * The scopes the add-on's calls need, by Google's OAuth scope list for Apps Script:
 * showSidebar and menus need script.container.ui ("Display and run third-party web
 * content in prompts and sidebars inside Google applications"); Range.setFormula needs a
 * spreadsheets scope, of which spreadsheets.currentonly is the narrowest (only the
 * spreadsheet the add-on runs in). Custom functions need none.
 */
const NEEDED_SCOPES = ['https://www.googleapis.com/auth/spreadsheets.currentonly', 'https://www.googleapis.com/auth/script.container.ui'];

test('appsscript.json: documented fields only, V8, and exactly the scopes the add-on needs', () => {
  for (const k of Object.keys(manifest)) assert.ok(DOCUMENTED_FIELDS.includes(k), `${k} is not a documented manifest field`);
  assert.equal(manifest.addOns, undefined, 'addOns would make it a Workspace add-on, which has no custom functions or HtmlService sidebars');
  assert.equal(manifest.runtimeVersion, 'V8');
  assert.ok(EXCEPTION_LOGGING.includes(manifest.exceptionLogging));
  assert.doesNotThrow(() => new Intl.DateTimeFormat('en', { timeZone: manifest.timeZone }), 'timeZone is a zone id');
  assert.deepEqual([...manifest.oauthScopes].sort(), [...NEEDED_SCOPES].sort());
});

test('onOpen and onInstall put one item under Extensions that opens the sidebar', () => {
  for (const trigger of ['onOpen', 'onInstall']) {
    const ex = execution();
    // The event object Google passes; in AuthMode.NONE only the menu may be built, which is all onOpen does.
    ex.call(trigger, { authMode: 'NONE' });
    assert.equal(ex.sheet.menus.length, 1, trigger);
    const [menu] = ex.sheet.menus;
    assert.equal(menu.kind, 'addon', `${trigger}: an add-on's menu goes under Extensions (createAddonMenu)`);
    assert.deepEqual(menu.items.map((i) => i.caption), ['KPI functions']);
    const fn = menu.items[0].functionName;
    // A menu item runs a global function by name; a private one (trailing _) cannot be run.
    assert.equal(typeof ex.context[fn], 'function', `${fn} exists`);
    assert.doesNotMatch(fn, /_$/);
    assert.equal(ex.sheet.sidebars.length, 0, 'opening the file shows no sidebar by itself');
  }
});

test('the menu item opens the sidebar: a titled HtmlOutput of one self-contained page', () => {
  const ex = execution();
  ex.call('onOpen', {});
  ex.call(ex.sheet.menus[0].items[0].functionName);
  assert.equal(ex.sheet.sidebars.length, 1);
  const [{ title, html }] = ex.sheet.sidebars;
  assert.equal(title, 'KPI functions');
  assert.match(html, /^<!DOCTYPE html>/);
  assert.match(html, /google\.script\.run/);
  // A sidebar may load nothing by URL from the add-on, and it loads nothing from elsewhere.
  assert.doesNotMatch(html, /\b(src|href)\s*=\s*["']?(https?:)?\/\//i);
  assert.doesNotMatch(html, /\{\{[A-Z]+\}\}/, 'every template slot filled');
});

/** What google.script.run hands the page: the server value serialized (so, of this realm). */
const overTheWire = (v) => JSON.parse(JSON.stringify(v));

test("the sidebar's catalogue is the registry's, one row per function, with Sheets formulas", () => {
  const rows = overTheWire(execution().call('sheetKpiCatalogue'));
  assert.deepEqual(rows.map((r) => r.id), registry.map((f) => f.id));
  for (const [i, f] of registry.entries()) {
    const r = rows[i];
    assert.equal(r.name, f.sheets_name);
    assert.equal(r.signature, f.sheets_signature);
    assert.deepEqual(r.params.map((p) => p.name), f.params.map((p) => p.name));
    assert.equal(r.examples.length, f.examples.length);
    for (const x of r.examples) assert.ok(x.formula.startsWith(`=${f.sheets_name}(`), x.formula);
  }
  const roas = rows.find((r) => r.id === 'ROAS');
  assert.equal(roas.examples[0].formula, '=ROAS(1000, 100)');
  assert.equal(roas.examples[0].result, '10, shown as 10.00x');
});

test('each catalogue example, typed into Sheets, computes the result the sidebar shows', async () => {
  // The formula the sidebar inserts, evaluated by the bundle's own custom function.
  const ex = execution();
  const roas = ex.call('sheetKpiCatalogue').find((r) => r.id === 'ROAS');
  const [, args] = /^=ROAS\((.*)\)$/.exec(roas.examples[0].formula);
  const value = await ex.call('ROAS', ...args.split(',').map(Number));
  assert.equal(`${value}`, roas.examples[0].result.split(',')[0]);
});

test('insert writes the chosen example into the top-left cell of the selection, and only that', () => {
  const ex = execution({ selection: 'B2:C3' });
  const done = ex.call('sheetKpiInsert', 'ROAS', 0);
  assert.deepEqual(overTheWire(done), { formula: '=ROAS(1000, 100)', cell: 'B2' });
  assert.deepEqual([...ex.sheet.formulas.entries()], [['B2', '=ROAS(1000, 100)']]);
  const cac = ex.call('sheetKpiCatalogue').find((r) => r.id === 'CAC');
  ex.call('sheetKpiInsert', 'CAC', 1);
  assert.equal(ex.sheet.formulas.get('B2'), cac.examples[1].formula);
});

test('insert refuses what is not a catalogue example, and an empty selection', () => {
  const ex = execution({ selection: 'D4' });
  assert.throws(() => ex.call('sheetKpiInsert', 'NOPE', 0), /No KPI function NOPE/);
  assert.throws(() => ex.call('sheetKpiInsert', 'ROAS', 99), /has no example 99/);
  assert.throws(() => ex.call('sheetKpiInsert', '=HYPERLINK("x")', 0), /No KPI function/);
  assert.equal(ex.sheet.formulas.size, 0);
  assert.throws(() => execution({ selection: null }).call('sheetKpiInsert', 'ROAS', 0), /Select a cell first/);
});

test("the add-on's public functions are the ones addon-build.mjs lists, and none is a KPI name", () => {
  const ex = execution();
  const code = readFileSync(`${DIST}addon.js`, 'utf8');
  const declared = [...code.matchAll(/^function ([A-Za-z0-9_]+)\(/gm)].map((m) => m[1]).filter((n) => !n.endsWith('_'));
  assert.deepEqual(declared.sort(), [...ADDON_FUNCTIONS].sort());
  const kpiNames = new Set(registry.map((f) => f.sheets_name.toLowerCase()));
  for (const n of declared) {
    assert.equal(typeof ex.context[n], 'function');
    assert.ok(!kpiNames.has(n.toLowerCase()), n);
  }
});

test('the one-file paste script is the bundle: functions, menu and sidebar work from it alone', async () => {
  const code = readFileSync(`${root}dist/sheets-one-file/sheetkpi.gs`, 'utf8');
  const ex = execution({ files: [{ name: 'Code.gs', code }], selection: 'A1' });
  assert.equal(await ex.call('ROAS', 1000, 100), 10);
  assert.equal(await ex.call('CAC', [[100], [200]], [[1], [3]]), 75);
  ex.call('onOpen', {});
  ex.call(ex.sheet.menus[0].items[0].functionName);
  assert.equal(ex.sheet.sidebars.length, 1);
  ex.call('sheetKpiInsert', 'ROAS', 0);
  assert.equal(ex.sheet.formulas.get('A1'), '=ROAS(1000, 100)');
  // Every generated file is in it, in push order.
  const order = JSON.parse(readFileSync(`${DIST}.clasp.json`, 'utf8')).filePushOrder;
  let at = -1;
  for (const name of order) {
    const body = readFileSync(DIST + name, 'utf8');
    const i = code.indexOf(body);
    assert.ok(i > at, `${name} is in the one file, after the one before it`);
    at = i;
  }
});
