// The importer's WebAssembly (pkg-import/, the same Rust code as `sheetkpi report`),
// inlined in report.js, behind the few calls the view needs. Its failures arrive as
// `{error, message}` objects with the CLI's words; here they become thrown Errors so the
// page can show them.
import init, * as imp from '@pkg-import/sheetkpi_import.js';
import wasmBytes from '@pkg-import/sheetkpi_import_bg.wasm';
import sampleBytes from '@samples/campaigns.xlsx';
import { ROLES } from './roles.js';


/** An importer answer that is an error object rather than a result. */
const failed = (r) => typeof r === 'object' && r !== null && typeof r.error === 'string' && !('source' in r);

/** Options as the import WASM takes them. */
const jsOptions = (o) => ({ fileName: o.fileName, map: o.map || [], groupBy: o.groupBy || undefined, sheet: o.sheet || undefined });

/** Compiles the importer (asynchronously: it is about 1 MB) and returns its API. */
export async function startImporter() {
  await init({ module_or_path: wasmBytes });
  return {
    roles: ROLES,
    /** The importer has no "not used" role: a recognised column can be moved, not dropped. */
    unmap: null,
    version: imp.import_version(),
    /**
     * The report object `sheetkpi report --format json` prints, for `bytes`.
     * @param {Uint8Array} bytes
     * @param {{fileName: string, map?: string[], groupBy?: string|null}} opts
     */
    report(bytes, opts) {
      const r = imp.import_report(bytes, jsOptions(opts));
      if (failed(r)) throw Object.assign(new Error(r.message), { kind: r.error });
      return r;
    },
    /** The report as CSV text, as `sheetkpi report --format csv` writes it. */
    csv(bytes, opts) {
      const r = imp.import_render(bytes, jsOptions(opts), 'csv');
      if (failed(r)) throw Object.assign(new Error(r.message), { kind: r.error });
      return r;
    },
    /** The live-formula xlsx, when this importer build can write one (else null). */
    xlsx: typeof (/** @type {any} */ (imp).import_xlsx) === 'function'
      ? (bytes, opts) => {
          const r = /** @type {any} */ (imp).import_xlsx(bytes, jsOptions(opts));
          if (failed(r)) throw Object.assign(new Error(r.message), { kind: r.error });
          return r;
        }
      : null,
    sample: { name: 'campaigns.xlsx', bytes: sampleBytes },
  };
}
