// The page's side of the importer: starts the worker (worker.js, bundled by build.mjs
// into a string and run from a blob: URL, which works from file:// and any host) and
// offers promise-returning calls. Errors come back with the CLI's words, as thrown Errors.
import sampleBytes from '@samples/campaigns.xlsx';
import { csvDialect } from './i18n.js';

/** Options as the import WASM takes them. */
const jsOptions = (o) => ({ fileName: o.fileName, map: o.map || [], groupBy: o.groupBy || undefined, sheet: o.sheet || undefined });

/** A worker running the importer, with promise-returning requests. */
function spawn() {
  const url = URL.createObjectURL(new Blob([__SHEETKPI_WORKER_SOURCE__], { type: 'text/javascript' }));
  const worker = new Worker(url);
  URL.revokeObjectURL(url);
  let next = 1;
  /** @type {Map<number, {ok: Function, fail: Function}>} */
  const waiting = new Map();
  worker.onmessage = (e) => {
    const { id, ok, error } = e.data;
    const w = waiting.get(id);
    waiting.delete(id);
    if (!w) return;
    if (error) w.fail(Object.assign(new Error(error.message), { kind: error.kind, option: error.option }));
    else w.ok(ok);
  };
  worker.onerror = (e) => {
    e.preventDefault();
    for (const w of waiting.values()) w.fail(Object.assign(new Error(`the workbook reader stopped: ${e.message || 'unknown error'}`), { kind: 'crash' }));
    waiting.clear();
  };
  return {
    /** One request; `transfer` hands buffers over without copying. */
    ask: (op, args = {}, transfer = []) =>
      new Promise((ok, fail) => {
        const id = next++;
        waiting.set(id, { ok, fail });
        worker.postMessage({ id, op, ...args }, transfer);
      }),
    stop: () => worker.terminate(),
  };
}

/**
 * The time budget per request in seconds, when the page's address asks for one
 * (`?timeBudget=SECONDS`, for a slow machine or a huge file); else the importer's default.
 */
function requestedTimeBudget() {
  const v = Number(new URLSearchParams(globalThis.location ? globalThis.location.search : '').get('timeBudget'));
  return Number.isFinite(v) && v > 0 ? v : undefined;
}

/** Starts the importer worker and returns its API once the WASM inside has compiled. */
export async function startImporter() {
  let current = spawn();
  /** Past it a request fails with the importer's own message: {seconds, error, message}. */
  let budget = null;
  /**
   * A request; after a crash, or past the time budget (the worker is stuck and cannot be
   * asked to stop), the worker is replaced, so the next file gets a sound reader.
   */
  const ask = async (op, args, transfer) => {
    let timer;
    const late = budget && new Promise((_, fail) => {
      timer = setTimeout(() => fail(Object.assign(new Error(budget.message), { kind: budget.error, late: true })), budget.seconds * 1000);
    });
    try {
      return await (late ? Promise.race([current.ask(op, args, transfer), late]) : current.ask(op, args, transfer));
    } catch (err) {
      if (err.kind === 'crash' || err.late) {
        current.stop();
        current = spawn();
      }
      throw err;
    } finally {
      clearTimeout(timer);
    }
  };
  const caps = await ask('capabilities', { timeBudget: requestedTimeBudget() });
  budget = caps.timeBudget;
  return {
    /** Every column role, in the importer's order (its `import_roles()`). */
    roles: caps.roles,
    /** The importer has no "not used" role: a recognised column can be moved, not dropped. */
    unmap: null,
    version: caps.version,
    /**
     * Reads `file` (a File or Blob, which the worker streams in: the page never reads it
     * whole; null: the open workbook again) and returns the report `sheetkpi report
     * --format json` prints, without `rows` (`rowCount` instead).
     * @param {Blob | null} file
     * @param {{fileName: string, map?: string[], groupBy?: string|null}} opts
     */
    open: (file, opts) => ask('open', { file, options: jsOptions(opts) }),
    /** Data rows of `group` (null: all), `count` from `from`: {rows, total}. */
    rows: (group, from, count) => ask('rows', { group, from, count }),
    /** The attribution controls' defaults, `{order, orders, lookbackDays, firstShare, lastShare, halfLife, direct}`. */
    attributionDefaults: caps.attributionDefaults,
    /**
     * The open workbook's attribution with the model params (`sheetkpi attribute --order …
     * --format json`); a param that cannot be read throws with its `option` named.
     */
    attribute: (params) => ask('attribute', { params }),
    /** The open workbook's attribution as the CSV `sheetkpi attribute --format csv` writes. */
    attributionCsv: (params) => ask('attributionCsv', { params, dialect: csvDialect() }),
    /** The Markov transition matrix for the params' order: `{rows, total}` (the first `limit` rows) or `{error}`. */
    transitions: (params, limit) => ask('transitions', { params, limit }),
    /** The customer controls' defaults, `{model, unit, horizon, discount, margin}` (import_clv's options). */
    clvDefaults: caps.clvDefaults,
    /** The open workbook's CLV forecast with the controls' params (`sheetkpi clv --format json`); a param that cannot be read throws with its `option` named. */
    clv: (params) => ask('clv', { params }),
    /** The open workbook's CLV forecast as the CSV `sheetkpi clv --format csv` writes. */
    clvCsv: (params) => ask('clvCsv', { params, dialect: csvDialect() }),
    /** The open workbook's report as a CSV Blob, the text `sheetkpi report --format csv` writes. */
    csv: (opts) => ask('csv', { options: jsOptions(opts), dialect: csvDialect() }),
    /** The open workbook's report as the live-formula xlsx `sheetkpi report --format xlsx` writes. */
    xlsx: (opts) => ask('xlsx', { options: jsOptions(opts) }),
    /** The bundled sample workbook, as a Blob to open like a chosen file. */
    sample: () => ({ name: 'campaigns.xlsx', file: new Blob([sampleBytes]) }),
  };
}
