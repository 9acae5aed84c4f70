// report.js: loaded by the page on first need (js/web/workbook.js), as the global
// `SheetkpiReport`. Starts the importer and mounts the report view; the performance mark
// sheetkpi:importer-ready says when the importer's WASM has compiled in its worker.
import { initFormats } from '../format.js';
import { startImporter } from './importer.js';
import { useLanguage } from './i18n.js';
import { createView } from './view.js';

/**
 * @param {{kpi: any, lang: any, root: HTMLElement, status: HTMLElement, showError: (e: unknown) => void}} ctx
 *   `kpi`: the page's router, whose result kinds this bundle's copy of format.js shows by;
 *   `lang`: the page's language state, which the view speaks and follows.
 */
export async function mount({ kpi, lang, root, status, showError }) {
  initFormats(kpi.resultKinds);
  useLanguage(lang);
  const importer = await startImporter();
  performance.mark('sheetkpi:importer-ready');
  return createView({ importer, root, status, showError });
}
