// The attribution section, for a workbook with journey data: which channels earned the
// conversions under each model, side by side (a grouped bar chart and a table), the Markov
// removal effects, the warnings, and a CSV of the table. The numbers are the object
// `sheetkpi attribute FILE --format json` prints (the import WASM's import_attribute).
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { h, replace } from '../dom.js';
import { exactValue, formatNumber, formatResult, isError } from '../format.js';
import { csvText, download } from './download.js';

// Legend: with a bar per model in each group, the colours need names.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

/** A colour per model, distinct enough side by side (ColorBrewer Dark2, then two more). */
const COLORS = ['#1b9e77', '#d95f02', '#7570b3', '#e7298a', '#66a61e', '#a6761d', '#666666', '#1f78b4'];

/** The channels in display order (the first model that ran; every model lists them all alike). */
function channelsOf(att) {
  const ok = Object.values(att.models).find((r) => Array.isArray(r));
  return ok ? ok.map((c) => c.channel) : [];
}

/** A model's value for a channel (`part`: conversions or share), or its error object. */
function cellOf(result, channel, part) {
  if (!Array.isArray(result)) return result;
  const row = result.find((c) => c.channel === channel);
  return row ? row[part] : null;
}

/** A table cell: formatted for people by kind, exact in data-value (as table.js does). */
function td(v, kind, model) {
  const shown = formatResult(v, kind);
  return h(
    'td',
    { class: shown.kind, title: shown.title || null, dataset: { value: exactValue(v), kind, model } },
    shown.text,
    shown.kind === 'error' ? h('span', { class: 'visually-hidden' }, ` (${shown.title})`) : null,
  );
}

/** A channel × model table of one part, with the total line. */
function partTable(att, models, channels, part, kind, caption) {
  const total = part === 'conversions' ? att.totals.conversions : att.totals.conversions > 0 ? 1 : 0;
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'kpi', dataset: { part } },
      h('caption', { class: 'visually-hidden' }, caption),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Channel'), models.map((m) => h('th', { scope: 'col' }, m)))),
      h(
        'tbody',
        {},
        channels.map((ch) => h('tr', { dataset: { channel: ch } }, h('th', { scope: 'row' }, ch), models.map((m) => td(cellOf(att.models[m], ch, part), kind, m)))),
      ),
      h('tfoot', {}, h('tr', { class: 'total' }, h('th', { scope: 'row' }, 'Total'), models.map((m) => td(isError(att.models[m]) ? att.models[m] : total, kind, m)))),
    ),
  );
}

/** The grouped bar chart: channels along the axis, a bar (dataset) per model that ran. */
function chartFigure(att, models, channels) {
  const ran = models.filter((m) => Array.isArray(att.models[m]));
  const datasets = ran.map((m, i) => ({
    label: m,
    data: channels.map((ch) => cellOf(att.models[m], ch, 'conversions')),
    backgroundColor: COLORS[i % COLORS.length],
  }));
  const canvas = h('canvas', { role: 'img' });
  // The text alternative: every bar in words, model by model (the table has them too).
  const words = ran.map((m, i) => `${m}: ${channels.map((ch, j) => `${ch} ${formatNumber(datasets[i].data[j], 'count')}`).join(', ')}`);
  canvas.setAttribute('aria-label', `Conversions by channel under each attribution model. ${words.join('; ')}.`);
  const figure = h(
    'figure',
    { class: 'chart wide', dataset: { chart: 'attribution', labels: JSON.stringify(channels), datasets: JSON.stringify(datasets.map(({ label, data }) => ({ label, data }))) } },
    h('figcaption', {}, 'Conversions by channel and model'),
    h('div', { class: 'chart-box' }, canvas),
  );
  const draw = () =>
    new Chart(/** @type {HTMLCanvasElement} */ (canvas), {
      type: 'bar',
      data: { labels: channels, datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        plugins: {
          legend: { display: true, position: 'bottom' },
          tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${formatNumber(c.parsed.y, 'count')}` } },
        },
        scales: { x: { grid: { display: false } }, y: { beginAtZero: true, ticks: { callback: (v) => formatNumber(Number(v), 'count') } } },
      },
    });
  return { figure, draw };
}

/** The removal effects table (Markov), or an explanation when it failed. */
function removalTable(att, channels) {
  const r = att.removal_effects;
  if (r === undefined) return null;
  if (isError(r)) return h('p', { class: 'hint' }, `Markov removal effects: ${r.error} ${r.message}`);
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'kpi', dataset: { part: 'removal' } },
      h('caption', { class: 'visually-hidden' }, 'Markov removal effects by channel'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Channel'), h('th', { scope: 'col' }, 'Removal effect'))),
      h('tbody', {}, channels.map((ch) => h('tr', { dataset: { channel: ch } }, h('th', { scope: 'row' }, ch), td(r[ch] ? r[ch].conversions : null, 'fraction', 'markov')))),
    ),
  );
}

/** The CSV rows: a header, then a row per channel (no total: whoever sums a column would count it twice). */
export function attributionRows(att) {
  const models = Object.keys(att.models);
  const channels = channelsOf(att);
  const removal = att.removal_effects && !isError(att.removal_effects) ? att.removal_effects : null;
  const value = (v) => (isError(v) ? v.error : v);
  const header = ['channel', ...models.map((m) => `${m}_conversions`), ...models.map((m) => `${m}_share`), ...(removal ? ['removal_effect'] : [])];
  const rows = channels.map((ch) => [
    ch,
    ...models.map((m) => value(cellOf(att.models[m], ch, 'conversions'))),
    ...models.map((m) => value(cellOf(att.models[m], ch, 'share'))),
    ...(removal ? [removal[ch] ? removal[ch].conversions : ''] : []),
  ]);
  return [header, ...rows];
}

/**
 * Renders the attribution `att` (import_attribute's object, or its `{error, message}`)
 * into `root`; hides `root` when `att` is null (no journey data).
 * @param {HTMLElement} root
 * @param {any} att
 * @param {string} baseName the file's name without its extension, for the download
 */
export function renderAttribution(root, att, baseName) {
  for (const c of root.querySelectorAll('canvas')) Chart.getChart(/** @type {HTMLCanvasElement} */ (c))?.destroy();
  root.hidden = !att;
  if (!att) return replace(root);
  const title = h('h3', { id: 'attribution-title' }, 'Attribution');
  if (isError(att)) {
    return replace(root, title, h('p', { class: 'error-box' }, `The journey data could not be read: ${att.message}`));
  }
  const models = Object.keys(att.models);
  const channels = channelsOf(att);
  const s = att.source;
  const what = s.shape === 'paths' ? 'paths' : 'touches';
  const source = `${formatNumber(s.rows, 'count')} ${what}, ${formatNumber(s.journeys, 'count')} journeys and ${formatNumber(s.channels, 'count')} channels from sheet “${s.sheet}” (header in row ${s.header_row}); ${formatNumber(att.totals.conversions, 'count')} conversions in all.`;
  const save = () => download(`${baseName} attribution.csv`, csvText(attributionRows(att)), 'text/csv;charset=utf-8');
  const failedModels = models.filter((m) => isError(att.models[m]));
  const chart = chartFigure(att, models, channels);
  replace(
    root,
    h('div', { class: 'report-head' }, h('div', {}, title, h('p', { class: 'hint', id: 'attribution-source' }, source)), h('div', { class: 'actions' }, h('button', { type: 'button', class: 'button', id: 'download-attribution-csv', on: { click: save } }, 'Download attribution CSV'))),
    att.warnings.length ? h('div', { class: 'warnings', role: 'note' }, h('strong', {}, 'Worth knowing:'), h('ul', {}, att.warnings.map((w) => h('li', {}, w)))) : null,
    failedModels.length ? h('p', { class: 'hint' }, failedModels.map((m) => `${m}: ${att.models[m].error} ${att.models[m].message}`).join(' ')) : null,
    h('div', { class: 'charts' }, chart.figure),
    h('h4', {}, 'Conversions by model'),
    partTable(att, models, channels, 'conversions', 'count', 'Conversions credited to each channel, by attribution model'),
    h('h4', {}, 'Share of conversions by model'),
    partTable(att, models, channels, 'share', 'fraction', 'Share of all conversions credited to each channel, by attribution model'),
    att.removal_effects !== undefined ? h('h4', {}, 'Markov removal effects') : null,
    att.removal_effects !== undefined ? h('p', { class: 'hint' }, 'The share of conversions lost if the channel were removed from every journey.') : null,
    removalTable(att, channels),
  );
  chart.draw();
}
