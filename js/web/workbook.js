// Getting a workbook into the page: the file picker, drag and drop anywhere on the page,
// and the sample button. The reading and the report live in report.js, a second script
// loaded on first need (it carries the importer's WASM and the charting library), so the
// formula bar is ready before it arrives.
import { byId, replace, h } from './dom.js';

/** @type {Promise<any> | null} */
let loading = null;

/**
 * Loads report.js once (a classic script: works from file:// too) and returns its API.
 * @param {(id: string) => string} t the page's messages, for why it could not
 */
export function loadReportBundle(t) {
  // Set by build.mjs: false when the page was built without the importer's WASM.
  if (!__SHEETKPI_HAS_REPORT__) {
    return Promise.reject(new Error(t('web.no_reader')));
  }
  const ready = /** @type {any} */ (globalThis).SheetkpiReport;
  if (ready) return Promise.resolve(ready);
  if (!loading) {
    loading = new Promise((ok, fail) => {
      const s = document.createElement('script');
      s.src = 'report.js';
      s.async = true;
      s.onload = () => {
        const api = /** @type {any} */ (globalThis).SheetkpiReport;
        if (api) ok(api);
        else fail(new Error(t('web.reader_failed')));
      };
      s.onerror = () => {
        loading = null;
        fail(new Error(t('web.reader_missing')));
      };
      document.head.append(s);
    });
  }
  return loading;
}

/**
 * Wires the drop zone, file picker and sample button to the report.
 * @param {any} kpi the shared router (registry and calls)
 * @param {{t: (id: string, vars?: any) => string, functions: any[], onChange: (f: () => void) => void}} lang the page's language (the report view follows it)
 */
export function workbookInput(kpi, lang) {
  const input = /** @type {HTMLInputElement} */ (byId('file'));
  const zone = byId('dropzone');
  const status = byId('status');
  const errorBox = byId('import-error');
  const busy = byId('busy');
  /** @type {Promise<any> | null} */
  let view = null;

  function showError(err) {
    const text = err && err.message ? err.message : String(err);
    // The importer's messages start in lower case (they follow a file name in the CLI).
    const message = text.charAt(0).toUpperCase() + text.slice(1);
    replace(errorBox, h('strong', {}, `${lang.t('web.unreadable')} `), message);
    errorBox.hidden = false;
    status.textContent = '';
    // The message sits above any earlier report: bring it into view.
    errorBox.scrollIntoView({ block: 'nearest' });
  }

  /** The report view, made once: report.js loaded, its importer worker started. */
  function ensureView() {
    if (!view) {
      view = loadReportBundle(lang.t).then((api) => api.mount({ kpi, lang, root: byId('report'), status, showError }));
      view.catch(() => (view = null));
    }
    return view;
  }

  /** Runs `work(view)` with the report bundle loaded, errors shown in words. */
  async function withView(what, work) {
    errorBox.hidden = true;
    status.textContent = what;
    busy.hidden = false;
    try {
      await work(await ensureView());
    } catch (err) {
      showError(err);
    } finally {
      busy.hidden = true;
    }
  }

  const openFile = (file) =>
    withView(lang.t('web.reading', { name: file.name }), async (v) => v.openFile(file.name, file));

  input.addEventListener('change', () => {
    const file = input.files && input.files[0];
    if (file) openFile(file);
    input.value = '';
  });
  byId('sample').addEventListener('click', () => withView(lang.t('web.opening_sample'), (v) => v.openSample()));

  // The whole window takes drops, so a near miss never makes the browser open the file.
  let depth = 0;
  window.addEventListener('dragenter', (e) => {
    if (!e.dataTransfer || !e.dataTransfer.types.includes('Files')) return;
    depth++;
    zone.classList.add('dragging');
  });
  window.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) zone.classList.remove('dragging');
  });
  window.addEventListener('dragover', (e) => e.preventDefault());
  window.addEventListener('drop', (e) => {
    e.preventDefault();
    depth = 0;
    zone.classList.remove('dragging');
    const files = e.dataTransfer ? [...e.dataTransfer.files] : [];
    if (files.length === 0) return;
    openFile(files[0]);
    if (files.length > 1) status.textContent = lang.t('web.one_at_a_time', { name: files[0].name, n: files.length - 1 });
  });

  // Preloading starts the importer too, so the first workbook is read at once.
  return { openFile, preload: () => ensureView().catch(() => {}) };
}
