// A Node emulation of one Apps Script execution, for the tests and the benchmark.
//
// What Apps Script documents, and no more: V8 with the ECMAScript built-ins and
// WebAssembly; one global scope shared by every project file, run in push order; no
// TextEncoder, TextDecoder, setTimeout, require, module, process, fetch, URL or atob.
// Of the services, only the calls the add-on makes: SpreadsheetApp.getActiveSpreadsheet()
// .getSpreadsheetTimeZone(), Session.getScriptTimeZone() and Utilities.formatDate()
// (Java SimpleDateFormat letters y M d H m s S and quoted text) for the functions, and for
// the Editor add-on's menu and sidebar (js/sheets/ui-emulator.mjs) SpreadsheetApp.getUi()
// (createAddonMenu, addItem, addSeparator, addToUi, showSidebar), HtmlService.createHtmlOutput
// (setTitle, getTitle, getContent) and SpreadsheetApp.getActiveRange() (getCell,
// setFormula, getFormula, getA1Notation). Sheets' side: a range is a 2-D array, a blank
// "", a date a Date for its wall clock in the spreadsheet's zone.
import vm from 'node:vm';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { uiServices } from './ui-emulator.mjs';

/** Where build:sheets writes the bundle. */
export const DIST = fileURLToPath(new URL('../../dist/sheets/', import.meta.url));

/** Globals Apps Script does not have; none may exist in the emulation. */
export const ABSENT = ['TextEncoder', 'TextDecoder', 'setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask',
  'require', 'module', 'exports', 'process', 'fetch', 'URL', 'atob', 'btoa', 'Buffer', 'structuredClone', 'Response', 'Request', 'window', 'self'];

const MS_PER_DAY = 86400000;
const EPOCH_1899 = Date.UTC(1899, 11, 30);

/** The bundle's files in push order (from the .clasp.json build:sheets wrote) and their text. */
export function bundleFiles(dir = DIST) {
  const order = JSON.parse(readFileSync(`${dir}.clasp.json`, 'utf8')).filePushOrder;
  return order.map((name) => ({ name, code: readFileSync(dir + name, 'utf8') }));
}

/** Milliseconds by which `zone`'s wall clock is ahead of UTC at instant `t`. */
function zoneOffset(zone, t) {
  const parts = wallClock(zone, t);
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second, parts.ms);
  // Date.UTC maps years 0–99 to 1900+; the bundle's supported range starts far later.
  return wall - t;
}

/** The wall clock of instant `t` in `zone`. */
function wallClock(zone, t) {
  const f = new Intl.DateTimeFormat('en-US', {
    timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit', fractionalSecondDigits: 3, era: 'short',
  });
  const p = Object.fromEntries(f.formatToParts(new Date(t)).map((x) => [x.type, x.value]));
  const year = p.era === 'BC' || p.era === 'B' ? 1 - Number(p.year) : Number(p.year);
  return { year, month: +p.month, day: +p.day, hour: +p.hour, minute: +p.minute, second: +p.second, ms: +p.fractionalSecond };
}

/** Utilities.formatDate as documented: a Date, a time zone id, a SimpleDateFormat pattern. */
function formatDate(date, zone, pattern) {
  const w = wallClock(zone, date.getTime());
  const pad = (n, k) => String(n).padStart(k, '0');
  const field = { y: (k) => (k === 2 ? pad(w.year % 100, 2) : pad(w.year, k)), M: (k) => pad(w.month, k), d: (k) => pad(w.day, k),
    H: (k) => pad(w.hour, k), m: (k) => pad(w.minute, k), s: (k) => pad(w.second, k), S: (k) => pad(w.ms, k) };
  return pattern.replace(/'([^']*)'|([A-Za-z])\2*/g, (run, quoted, letter) => {
    if (quoted !== undefined) return quoted;
    const f = field[letter];
    if (!f) throw new Error(`formatDate emulation: pattern letter ${letter} is not emulated`);
    return f(run.length);
  });
}

/**
 * One Apps Script execution of the bundle, in a fresh V8 context.
 * @param {{timeZone?: string, scriptTimeZone?: string, files?: {name: string, code: string}[], selection?: string | null}} [opts]
 *   timeZone: the spreadsheet's; scriptTimeZone: appsscript.json's; selection: the
 *   selected range in A1 notation (null: none).
 */
export function execution({ timeZone = 'Etc/UTC', scriptTimeZone = 'Etc/UTC', files = bundleFiles(), selection = 'A1' } = {}) {
  const counts = { instantiate: 0, formatDate: 0, timeZone: 0 };
  const context = vm.createContext({});
  const realm = vm.runInContext('({ Array, Date, Object })', context);
  // Services exist as plain objects made in the script's own realm.
  const ui = uiServices(selection);
  const services = {
    SpreadsheetApp: {
      getActiveSpreadsheet: () => ({ getSpreadsheetTimeZone: () => (counts.timeZone++, timeZone) }),
      getUi: ui.getUi,
      getActiveRange: ui.getActiveRange,
    },
    Session: { getScriptTimeZone: () => scriptTimeZone },
    Utilities: { formatDate: (d, z, p) => (counts.formatDate++, formatDate(d, z, p)) },
    HtmlService: ui.HtmlService,
  };
  for (const [k, v] of Object.entries(services)) context[k] = v;
  const wasm = vm.runInContext('WebAssembly', context);
  const instantiate = wasm.instantiate;
  wasm.instantiate = function (...a) {
    counts.instantiate++;
    return instantiate.apply(this, a);
  };
  const present = ABSENT.filter((g) => vm.runInContext(`typeof ${g}`, context) !== 'undefined');
  if (present.length) throw new Error(`the emulation has globals Apps Script lacks: ${present.join(', ')}`);
  for (const f of files) vm.runInContext(f.code, context, { filename: f.name });

  /** A value as Sheets hands it to the script: arrays and Dates of the script's realm. */
  function toRealm(v) {
    if (v instanceof realm.Array) return v; // already prepared by `value`
    if (Array.isArray(v)) return realm.Array.from(v, toRealm);
    if (v instanceof Date) return new realm.Date(v.getTime());
    return v;
  }

  return {
    context,
    counts,
    /** What the script did to the spreadsheet's interface and cells (menus, sidebars, formulas). */
    sheet: ui.state,
    /** `v` as Sheets builds it in the script's realm (to keep that work out of timings). */
    value: toRealm,
    /** Calls global function `name` as Sheets would; resolves to its value, rejects with what it threw. */
    call(name, ...args) {
      const fn = context[name];
      if (typeof fn !== 'function') throw new Error(`no global function ${name}`);
      return fn(...args.map(toRealm));
    },
    /** The Date Sheets passes for serial day `serial` in this spreadsheet's time zone. */
    date(serial) {
      const wall = Math.round(EPOCH_1899 + serial * MS_PER_DAY);
      let t = wall - zoneOffset(timeZone, wall);
      t = wall - zoneOffset(timeZone, t);
      return new realm.Date(t);
    },
  };
}
