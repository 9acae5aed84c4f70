// report.js: loaded by the page on first need (js/web/workbook.js), as the global
// `SheetkpiReport`. Starts the importer and mounts the report view.
import { startImporter } from './importer.js';
import { createView } from './view.js';

/**
 * @param {{root: HTMLElement, status: HTMLElement, showError: (e: unknown) => void}} ctx
 */
export async function mount({ root, status, showError }) {
  const importer = await startImporter();
  return createView({ importer, root, status, showError });
}
