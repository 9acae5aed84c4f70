// report.js: loaded by the page on first need (js/web/workbook.js), as the global
// `SheetkpiReport`. Starts the importer and mounts the report view; the performance mark
// sheetkpi:importer-ready says when the importer's WASM has compiled in its worker.
import { startImporter } from './importer.js';
import { createView } from './view.js';

/**
 * @param {{root: HTMLElement, status: HTMLElement, showError: (e: unknown) => void}} ctx
 */
export async function mount({ root, status, showError }) {
  const importer = await startImporter();
  performance.mark('sheetkpi:importer-ready');
  return createView({ importer, root, status, showError });
}
