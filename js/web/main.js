// The page's entry (app.js): start the KPI engine, then the formula bar, the catalogue
// and the workbook input. The engine errors are shown in words on the page, never as a
// blank page. performance marks: sheetkpi:ready when the page is interactive.
import { boot } from './boot.js';
import { catalogue } from './catalogue.js';
import { byId, h, replace } from './dom.js';
import { initFormats } from './format.js';
import { formulaBar } from './formula-bar.js';
import { workbookInput } from './workbook.js';

async function start() {
  let engine;
  try {
    engine = await boot();
  } catch (err) {
    const box = byId('formula-result');
    replace(box, h('p', { class: 'error-box', role: 'alert' }, `The calculation engine could not start in this browser: ${err && err.message ? err.message : err}. A recent Chrome, Edge, Firefox or Safari runs it.`));
    return;
  }
  byId('version').textContent = engine.kpi.version;
  initFormats(engine.kpi.resultKinds);
  const bar = formulaBar(engine);
  catalogue(engine.kpi, bar);
  const workbook = workbookInput(engine.kpi);
  document.documentElement.dataset.ready = 'true';
  performance.mark('sheetkpi:ready');
  // Fetch the report script while the visitor reads, so a drop is answered at once.
  const idle = /** @type {any} */ (globalThis).requestIdleCallback || ((f) => setTimeout(f, 200));
  if (__SHEETKPI_HAS_REPORT__) idle(() => workbook.preload());
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
