// The page's entry (app.js): start the KPI engine, then the formula bar, the catalogue
// and the workbook input. The engine errors are shown in words on the page, never as a
// blank page. performance marks: sheetkpi:ready when the page is interactive. The page's
// language (js/web/i18n.js) is settled first, so nothing is shown in another.
import { boot } from './boot.js';
import { catalogue } from './catalogue.js';
import { byId, h, replace } from './dom.js';
import { initFormats } from './format.js';
import { formulaBar } from './formula-bar.js';
import { workbookInput } from './workbook.js';
import { pageLanguage, readerTranslator } from './i18n.js';

async function start() {
  let engine;
  try {
    engine = await boot();
  } catch (err) {
    const box = byId('formula-result');
    const t = readerTranslator();
    replace(box, h('p', { class: 'error-box', role: 'alert' }, t('web.engine_failed', { reason: err && err.message ? err.message : err })));
    return;
  }
  byId('version').textContent = engine.kpi.version;
  initFormats(engine.kpi.resultKinds);
  const lang = pageLanguage(engine.kpi);
  const bar = formulaBar(engine, lang);
  catalogue(lang, bar);
  const workbook = workbookInput(engine.kpi, lang);
  document.documentElement.dataset.ready = 'true';
  performance.mark('sheetkpi:ready');
  // Fetch the report script while the visitor reads, so a drop is answered at once.
  const idle = /** @type {any} */ (globalThis).requestIdleCallback || ((f) => setTimeout(f, 200));
  if (__SHEETKPI_HAS_REPORT__) idle(() => workbook.preload());
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
