// Runs the built add-in (dist/excel/functions.js) the way Excel's shared runtime does,
// inside a Node vm context: the office.js stand-in (office-runtime.js) provides the
// documented CustomFunctions / Office API, and the context has the browser globals the
// page would have (fetch of its own hosted files, URL, TextEncoder/Decoder, location,
// performance, console). Nothing else is reachable: fetches outside the add-in's
// folder fail and are recorded.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { shownError, shownResult } from './results.mjs';

const standinSource = readFileSync(fileURLToPath(new URL('./office-runtime.js', import.meta.url)), 'utf8');

const TYPES = { '.wasm': 'application/wasm', '.json': 'application/json', '.js': 'text/javascript' };

/**
 * Loads the built add-in from `distDir` into a fresh emulated runtime.
 * @param {string} distDir folder produced by js/excel/build.mjs
 * @param {{pageUrl?: string, waitReady?: boolean}} [o] where the task pane page is "hosted";
 *   whether to wait for the WASM before returning (false: calls may come before it is ready)
 */
export async function loadAddin(distDir, { pageUrl = 'https://localhost:3000/taskpane.html', waitReady = true } = {}) {
  const base = new URL('.', pageUrl).href;
  const outside = [];
  const fetched = [];
  async function fetchHosted(input) {
    const url = new URL(String(input instanceof URL ? input.href : input), pageUrl).href;
    if (!url.startsWith(base)) {
      outside.push(url);
      throw new TypeError(`Failed to fetch ${url} (no network in the emulation)`);
    }
    const rel = decodeURIComponent(url.slice(base.length).split(/[?#]/)[0]);
    fetched.push(rel);
    const ext = rel.slice(rel.lastIndexOf('.'));
    return new Response(readFileSync(join(distDir, rel)), { headers: { 'Content-Type': TYPES[ext] || 'application/octet-stream' } });
  }
  const context = vm.createContext({
    console,
    fetch: fetchHosted,
    Response,
    URL,
    TextEncoder,
    TextDecoder,
    performance,
    location: { href: pageUrl },
    setTimeout,
    clearTimeout,
    queueMicrotask,
  });
  vm.runInContext(standinSource, context, { filename: 'office-runtime.js' });
  vm.runInContext(readFileSync(join(distDir, 'functions.js'), 'utf8'), context, { filename: 'functions.js' });
  const { CustomFunctions, officeStandin, sheetkpiExcel } = context;
  // Excel holds each call's result to what functions.json declares for it.
  const declared = new Map(
    JSON.parse(readFileSync(join(distDir, 'functions.json'), 'utf8')).functions.map((f) => [f.id.toUpperCase(), f.result]),
  );
  const kpi = waitReady ? await sheetkpiExcel.ready : null;

  /**
   * Calls an associated function as Excel does and reports what the cell would show:
   * {value} for a result (for a matrix, the rows it spills, each error cell as
   * {error, message?}), {error: code, message} for a thrown CustomFunctions.Error. A
   * result Excel would not take (results.mjs) throws.
   * @param {string} id
   * @param {unknown[]} args exactly one per declared parameter (null when omitted)
   */
  async function cell(id, args) {
    const fn = officeStandin.associations.get(id.toUpperCase());
    if (!fn) throw new Error(`${id} is not associated`);
    let v;
    try {
      v = await fn(...args);
    } catch (e) {
      if (e instanceof CustomFunctions.Error) return shownError(e, id);
      throw e;
    }
    return { value: shownResult(declared.get(id.toUpperCase()), v, CustomFunctions, id) };
  }

  return { context, CustomFunctions, standin: officeStandin, kpi, ready: sheetkpiExcel.ready, cell, fetched, outside };
}
