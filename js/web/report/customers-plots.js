// The customer section's two plots, drawn as SVG from the import WASM's numbers (no
// computing here beyond placing them): the tracking plot of the papers (cumulative repeat
// purchases, the model against the actual) and the P(alive) histogram. Each is an image
// with a title and a description in words; the tables beside them hold every number.
// Colours and strokes are SVG attributes, not styles, so the page's CSP (style-src 'self')
// needs nothing more.
import { formatNumber } from '../format.js';

const NS = 'http://www.w3.org/2000/svg';

/** An SVG element (text always as text nodes, as dom.js's h does). */
function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) el.setAttribute(k, String(v));
  for (const c of children.flat(Infinity)) if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

const W = 640;
const H = 300;
const M = { left: 64, right: 16, top: 16, bottom: 48 };
const ACTUAL = '#1b2430';
const MODEL = '#d95f02';

/** About five round tick values from 0 to at least `max`. */
function ticks(max) {
  if (!(max > 0)) return [0, 1];
  const raw = max / 5;
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * p).find((x) => x >= raw);
  const out = [];
  for (let v = 0; v < max + step / 2; v += step) out.push(v);
  return out;
}

/** The frame: y gridlines with labels, the x axis, both axis titles. */
function frame(yTicks, yOf, xLabel, yLabel) {
  return [
    yTicks.map((v) =>
      s('g', {}, s('line', { x1: M.left, x2: W - M.right, y1: yOf(v), y2: yOf(v), stroke: '#d9dee5' }), s('text', { x: M.left - 6, y: yOf(v) + 4, 'text-anchor': 'end', 'font-size': 11, fill: '#5b6675' }, formatNumber(v, 'count'))),
    ),
    s('line', { x1: M.left, x2: W - M.right, y1: H - M.bottom, y2: H - M.bottom, stroke: '#5b6675' }),
    s('text', { x: (M.left + W - M.right) / 2, y: H - 8, 'text-anchor': 'middle', 'font-size': 12, fill: '#1b2430' }, xLabel),
    s('text', { x: 14, y: (M.top + H - M.bottom) / 2, 'text-anchor': 'middle', 'font-size': 12, fill: '#1b2430', transform: `rotate(-90 14 ${(M.top + H - M.bottom) / 2})` }, yLabel),
  ];
}

/** An accessible SVG image: `role=img`, labelled by its title, described by its desc. */
function image(id, title, desc, ...body) {
  return s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-labelledby': `${id}-title ${id}-desc`, id, class: 'plot' }, s('title', { id: `${id}-title` }, title), s('desc', { id: `${id}-desc` }, desc), body);
}

/**
 * The tracking plot of `tr` (the report's `tracking`: {unit, period, actual, model}).
 * @returns {SVGElement}
 */
export function trackingPlot(tr) {
  const n = tr.period.length;
  const last = n ? tr.period[n - 1] : 1;
  const yTicks = ticks(Math.max(0, ...tr.actual, ...tr.model));
  const yMax = yTicks[yTicks.length - 1] || 1;
  const xOf = (t) => M.left + ((W - M.left - M.right) * t) / last;
  const yOf = (v) => H - M.bottom - ((H - M.top - M.bottom) * v) / yMax;
  const line = (ys, colour, dash, name) =>
    s('polyline', { points: tr.period.map((t, i) => `${xOf(t).toFixed(2)},${yOf(ys[i]).toFixed(2)}`).join(' '), fill: 'none', stroke: colour, 'stroke-width': 2, 'stroke-dasharray': dash, 'data-series': name });
  const xTicks = ticks(last).filter((t) => t <= last);
  const unit = tr.unit || 'periods';
  const endWords = n ? `After ${formatNumber(last, 'count')} ${unit}: actual ${formatNumber(tr.actual[n - 1], 'count')}, model ${formatNumber(tr.model[n - 1], 'count')} repeat purchases.` : 'No periods to show.';
  return image(
    'tracking-plot',
    'Cumulative repeat purchases: actual and model',
    `The whole base's cumulative repeat purchases by ${unit} since the first purchase in the data, as observed (solid) and as the fitted model expects them (dashed). ${endWords} The table below lists every point.`,
    frame(yTicks, yOf, `${unit[0].toUpperCase()}${unit.slice(1)} since the earliest first purchase`, 'Cumulative repeat purchases'),
    xTicks.map((t) => s('text', { x: xOf(t), y: H - M.bottom + 16, 'text-anchor': 'middle', 'font-size': 11, fill: '#5b6675' }, formatNumber(t, 'count'))),
    line(tr.actual, ACTUAL, null, 'actual'),
    line(tr.model, MODEL, '6 4', 'model'),
    s('g', { transform: `translate(${M.left + 12} ${M.top + 8})` },
      s('line', { x1: 0, x2: 24, y1: 0, y2: 0, stroke: ACTUAL, 'stroke-width': 2 }), s('text', { x: 30, y: 4, 'font-size': 12, fill: '#1b2430' }, 'Actual'),
      s('line', { x1: 90, x2: 114, y1: 0, y2: 0, stroke: MODEL, 'stroke-width': 2, 'stroke-dasharray': '6 4' }), s('text', { x: 120, y: 4, 'font-size': 12, fill: '#1b2430' }, 'Model')),
  );
}

/** "0.9–1" for bin k of the histogram's lower edges. */
export const binLabel = (lower, k) => `${lower[k]}–${k + 1 < lower.length ? lower[k + 1] : 1}`;

/**
 * The P(alive) histogram of `hist` (the report's `p_alive_histogram`: {lower, count}).
 * @returns {SVGElement}
 */
export function alivePlot(hist) {
  const k = hist.count.length;
  const yTicks = ticks(Math.max(0, ...hist.count));
  const yMax = yTicks[yTicks.length - 1] || 1;
  const band = (W - M.left - M.right) / k;
  const yOf = (v) => H - M.bottom - ((H - M.top - M.bottom) * v) / yMax;
  return image(
    'alive-plot',
    'Customers by probability of being alive',
    `How many customers have each probability of still being active at the end of observation, in ten bins of width 0.1: ${hist.count.map((c, i) => `${binLabel(hist.lower, i)}: ${formatNumber(c, 'count')}`).join('; ')}.`,
    frame(yTicks, yOf, 'P(alive)', 'Customers'),
    hist.count.map((c, i) =>
      s('g', {},
        s('rect', { x: (M.left + i * band + 2).toFixed(2), y: yOf(c).toFixed(2), width: (band - 4).toFixed(2), height: (H - M.bottom - yOf(c)).toFixed(2), fill: '#0f6e6e', 'data-count': c }),
        s('text', { x: (M.left + (i + 0.5) * band).toFixed(2), y: H - M.bottom + 16, 'text-anchor': 'middle', 'font-size': 10, fill: '#5b6675' }, binLabel(hist.lower, i))),
    ),
  );
}
