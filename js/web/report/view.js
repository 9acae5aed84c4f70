// The report view: reads a workbook with the importer (in its worker), then shows what
// was read, the headline numbers, the charts, the table (groups and total, source rows on
// demand), the column mapping (change a role and everything is recomputed), and the
// downloads.
import { h, replace } from '../dom.js';
import { createAttribution } from './attribution.js';
import { createCustomers } from './customers.js';
import { renderCharts } from './charts.js';
import { download, reportName } from './download.js';
import { renderMapping } from './mapping.js';
import { renderTable } from './table.js';
import { renderTiles } from './tiles.js';
import { currencyOf, MONEY_ROLES, roleWords } from './units.js';

/** "12,345 data rows from sheet “Campaigns” (table “Campaigns”, xlsx, header in row 3)…". */
function sourceLine(report, ms) {
  const s = report.source;
  const n = new Intl.NumberFormat().format(s.rows);
  const table = s.table ? `table “${s.table}”, ` : '';
  return `${n} data ${s.rows === 1 ? 'row' : 'rows'} from sheet “${s.sheet}” (${table}${s.format}, header in row ${s.header_row}), read and computed here in ${Math.round(ms)} ms.`;
}

const message = (err) => (err && err.message ? err.message : String(err));

/**
 * Mounts the report into `root`.
 * @param {{importer: any, root: HTMLElement, status: HTMLElement, showError: (e: unknown) => void}} ctx
 */
export function createView({ importer, root, status, showError }) {
  /** The open workbook's name, the user's choices and the report shown. */
  let doc = null;

  const head = h('div', { class: 'report-head' });
  const warnings = h('div', { class: 'warnings', role: 'note', hidden: true });
  const tiles = h('div', { class: 'tiles', 'aria-label': 'Headline numbers over all rows' });
  const charts = h('div', { class: 'charts' });
  const tableTitle = h('h3');
  const table = h('div', { id: 'report-table' });
  const mappingError = h('p', { class: 'error-box', role: 'alert', hidden: true });
  const mapping = h('div');
  const mappingSummary = h('summary');
  const mappingBox = h('details', { class: 'box', id: 'mapping' }, mappingSummary, mappingError, mapping);
  const skipped = h('p', { class: 'hint' });
  // The KPI report's parts, hidden together for a workbook of journeys only.
  const kpiPart = h('div', {}, warnings, tiles, h('h3', {}, 'Charts'), charts, tableTitle, table, skipped, mappingBox);
  const attribution = h('section', { id: 'attribution', 'aria-labelledby': 'attribution-title', hidden: true });
  const customers = h('section', { id: 'customers', 'aria-labelledby': 'customers-title', hidden: true });
  replace(root, head, kpiPart, attribution, customers);
  const attributionView = createAttribution({ root: attribution, importer, status, showError });
  const customersView = createCustomers({ root: customers, importer, status, showError });

  /** The importer options for a workbook and choices. */
  const options = (d) => ({
    fileName: d.name,
    map: [...d.overrides].map(([role, col]) => `${role}=${col}`),
    groupBy: d.groupBy,
  });

  /** Reads `bytes` (null: the open workbook again) with `d`'s choices; draws the report. */
  async function compute(d, bytes) {
    const t0 = performance.now();
    const report = await importer.open(bytes, options(d));
    const ms = performance.now() - t0;
    doc = { ...d, report };
    draw(report, ms, bytes !== null);
    performance.mark('sheetkpi:report');
    return report;
  }

  /** Draws `report`; `fresh`: a newly opened file (else new column choices for the same one). */
  function draw(report, ms, fresh) {
    const base = reportName(doc.name).replace(/ KPI report$/, '');
    attributionView.show(report.attribution, base, fresh);
    customersView.show(report.customers, base, fresh);
    kpiPart.hidden = !report.source;
    // Journey or customer data with no KPI to compute: that is what the file is for, so it comes first.
    const noKpis = !(report.kpis && report.kpis.length);
    if (report.attribution && noKpis) kpiPart.before(attribution);
    else kpiPart.after(attribution);
    if (report.customers && noKpis && !report.attribution) kpiPart.before(customers);
    else attribution.after(customers);
    if (!report.source) {
      const what = report.attribution ? 'Journey data' : 'Customer data';
      replace(head, h('div', {}, h('h3', { id: 'report-title' }, doc.name), h('p', { class: 'hint', id: 'report-source' }, `${what}, read and computed here in ${Math.round(ms)} ms; no campaign KPIs (this sheet has no spend or revenue columns).`)));
      root.hidden = false;
      return;
    }
    const currency = currencyOf(report.measure_headers.filter((_, i) => MONEY_ROLES.has(report.measures[i])));
    replace(
      head,
      h('div', {}, h('h3', { id: 'report-title' }, doc.name), h('p', { class: 'hint', id: 'report-source' }, sourceLine(report, ms))),
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'button', class: 'button', id: 'download-csv', on: { click: saveCsv } }, 'Download CSV'),
        h('button', { type: 'button', class: 'button primary', id: 'download-xlsx', on: { click: saveXlsx } }, 'Download Excel (live formulas)'),
      ),
    );
    warnings.hidden = report.warnings.length === 0;
    replace(warnings, h('strong', {}, 'Worth knowing:'), h('ul', {}, report.warnings.map((w) => h('li', {}, w))));
    renderTiles(tiles, report, currency);
    renderCharts(charts, report);
    tableTitle.textContent = report.group_by ? `KPIs by ${report.group_by}` : 'KPIs over all rows';
    renderTable(table, report, { currency, rowsOf: importer.rows });
    const missing = report.skipped.filter((s) => s.missing.length > 0);
    skipped.textContent = missing.length
      ? `Not computed, for want of columns: ${missing.map((s) => `${s.id} (needs ${s.missing.map((m) => roleWords(m)).join(', ')})`).join('; ')}.`
      : '';
    drawMapping(report);
    root.hidden = false;
  }

  function drawMapping(report) {
    const used = report.mapping.filter((m) => m.role).length;
    mappingSummary.textContent = `Columns: ${report.mapping.length} read, ${used} used${report.group_by ? `, grouped by ${report.group_by}` : ''}. Change a column’s role or the grouping here`;
    renderMapping(mapping, report, {
      roles: importer.roles,
      unmap: importer.unmap,
      overrides: doc.overrides,
      groupBy: doc.groupBy,
      onChange: remap,
    });
  }

  /** A new mapping or grouping: recompute at once; a bad choice is explained, the last report stays. */
  async function remap(overrides, groupBy) {
    status.textContent = 'Recomputing with your column choices…';
    try {
      await compute({ ...doc, overrides, groupBy }, null);
      mappingError.hidden = true;
      status.textContent = 'Report recomputed with your column choices.';
    } catch (err) {
      mappingError.textContent = `That choice does not work: ${message(err)}`;
      mappingError.hidden = false;
      status.textContent = '';
      drawMapping(doc.report);
    }
    /** @type {HTMLDetailsElement} */ (mappingBox).open = true;
  }

  async function save(what, make, name, type) {
    status.textContent = `Preparing the ${what}…`;
    try {
      download(name, await make(options(doc)), type);
      status.textContent = `Saved ${name}.`;
    } catch (err) {
      status.textContent = '';
      showError(err);
    }
  }
  const saveCsv = () => save('CSV', importer.csv, `${reportName(doc.name)}.csv`, 'text/csv;charset=utf-8');
  const saveXlsx = () =>
    save('Excel workbook', importer.xlsx, `${reportName(doc.name)}.xlsx`, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');

  /** Opens a workbook with a fresh mapping (the importer's own choices). Throws what the importer says. */
  async function open(name, bytes) {
    const report = await compute({ name, overrides: new Map(), groupBy: null }, bytes);
    const att = report.attribution && report.attribution.source ? `attribution of ${report.attribution.source.channels} channels` : '';
    const cus = report.customers && report.customers.source ? `CLV forecast of ${report.customers.customers.length} customers` : '';
    const extra = [att, cus].filter(Boolean).join(' and the ');
    status.textContent = report.source
      ? `Read ${name}: ${report.kpis.length} KPIs over ${report.source.rows} rows${extra ? `, and the ${extra}` : ''}.`
      : `Read ${name}: ${extra || (report.attribution ? 'journey data that could not be used' : 'customer data that could not be used')}.`;
    mappingError.hidden = true;
    root.querySelector('#report-title')?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }

  return {
    openFile: open,
    openSample: () => {
      const s = importer.sample();
      return open(s.name, s.bytes);
    },
  };
}
