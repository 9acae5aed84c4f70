// The report view: reads a workbook with the importer (in its worker), then shows what
// was read, the headline numbers, the charts, the table (groups and total, source rows on
// demand), the column mapping (change a role and everything is recomputed), and the
// downloads. Its words are the page's language, and it is drawn again when that changes.
import { h, replace } from '../dom.js';
import { createAttribution } from './attribution.js';
import { createCustomers } from './customers.js';
import { renderCharts } from './charts.js';
import { download, reportName } from './download.js';
import { renderMapping } from './mapping.js';
import { renderTable } from './table.js';
import { renderTiles } from './tiles.js';
import { language, onLanguageChange, t } from './i18n.js';
import { currencyOf, MONEY_ROLES, roleWords } from './units.js';

/** "12,345 data rows from sheet “Campaigns” (table “Campaigns”, xlsx, header in row 3)…". */
function sourceLine(report, ms) {
  const s = report.source;
  const rows = t(s.rows === 1 ? 'report.data_rows_one' : 'report.data_rows', { n: new Intl.NumberFormat().format(s.rows) });
  const table = s.table ? t('report.source_table', { table: s.table }) : '';
  if (s.combined) {
    const sheets = new Intl.ListFormat(language(), { type: 'conjunction' }).format(s.combined);
    return t('report.source_sheets', { rows, sheets, format: s.format, header: s.header_row, ms: Math.round(ms) });
  }
  return t('report.source', { rows, sheet: s.sheet, table, format: s.format, header: s.header_row, ms: Math.round(ms) });
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
  const tiles = h('div', { class: 'tiles' });
  const charts = h('div', { class: 'charts' });
  const tableTitle = h('h3');
  const table = h('div', { id: 'report-table' });
  const mappingError = h('p', { class: 'error-box', role: 'alert', hidden: true });
  const mapping = h('div');
  const mappingSummary = h('summary');
  const mappingBox = h('details', { class: 'box', id: 'mapping' }, mappingSummary, mappingError, mapping);
  const skipped = h('p', { class: 'hint' });
  // The KPI report's parts, hidden together for a workbook of journeys only.
  const chartsTitle = h('h3');
  const kpiPart = h('div', {}, warnings, tiles, chartsTitle, charts, tableTitle, table, skipped, mappingBox);
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

  /** Reads `file` (a File or Blob; null: the open workbook again) with `d`'s choices; draws the report. */
  async function compute(d, file) {
    const t0 = performance.now();
    const report = await importer.open(file, options(d));
    const ms = performance.now() - t0;
    doc = { ...d, report, ms };
    draw(report, ms, file !== null);
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
      const what = report.attribution ? 'report.journeys_only' : 'report.customers_only';
      replace(head, h('div', {}, h('h3', { id: 'report-title' }, doc.name), h('p', { class: 'hint', id: 'report-source' }, t(what, { ms: Math.round(ms) }))));
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
        h('button', { type: 'button', class: 'button', id: 'download-csv', on: { click: saveCsv } }, t('report.download_csv')),
        h('button', { type: 'button', class: 'button primary', id: 'download-xlsx', on: { click: saveXlsx } }, t('report.download_xlsx')),
      ),
    );
    warnings.hidden = report.warnings.length === 0;
    replace(warnings, h('strong', {}, t('report.worth_knowing')), h('ul', {}, report.warnings.map((w) => h('li', { 'data-kind': w.kind }, w.message))));
    tiles.setAttribute('aria-label', t('report.tiles_label'));
    renderTiles(tiles, report, currency);
    chartsTitle.textContent = t('report.charts');
    renderCharts(charts, report);
    tableTitle.textContent = report.group_by ? t('report.kpis_by', { group: report.group_by }) : t('report.kpis_all');
    renderTable(table, report, { currency, rowsOf: importer.rows });
    const missing = report.skipped.filter((s) => s.missing.length > 0);
    skipped.textContent = missing.length
      ? t('report.not_computed', { list: missing.map((s) => t('report.needs', { id: s.id, roles: s.missing.map((m) => roleWords(m)).join(', ') })).join('; ') })
      : '';
    drawMapping(report);
    root.hidden = false;
  }

  function drawMapping(report) {
    const used = report.mapping.filter((m) => m.role).length;
    const n = report.mapping.length;
    mappingSummary.textContent = report.group_by ? t('report.columns_grouped', { n, used, group: report.group_by }) : t('report.columns', { n, used });
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
    status.textContent = t('report.recomputing');
    try {
      await compute({ ...doc, overrides, groupBy }, null);
      mappingError.hidden = true;
      status.textContent = t('report.recomputed');
    } catch (err) {
      mappingError.textContent = t('report.bad_choice', { reason: message(err) });
      mappingError.hidden = false;
      status.textContent = '';
      drawMapping(doc.report);
    }
    /** @type {HTMLDetailsElement} */ (mappingBox).open = true;
  }

  async function save(preparing, make, name, type) {
    status.textContent = t(preparing);
    try {
      download(name, await make(options(doc)), type);
      status.textContent = t('report.saved', { name });
    } catch (err) {
      status.textContent = '';
      showError(err);
    }
  }
  const saveCsv = () => save('report.preparing_csv', importer.csv, `${reportName(doc.name)}.csv`, 'text/csv;charset=utf-8');
  const saveXlsx = () =>
    save('report.preparing_xlsx', importer.xlsx, `${reportName(doc.name)}.xlsx`, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');

  /** Opens a workbook with a fresh mapping (the importer's own choices). Throws what the importer says. */
  async function open(name, file) {
    const report = await compute({ name, overrides: new Map(), groupBy: null }, file);
    const att = report.attribution && report.attribution.source ? `attribution of ${report.attribution.source.channels} channels` : '';
    const cus = report.customers && report.customers.source ? `CLV forecast of ${report.customers.customers.length} customers` : '';
    const extra = [att, cus].filter(Boolean).join(' and the ');
    // English in every language, for now: the status line test harnesses wait on (`Read NAME:`).
    status.textContent = report.source
      ? `Read ${name}: ${report.kpis.length} KPIs over ${report.source.rows} rows${extra ? `, and the ${extra}` : ''}.`
      : `Read ${name}: ${extra || (report.attribution ? 'journey data that could not be used' : 'customer data that could not be used')}.`;
    mappingError.hidden = true;
    root.querySelector('#report-title')?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }

  // A switch of the page's language draws the open report again in it, choices kept.
  onLanguageChange(() => {
    if (doc) draw(doc.report, doc.ms, false);
  });

  return {
    openFile: open,
    openSample: () => {
      const s = importer.sample();
      return open(s.name, s.file);
    },
  };
}
