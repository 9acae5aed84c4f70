// The attribution section's grouped bar chart: channels along the axis, a bar per model
// that ran (its attributed conversions), with a text alternative in words.
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { h } from '../dom.js';
import { formatNumber } from '../format.js';
import { cellOf, channelsOf } from './attribution-tables.js';

// Legend: with a bar per model in each group, the colours need names.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

/** A colour per model, distinct enough side by side (ColorBrewer Dark2, then two more). */
const COLORS = ['#1b9e77', '#d95f02', '#7570b3', '#e7298a', '#66a61e', '#a6761d', '#666666', '#1f78b4'];

/** Destroys the charts drawn inside `root` (before it is redrawn). */
export function destroyCharts(root) {
  for (const c of root.querySelectorAll('canvas')) Chart.getChart(/** @type {HTMLCanvasElement} */ (c))?.destroy();
}

/** The chart's figure, and `draw` to call once it is in the page. */
export function chartFigure(att) {
  const channels = channelsOf(att);
  const ran = Object.keys(att.models).filter((m) => Array.isArray(att.models[m]));
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
