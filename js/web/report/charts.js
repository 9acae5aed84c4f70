// Charts a marketer would rather look at than read: any KPI by channel or campaign as
// bars (ROAS and CAC first), and the funnel from impressions to new customers with the
// rate of each step. Chart.js, tree-shaken to bars only and bundled into report.js.
import { BarController, BarElement, CategoryScale, Chart, LinearScale, LogarithmicScale, Tooltip } from 'chart.js';
import { h, replace } from '../dom.js';
import { formatNumber, formatResult } from '../format.js';
import { kpiDescription, t } from './i18n.js';
import { kpiName, roleTitle } from './units.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LogarithmicScale, Tooltip);

/** Writes each bar's value at its end, formatted for people (options.plugins.barValues.format). */
const barValues = {
  id: 'barValues',
  afterDatasetsDraw(chart, _args, opts) {
    const format = opts && opts.format;
    if (!format) return;
    const { ctx } = chart;
    const horizontal = chart.options.indexAxis === 'y';
    const meta = chart.getDatasetMeta(0);
    ctx.save();
    ctx.font = `600 12px ${Chart.defaults.font.family}`;
    ctx.fillStyle = '#1b2430';
    meta.data.forEach((bar, i) => {
      const v = chart.data.datasets[0].data[i];
      if (typeof v !== 'number') return;
      const text = format(v);
      if (horizontal) {
        const w = ctx.measureText(text).width;
        const inside = bar.x - w - 8 > chart.chartArea.left + 40;
        ctx.fillStyle = inside ? '#ffffff' : '#1b2430';
        ctx.textAlign = inside ? 'right' : 'left';
        ctx.textBaseline = 'middle';
        ctx.fillText(text, inside ? bar.x - 6 : bar.x + 6, bar.y);
      } else {
        ctx.textAlign = 'center';
        ctx.textBaseline = 'bottom';
        ctx.fillText(text, bar.x, bar.y - 4);
      }
    });
    ctx.restore();
  },
};
Chart.register(barValues);
Chart.defaults.font.family = getComputedStyle(document.documentElement).fontFamily;
Chart.defaults.color = '#1b2430';
// Drawn at once: no half-grown bars in a screenshot, no work for a slow phone.
Chart.defaults.animation = false;

const TEAL = '#0f6e6e';
const PALETTE = ['#0f6e6e', '#2f8f8f', '#4fa9a3', '#7cc3b8', '#a9d9cc'];
/** Bars per KPI chart at most; beyond, the groups with the most spend (else rows) are shown. */
export const MAX_BARS = 20;

/** The groups a bar chart shows: all, or the MAX_BARS largest by spend (else by rows). */
function chartGroups(report) {
  if (report.groups.length <= MAX_BARS) return { groups: report.groups, note: '' };
  const spend = report.measures.indexOf('spend');
  const size = (g) => (spend >= 0 && typeof g.values[spend] === 'number' ? g.values[spend] : g.count);
  const top = new Set([...report.groups].sort((a, b) => size(b) - size(a)).slice(0, MAX_BARS));
  return {
    groups: report.groups.filter((g) => top.has(g)),
    note: t(spend >= 0 ? 'report.top_by_spend' : 'report.top_by_rows', { max: MAX_BARS, n: report.groups.length, group: report.group_by }),
  };
}

/** A value's place in a ranking: numbers by size, errors and text last. */
const rank = (v) => (typeof v === 'number' ? v : -Infinity);
/** Compares two values by rank (two non-numbers are equal). */
const byRank = (x, y) => (rank(x) === rank(y) ? 0 : rank(x) - rank(y));

/** The funnel stages, in order, as report measure roles. */
export const FUNNEL = ['impressions', 'clicks', 'conversions', 'new_customers'];

/** The KPI a bar chart starts on: the first of `prefer` the report has, else the first number. */
function pick(report, prefer, skip) {
  const ids = report.kpis.filter((k) => k.result !== 'text').map((k) => k.id);
  return prefer.find((id) => ids.includes(id) && id !== skip) || ids.find((id) => id !== skip) || ids[0];
}

/** A bar chart in `box`; returns the Chart for later updates. */
function barChart(canvas, horizontal, log = false) {
  return new Chart(canvas, {
    type: 'bar',
    data: { labels: [], datasets: [{ data: [], backgroundColor: TEAL, borderRadius: 4, maxBarThickness: 56 }] },
    options: {
      indexAxis: horizontal ? 'y' : 'x',
      responsive: true,
      maintainAspectRatio: false,
      plugins: { legend: { display: false } },
      layout: { padding: { top: horizontal ? 0 : 18, right: horizontal ? 12 : 0 } },
      scales: horizontal
        ? { x: { type: log ? 'logarithmic' : 'linear', beginAtZero: !log, grace: log ? 0 : '12%', grid: { display: true } }, y: { grid: { display: false } } }
        : { x: { grid: { display: false } }, y: { beginAtZero: true, grace: '8%' } },
    },
  });
}

/** Sets a chart's bars and formats its axis and tooltips for `kind`. */
function setBars(chart, labels, values, kind, colors) {
  chart.data.labels = labels;
  chart.data.datasets[0].data = values;
  chart.data.datasets[0].backgroundColor = colors || TEAL;
  const axis = chart.options.indexAxis === 'y' ? 'x' : 'y';
  const log = chart.options.scales[axis].type === 'logarithmic';
  if (log) {
    // Start a power of ten below the smallest stage, so even the last stage has a bar.
    const smallest = Math.min(...values.filter((v) => typeof v === 'number' && v > 0));
    chart.options.scales[axis].min = Number.isFinite(smallest) ? 10 ** Math.floor(Math.log10(smallest) - 0.5) : undefined;
  }
  chart.options.scales[axis].ticks = log
    ? // A log axis labels only the powers of ten, in compact form (1K, 1M).
      { callback: (v) => (Math.log10(Number(v)) % 1 === 0 ? new Intl.NumberFormat(undefined, { notation: 'compact' }).format(Number(v)) : '') }
    : { callback: (v) => formatNumber(Number(v), kind) };
  chart.options.plugins.tooltip = { callbacks: { label: (c) => formatNumber(c.parsed[axis], kind) } };
  chart.options.plugins.barValues = { format: (v) => formatNumber(v, kind) };
  chart.update();
}

/** Records what a figure shows, for people (aria-label) and for tests (data-*). */
function describe(figure, canvas, title, labels, values, kind) {
  figure.dataset.labels = JSON.stringify(labels);
  figure.dataset.values = JSON.stringify(values.map((v) => (typeof v === 'number' ? v : null)));
  const parts = labels.map((l, i) => `${l}: ${formatResult(values[i], kind).text || t('report.no_value')}`);
  canvas.setAttribute('aria-label', `${title}. ${parts.join('; ')}.`);
}

/**
 * A "KPI by group" figure with a KPI picker.
 * @param {any} report
 * @param {string} initial the KPI id shown first
 */
function kpiFigure(report, initial, name) {
  const canvas = h('canvas', { role: 'img' });
  const select = h(
    'select',
    { 'aria-label': t('report.kpi_picker', { name }) },
    report.kpis.filter((k) => k.result !== 'text').map((k) => h('option', { value: k.id, selected: k.id === initial }, kpiName(k.id) === k.id ? k.id : `${kpiName(k.id)} (${k.id})`)),
  );
  const title = h('span');
  const note = h('p', { class: 'hint' });
  const figure = h('figure', { class: 'chart', dataset: { chart: name } }, h('figcaption', {}, title, select), h('div', { class: 'chart-box' }, canvas), note);
  const box = figure.querySelector('.chart-box');
  let chart = null;
  const draw = () => {
    const i = report.kpis.findIndex((k) => k.id === select.value);
    const k = report.kpis[i];
    const { groups, note: subset } = chartGroups(report);
    // Many bars read better lying down, one per line, ranked.
    const horizontal = groups.length > 8;
    const ranked = horizontal ? [...groups].sort((a, b) => byRank(b.kpis[i], a.kpis[i])) : groups;
    const labels = ranked.map((g) => g.group || t('report.blank'));
    const values = ranked.map((g) => g.kpis[i]);
    const heading = t('report.kpi_by', { kpi: kpiName(k.id), group: report.group_by });
    title.textContent = heading;
    if (horizontal) box.style.height = `${Math.max(280, 24 * labels.length + 50)}px`;
    chart = chart || barChart(canvas, horizontal);
    setBars(chart, labels, values.map((v) => (typeof v === 'number' ? v : null)), k.result);
    const missing = labels.filter((_, j) => typeof values[j] !== 'number');
    note.textContent = subset + (missing.length ? t('report.no_value_for', { id: k.id, groups: missing.join(', ') }) : kpiDescription(k));
    describe(figure, canvas, heading, labels, values, k.result);
    figure.dataset.kpi = k.id;
  };
  select.addEventListener('change', draw);
  return { figure, draw };
}

/** The funnel figure: impressions → clicks → conversions → new customers, total or one group. */
function funnelFigure(report) {
  const stages = FUNNEL.map((role) => ({ role, at: report.measures.indexOf(role) })).filter((s) => s.at >= 0);
  if (stages.length < 2) return null;
  const canvas = h('canvas', { role: 'img' });
  const lines = [{ name: t('report.all_rows'), line: report.total }, ...report.groups.map((g) => ({ name: g.group || t('report.blank'), line: g }))];
  const select = h('select', { 'aria-label': t('report.whose_funnel') }, lines.map((l, i) => h('option', { value: String(i) }, l.name)));
  const title = h('span', {}, t('report.funnel'));
  const note = h('p', { class: 'hint' }, t('report.log_scale'));
  const steps = h('ol', { class: 'steps hint' });
  const figure = h('figure', { class: 'chart', dataset: { chart: 'funnel' } }, h('figcaption', {}, title, select), h('div', { class: 'chart-box' }, canvas), steps, note);
  let chart = null;
  const draw = () => {
    const { name, line } = lines[Number(select.value)];
    const labels = stages.map((s) => roleTitle(s.role));
    const values = stages.map((s) => line.values[s.at]);
    title.textContent = t('report.funnel_of', { name });
    // A log scale: each step of a funnel loses one to three orders of magnitude.
    chart = chart || barChart(canvas, true, true);
    setBars(chart, labels, values.map((v) => (typeof v === 'number' ? v : null)), 'count', PALETTE.slice(0, labels.length));
    // Each step's rate: the share of the stage before that reaches this one.
    replace(
      steps,
      stages.slice(1).map((s, i) => {
        const from = values[i];
        const to = values[i + 1];
        const rate = typeof from === 'number' && typeof to === 'number' && from > 0 ? formatNumber(to / from, 'fraction') : t('report.n_a');
        return h('li', {}, `${labels[i]} → ${labels[i + 1]}: ${rate}`);
      }),
    );
    describe(figure, canvas, t('report.funnel_for', { name }), labels, values, 'count');
  };
  select.addEventListener('change', draw);
  return { figure, draw };
}

/**
 * Renders the charts into `root` (nothing but a note when the report has no groups).
 * @param {HTMLElement} root
 * @param {any} report
 */
export function renderCharts(root, report) {
  for (const c of root.querySelectorAll('canvas')) Chart.getChart(/** @type {HTMLCanvasElement} */ (c))?.destroy();
  const figures = [];
  if (report.groups.length > 0 && report.kpis.some((k) => k.result !== 'text')) {
    const first = pick(report, ['ROAS', 'ROI', 'MER', 'CTR'], '');
    figures.push(kpiFigure(report, first, 'kpi-a'));
    figures.push(kpiFigure(report, pick(report, ['CAC', 'CPA', 'CPC', 'CPL'], first), 'kpi-b'));
  }
  const funnel = funnelFigure(report);
  if (funnel) figures.push(funnel);
  if (figures.length === 0) {
    replace(root, h('p', { class: 'hint' }, t('report.no_chart')));
    return;
  }
  replace(root, figures.map((f) => f.figure));
  for (const f of figures) f.draw();
}
