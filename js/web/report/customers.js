// The customers section, for a workbook with customer data (a summary per customer or a
// transaction list): the tracking plot of the papers (cumulative repeat purchases, the
// model against the actual; transactions only), the distribution of P(alive), the top
// customers by CLV, the fitted model, the model controls and the CSV. Every number is the
// import WASM's (import_clv: the object `sheetkpi clv --format json` prints with the same
// options), binned and ranked there too; the CSV is import_clv_csv, the bytes `--format csv` writes.
import { h, replace } from '../dom.js';
import { formatNumber, isError } from '../format.js';
import { createCustomerControls } from './customers-controls.js';
import { alivePlot, trackingPlot } from './customers-plots.js';
import { aliveTable, paramsTable, topTable, trackingTable } from './customers-tables.js';
import { createModelSection } from './model-section.js';

const MODEL_NAMES = { bgnbd: 'BG/NBD', pnbd: 'Pareto/NBD', bgbb: 'BG/BB' };

/** "2,357 customers from transactions in sheet “tx” (header in row 1); BG/NBD in weeks, 52 weeks ahead." */
function sourceLine(clv) {
  const s = clv.source;
  const what = s.shape === 'transactions' ? 'transactions' : 'a customer summary';
  const unit = clv.unit || 'the data’s own periods';
  return `${formatNumber(clv.customers.length, 'count')} customers from ${what} in sheet “${s.sheet}” (header in row ${s.header_row}); ${MODEL_NAMES[clv.model] || clv.model} in ${unit}, ${formatNumber(clv.horizon, 'count')} periods ahead.`;
}

/** The results of one forecast: warnings, the plots with their tables, the top customers, the fits. */
function results(clv) {
  const tr = clv.tracking;
  return [
    clv.warnings.length ? h('div', { class: 'warnings', role: 'note' }, h('strong', {}, 'Worth knowing:'), h('ul', {}, clv.warnings.map((w) => h('li', {}, w)))) : null,
    tr && !isError(tr) ? h('h4', {}, 'Tracking: cumulative repeat purchases') : null,
    tr && !isError(tr) ? h('figure', { class: 'chart wide', id: 'tracking' }, h('figcaption', {}, 'Model against actual, the whole base'), trackingPlot(tr)) : null,
    tr && !isError(tr) ? h('details', { class: 'box' }, h('summary', {}, 'The tracking plot’s numbers'), trackingTable(tr)) : null,
    tr && isError(tr) ? h('p', { class: 'hint', id: 'tracking-failed' }, `No tracking plot: ${tr.error} ${tr.message}`) : null,
    !tr ? h('p', { class: 'hint', id: 'tracking-none' }, 'A tracking plot needs purchase dates: this is a summary per customer.') : null,
    h('h4', {}, 'Probability of being alive'),
    h('figure', { class: 'chart wide', id: 'alive' }, h('figcaption', {}, 'Customers by P(alive)'), alivePlot(clv.p_alive_histogram)),
    aliveTable(clv.p_alive_histogram),
    h('h4', {}, 'Top customers by CLV'),
    topTable(clv),
    h('h4', {}, `The fitted model: ${MODEL_NAMES[clv.model] || clv.model}`),
    paramsTable('customers-params', 'The purchase model’s parameters and log-likelihood', clv),
    clv.spend && !isError(clv.spend) ? h('h4', {}, 'The spend model: Gamma-Gamma') : null,
    clv.spend && !isError(clv.spend) ? paramsTable('customers-spend-params', 'The spend model’s parameters and log-likelihood', clv.spend) : null,
  ];
}

/**
 * Mounts the section into `root`.
 * @param {{root: HTMLElement, importer: any, status: HTMLElement, showError: (e: unknown) => void}} ctx
 */
export function createCustomers({ root, importer, status, showError }) {
  const source = h('p', { class: 'hint', id: 'customers-source' });
  const body = h('div', { id: 'customers-results' });

  function drawResults(clv) {
    source.textContent = sourceLine(clv);
    replace(body, results(clv));
  }

  const section = createModelSection({
    root,
    status,
    showError,
    working: 'Recomputing the customer forecast with your model settings…',
    done: 'Customer forecast recomputed with your model settings.',
    compute: (params) => importer.clv(params),
    csv: (params) => importer.clvCsv(params),
    csvName: (base) => `${base} customers.csv`,
    defaults: () => ({ ...importer.clvDefaults }),
    draw: drawResults,
  });

  /**
   * Shows `clv` (import_clv's object, or its `{error, message}`; null: no customer data,
   * the section hidden). `fresh`: a newly opened file, so the controls start again.
   */
  function show(clv, name, fresh) {
    section.reset(clv, name, fresh);
    if (!clv) return replace(root);
    const title = h('h3', { id: 'customers-title' }, 'Customers');
    if (isError(clv)) return replace(root, title, h('p', { class: 'error-box' }, `The customer data could not be forecast: ${clv.error} ${clv.message}`));
    if (!section.controls()) {
      const controls = createCustomerControls({ defaults: importer.clvDefaults, onChange: section.recompute });
      section.adopt(controls);
      const save = h('button', { type: 'button', class: 'button', id: 'download-customers-csv', on: { click: section.saveCsv } }, 'Download customers CSV');
      replace(root, h('div', { class: 'report-head' }, h('div', {}, title, source), h('div', { class: 'actions' }, save)), controls.element, body);
    }
    drawResults(clv);
  }

  return { show };
}
