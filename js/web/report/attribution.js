// The attribution section, for a workbook with journey data: which channels earned the
// conversions under each model, side by side (a grouped bar chart and tables of
// conversions, value and share), the Markov removal effects, the warnings, the model
// controls, the transition matrix on request, and the CSV. Every number is the import
// WASM's (import_attribute: the object `sheetkpi attribute FILE --format json` prints with
// the same options); the CSV is its import_attribute_csv, the bytes `--format csv` writes.
import { h, replace } from '../dom.js';
import { formatNumber, isError } from '../format.js';
import { chartFigure, destroyCharts } from './attribution-chart.js';
import { createControls } from './attribution-controls.js';
import { channelsOf, partTable, removalTable } from './attribution-tables.js';
import { createTransitions } from './attribution-transitions.js';
import { createModelSection } from './model-section.js';

/** "4 paths, 4 journeys and 4 channels from sheet “csv” (header in row 1); 4 conversions in all." */
function sourceLine(att) {
  const s = att.source;
  const what = s.shape === 'paths' ? 'paths' : 'touches';
  return `${formatNumber(s.rows, 'count')} ${what}, ${formatNumber(s.journeys, 'count')} journeys and ${formatNumber(s.channels, 'count')} channels from sheet “${s.sheet}” (header in row ${s.header_row}); ${formatNumber(att.totals.conversions, 'count')} conversions in all.`;
}

/** The results of one attribution: warnings, failed models, chart, tables. */
function results(att) {
  const models = Object.keys(att.models);
  const failedModels = models.filter((m) => isError(att.models[m]));
  const chart = chartFigure(att);
  const nodes = [
    att.warnings.length ? h('div', { class: 'warnings', role: 'note' }, h('strong', {}, 'Worth knowing:'), h('ul', {}, att.warnings.map((w) => h('li', {}, w)))) : null,
    failedModels.length ? h('p', { class: 'hint', id: 'attribution-failed' }, failedModels.map((m) => `${m}: ${att.models[m].error} ${att.models[m].message}`).join(' ')) : null,
    h('div', { class: 'charts' }, chart.figure),
    h('h4', {}, 'Conversions by model'),
    partTable(att, 'conversions', 'count', 'Conversions credited to each channel, by attribution model'),
    h('h4', {}, 'Value by model'),
    partTable(att, 'value', 'money', 'Conversion value credited to each channel, by attribution model'),
    h('h4', {}, 'Share of conversions by model'),
    partTable(att, 'share', 'fraction', 'Share of all conversions credited to each channel, by attribution model'),
    att.removal_effects !== undefined ? h('h4', {}, 'Markov removal effects') : null,
    att.removal_effects !== undefined ? h('p', { class: 'hint' }, 'The share of conversions (and of their value) lost if the channel were removed from every journey.') : null,
    removalTable(att),
  ];
  return { nodes, draw: chart.draw };
}

/**
 * Mounts the section into `root`.
 * @param {{root: HTMLElement, importer: any, status: HTMLElement, showError: (e: unknown) => void}} ctx
 */
export function createAttribution({ root, importer, status, showError }) {
  let transitions = null;
  const source = h('p', { class: 'hint', id: 'attribution-source' });
  const body = h('div', { id: 'attribution-results' });

  function drawResults(att) {
    destroyCharts(body);
    source.textContent = sourceLine(att);
    const r = results(att);
    replace(body, r.nodes);
    r.draw();
  }

  const section = createModelSection({
    root,
    status,
    showError,
    working: 'Recomputing the attribution with your model settings…',
    done: 'Attribution recomputed with your model settings.',
    compute: (params) => importer.attribute(params),
    csv: (params) => importer.attributionCsv(params),
    csvName: (base) => `${base} attribution.csv`,
    // {}: import_attribute's own defaults.
    defaults: () => ({}),
    draw: (att) => {
      drawResults(att);
      transitions.refresh();
    },
  });

  /**
   * Shows `att` (import_attribute's object, or its `{error, message}`; null: no journey
   * data, the section hidden). `fresh`: a newly opened file, so the controls start again
   * from the defaults; else (new column choices for the KPI report) they stay as they are.
   */
  function show(att, name, fresh) {
    if (section.reset(att, name, fresh)) destroyCharts(root);
    if (!att) return replace(root);
    const title = h('h3', { id: 'attribution-title' }, 'Attribution');
    if (isError(att)) return replace(root, title, h('p', { class: 'error-box' }, `The journey data could not be read: ${att.message}`));
    if (!section.controls()) {
      const controls = createControls({ defaults: importer.attributionDefaults, shape: att.source.shape, channels: channelsOf(att), onChange: section.recompute });
      section.adopt(controls);
      transitions = createTransitions({ importer, paramsOf: section.applied });
      const save = h('button', { type: 'button', class: 'button', id: 'download-attribution-csv', on: { click: section.saveCsv } }, 'Download attribution CSV');
      replace(root, h('div', { class: 'report-head' }, h('div', {}, title, source), h('div', { class: 'actions' }, save)), controls.element, body, transitions.element);
    }
    drawResults(att);
  }

  return { show };
}
