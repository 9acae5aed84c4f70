// report.js: loaded by the page on first need (js/web/workbook.js), as the global
// `SheetkpiReport`. Starts the importer and mounts the report view; the performance mark
// sheetkpi:importer-ready says when the importer's WASM has compiled in its worker.
import { initFormats } from '../format.js';
import { startImporter } from './importer.js';
import { createView } from './view.js';

/**
 * @param {{kpi: any, root: HTMLElement, status: HTMLElement, showError: (e: unknown) => void}} ctx
 *   `kpi`: the page's router, whose result kinds this bundle's copy of format.js shows by.
 */
export async function mount({ kpi, root, status, showError }) {
  initFormats(kpi.resultKinds);
  const importer = await startImporter();
  performance.mark('sheetkpi:importer-ready');
  return createView({ importer, root, status, showError });
}
