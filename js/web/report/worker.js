// The importer's worker (a blob: worker made by importer.js, so it runs from file:// too):
// reads the workbook with the importer's WASM off the page's main thread, so the page stays
// responsive while a large file is read. The workbook stays in the WASM, behind an
// ImportWorkbook handle (src/import/wasm_handle.rs): its bytes, streamed in once, and the
// report computed from them. This worker holds neither the bytes nor the report's rows:
// it sends the page the report without its data rows (one line per group and the total),
// source rows a page at a time on request, and downloads rendered from the kept report.
//
// Messages in: {id, op, ...}; out: {id, ok: result} or {id, error: {kind, message}}; kind
// `crash` means the WASM trapped and this worker is done (the page starts a new one).
//   open    {file, options}   the report of `file` (a File or Blob, streamed in), rows left
//                             out (`rowCount` says how many), and its `attribution` (null
//                             without journey data); without a file, the
//                             open workbook again with new options. On failure the previous
//                             workbook and report stay open. A workbook of journeys only
//                             has no KPI report: then just {attribution}. Also `customers`:
//                             the CLV forecast (import_clv with the page's defaults, CLV_DEFAULTS)
//                             of a workbook with customer or transaction data, else null.
//   rows    {group, from, count}  data rows of one group (group null: all rows)
//   attribute {params}        the attribution again with the model controls' params
//                             (import_attribute's options: order, lookbackDays, firstShare,
//                             lastShare, halfLife, direct); it stays the open one. A param
//                             that cannot be read fails with its `option` named.
//   attributionCsv {params, dialect}  the attribution as the CSV `sheetkpi attribute --format csv`
//                             writes, in the CSV dialect ({locale}: the page's language)
//   transitions {params, limit}  the Markov transition matrix for params' order: its first
//                             `limit` rows and how many there are, {rows, total}
//   clv {params}              the customers' CLV forecast again with the customer controls'
//                             params (import_clv's options: model, unit, horizon, discount,
//                             margin); it stays the open one
//   clvCsv {params, dialect}  the forecast as the CSV `sheetkpi clv --format csv` writes
//   csv     {options, dialect}  the report as a CSV Blob, taken from the WASM in parts (the open workbook)
//   xlsx    {options}         the live-formula xlsx bytes (the open workbook)
import init, * as imp from '@pkg-import/sheetkpi_import.js';
import wasmBytes from '@pkg-import/sheetkpi_import_bg.wasm';
import { memoryMessage, trapMessage } from './trap.js';

const ready = init({ module_or_path: wasmBytes });
/**
 * The open workbook: `book`, its ImportWorkbook handle (bytes and report in WASM memory,
 * freed when another file opens), whether it has a KPI report, and its journeys' and
 * customers' options and last results.
 */
let open = null;

/** An importer answer that is an error object rather than a result. */
const failed = (r) => typeof r === 'object' && r !== null && typeof r.error === 'string' && !('source' in r);

function check(r) {
  if (failed(r)) throw { kind: r.error, message: r.message, option: r.option };
  return r;
}

/** The open workbook, or the error every request on a closed one gives. */
function openWorkbook() {
  if (!open) throw { kind: 'internal', message: 'the workbook is no longer open here; open the file again' };
  return open;
}

/**
 * `{journeys, attribution}`: where the workbook's journey data is (the options that find
 * it again, for the model controls' requests) and its attribution with the defaults
 * (import_attribute's object, or its {error, message} for journeys that cannot be used);
 * both null when it has none. The cheap detect reads each sheet's first rows only, so a
 * campaign workbook pays next to nothing.
 */
function attributionOf(book, options) {
  const found = book.journeys_detect(options.fileName);
  if (!found || failed(found)) return { journeys: null, attribution: null };
  const journeys = { fileName: options.fileName, sheet: found.sheet };
  return { journeys, attribution: book.attribute(journeys) };
}

/**
 * The customer section's defaults, as import_clv takes them: the importer's own (BG/NBD, a
 * year ahead, no discount, margin 1) but weeks as the unit, the papers' (a transaction list
 * needs one; for a summary it is what recency and age are counted in, as the page says).
 */
const CLV_DEFAULTS = { model: 'bgnbd', unit: 'weeks', horizon: '', discount: '0', margin: '1' };

/**
 * Whether import_clv's error is about customer data it found (a cell it cannot use, or a
 * spreadsheet error such as #NUM! from the fit): worth showing. Any other kind (no
 * customers, a file it cannot read) means the section stays hidden.
 */
const aboutCustomers = (r) => r.error === 'bad_cell' || r.error.startsWith('#');

/**
 * `{customers, clv}`: where the customer data is (import_clv's read options) and its
 * forecast with the defaults (or its {error, message} for customer data that cannot be
 * forecast); both null when the workbook has none.
 */
function clvOf(book, options) {
  const where = { fileName: options.fileName };
  const r = book.clv({ ...where, ...clvParams(CLV_DEFAULTS) });
  if (failed(r)) return aboutCustomers(r) ? { customers: where, clv: r } : { customers: null, clv: null };
  return { customers: { ...where, sheet: r.source.sheet }, clv: r };
}

/**
 * The controls' params as import_clv's options: as typed (the Rust reads `1%` and names an
 * option it cannot read), a blank field left out so that the importer's default holds.
 */
const clvParams = (params) => Object.fromEntries(Object.entries(params).filter(([, v]) => String(v).trim() !== ''));

/** The open workbook's customer data (where import_clv finds it) with the controls' params. */
function customerOptions(params) {
  const { customers } = openWorkbook();
  if (!customers) throw { kind: 'no_customers', message: 'this workbook holds no customer data' };
  return { ...clvParams(params), ...customers };
}

/** The open workbook's journeys (where import_attribute finds them) with the model params. */
function journeyOptions(params) {
  const { journeys } = openWorkbook();
  if (!journeys) throw { kind: 'no_journeys', message: 'this workbook holds no journey data' };
  return { ...params, ...journeys };
}

/** The report without rows, as the page takes it: with the workbook's attribution and customers. */
const withExtras = (summary, { attribution, clv }) => ({ ...summary, attribution, customers: clv });

/** Lines of the CSV download per part taken from the WASM (a few MB of text). */
const CSV_LINES_PER_PART = 20_000;
const CSV_TYPE = 'text/csv;charset=utf-8';

/** The open workbook's KPI report, or the error a download without one gives. */
function reportBook() {
  const o = openWorkbook();
  if (!o.hasReport) throw { kind: 'internal', message: 'this workbook has no KPI report' };
  return o.book;
}

/**
 * A new ImportWorkbook holding `file`'s bytes (a File or Blob), streamed into WASM memory a
 * chunk at a time: the whole file is never held in JS, only the one copy in the WASM. A file
 * larger than the memory the tab gives is refused before or while it is read, with the
 * instance still sound.
 */
async function readIn(file) {
  const tooLarge = () => ({ kind: 'too_large', message: memoryMessage(file.size) });
  const book = imp.ImportWorkbook.reserve(file.size);
  if (!book) throw tooLarge();
  try {
    const reader = file.stream().getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return book;
      if (!book.append(value)) {
        reader.cancel();
        throw tooLarge();
      }
    }
  } catch (err) {
    // After a trap the instance is done and replaced: freeing could trap again.
    if (!(err instanceof WebAssembly.RuntimeError)) book.free();
    // A File that cannot be read (moved, changed or its permission gone) fails its stream with a DOMException.
    if (err instanceof DOMException) throw { kind: 'unreadable', message: `the file could not be read (${err.message})` };
    throw err;
  }
}

/**
 * Opens `file` (streamed into WASM memory once, readIn): the report with `options`, its
 * journeys and customers. On failure the new handle is freed and the previous workbook
 * stays open; on success the previous one is freed.
 */
async function openNew(file, options) {
  const book = await readIn(file);
  let opened;
  try {
    const report = book.report(options);
    const { journeys, attribution } = attributionOf(book, options);
    const { customers, clv } = clvOf(book, options);
    // A sheet of journeys or customers alone is no KPI workbook, but still worth showing.
    if (failed(report) && !attribution && !clv) check(report);
    opened = { book, hasReport: !failed(report), journeys, attribution, customers, clv };
  } catch (err) {
    // After a trap the instance is done and replaced: freeing could trap again.
    if (!(err instanceof WebAssembly.RuntimeError)) book.free();
    throw err;
  }
  if (open) open.book.free();
  open = opened;
  return opened.hasReport ? withExtras(book.summary(), opened) : { attribution: opened.attribution, customers: opened.clv };
}

const ops = {
  open({ file, options }) {
    if (file) return openNew(file, options);
    // New column choices: the journeys do not depend on them. On failure the kept report stays.
    const o = openWorkbook();
    const summary = check(o.book.report(options));
    o.hasReport = true;
    return withExtras(summary, o);
  },
  rows({ group, from, count }) {
    return check(reportBook().rows(group ?? undefined, from, count));
  },
  attribute({ params }) {
    const attribution = check(openWorkbook().book.attribute(journeyOptions(params)));
    open.attribution = attribution;
    return attribution;
  },
  attributionCsv({ params, dialect }) {
    return check(openWorkbook().book.attribute_csv(journeyOptions(params), dialect));
  },
  transitions({ params, limit }) {
    // Markov alone: the other models are not needed for its chain.
    const r = check(openWorkbook().book.attribute({ ...journeyOptions(params), models: ['markov'], transitionMatrix: true }));
    const t = r.transition_matrix;
    if (failed(t)) return { error: t };
    return { rows: t.slice(0, limit), total: t.length };
  },
  clv({ params }) {
    const clv = check(openWorkbook().book.clv(customerOptions(params)));
    open.clv = clv;
    return clv;
  },
  clvCsv({ params, dialect }) {
    return check(openWorkbook().book.clv_csv(customerOptions(params), dialect));
  },
  // Rendered from the kept report when `options` are its own (the page's case), else read
  // again from the kept bytes with them.
  csv({ options, dialect }) {
    const book = reportBook();
    // The page's case, its own options: the kept report, handed on in parts so that the
    // WASM never holds the text of a large report whole; the Blob holds it outside.
    if (!book.keeps(options)) return new Blob([check(book.render('csv', options, dialect))], { type: CSV_TYPE });
    const parts = [];
    for (let from = 0; ; from += CSV_LINES_PER_PART) {
      const part = check(book.csv_part(from, CSV_LINES_PER_PART, dialect));
      if (part === '') return new Blob(parts, { type: CSV_TYPE });
      parts.push(part);
    }
  },
  xlsx({ options }) {
    return check(reportBook().xlsx(options));
  },
  capabilities({ timeBudget }) {
    // The column roles in the importer's order, for the mapping selects.
    // The attribution controls' defaults and Markov orders, as the CLI's flags have them.
    // The time budget per request and its message, kept by the page (an over-time worker cannot answer).
    return {
      version: imp.import_version(),
      roles: imp.import_roles(),
      attributionDefaults: imp.import_attribute_defaults(),
      clvDefaults: CLV_DEFAULTS,
      timeBudget: imp.import_time_budget(timeBudget),
    };
  },
};

/** Set when the WASM trapped: its memory can no longer be trusted, so nothing more runs here. */
let crashed = '';

self.onmessage = async (e) => {
  const { id, op, ...args } = e.data;
  try {
    await ready;
    if (crashed) throw { kind: 'crash', message: crashed };
    if (!Object.prototype.hasOwnProperty.call(ops, op)) throw { kind: 'internal', message: `unknown request ${op}` };
    self.postMessage({ id, ok: await ops[op](args) });
  } catch (err) {
    if (err instanceof WebAssembly.RuntimeError) {
      // Out of memory, or a Rust panic (a bug in sheetkpi): this instance is done either way.
      crashed = trapMessage(imp, err);
      err = { kind: 'crash', message: crashed };
    }
    const message = err && err.message ? err.message : String(err);
    self.postMessage({ id, error: { kind: (err && err.kind) || 'internal', message, option: err && err.option } });
  }
};
