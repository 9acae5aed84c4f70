// The customer section's tables: the fitted parameters, the tracking plot's and the
// histogram's numbers (their text alternative), and the top customers by CLV. Cells are
// shown by result kind (format.js), the exact number in data-value, as everywhere on the page.
import { h } from '../dom.js';
import { exactValue, formatResult, isError } from '../format.js';
import { binLabel } from './customers-plots.js';

/** A cell: formatted by kind (null: the exact digits), exact in data-value. */
function td(v, kind, col) {
  const shown = formatResult(v, kind);
  return h(
    'td',
    { class: shown.kind, title: shown.title || null, dataset: { value: exactValue(v), col } },
    shown.text,
    shown.kind === 'error' ? h('span', { class: 'visually-hidden' }, ` (${shown.title})`) : null,
  );
}

/** A table with a caption (for screen readers), a header row and body rows of cells. */
function table(id, caption, heads, rows) {
  return h(
    'div',
    { class: 'table-wrap' },
    h('table', { class: 'kpi', id }, h('caption', { class: 'visually-hidden' }, caption), h('thead', {}, h('tr', {}, heads.map((t) => h('th', { scope: 'col' }, t)))), h('tbody', {}, rows)),
  );
}

/** The parameters of a fit (`params`, `std_errors` by name) with its log-likelihood. */
export function paramsTable(id, caption, fit) {
  const rows = Object.keys(fit.params).map((k) => h('tr', { dataset: { param: k } }, h('th', { scope: 'row' }, k), td(fit.params[k], null, 'value'), td(fit.std_errors[k], null, 'std_error')));
  rows.push(h('tr', { dataset: { param: 'log_likelihood' } }, h('th', { scope: 'row' }, 'log-likelihood'), td(fit.log_likelihood, null, 'value'), td('', null, 'std_error')));
  return table(id, caption, ['Parameter', 'Estimate', 'Standard error'], rows);
}

/** The tracking plot's points, one row a period. */
export function trackingTable(tr) {
  const unit = tr.unit || 'periods';
  return table(
    'tracking-table',
    `Cumulative repeat purchases by ${unit} since the earliest first purchase: actual and model`,
    [`${unit[0].toUpperCase()}${unit.slice(1)}`, 'Actual', 'Model'],
    tr.period.map((t, i) => h('tr', { dataset: { period: t } }, h('th', { scope: 'row' }, String(t)), td(tr.actual[i], 'count', 'actual'), td(tr.model[i], 'count', 'model'))),
  );
}

/** The histogram's bins and counts. */
export function aliveTable(hist) {
  return table(
    'alive-table',
    'Customers by probability of being alive, in bins of width 0.1',
    ['P(alive)', 'Customers'],
    hist.count.map((c, i) => h('tr', { dataset: { bin: i } }, h('th', { scope: 'row' }, binLabel(hist.lower, i)), td(c, 'count', 'count'))),
  );
}

/** The top customers by CLV (the report's `top_by_clv`, already ranked), or why there are none. */
export function topTable(clv) {
  if (!clv.top_by_clv.length) {
    const why = clv.spend && isError(clv.spend) ? clv.spend.message : 'the data has no spend, so there is no CLV';
    return h('p', { class: 'hint', id: 'top-customers-none' }, `No customer values: ${why}.`);
  }
  const cols = [
    ['frequency', 'Repeat purchases', 'count'],
    ['recency', 'Recency', 'count'],
    ['T', 'Age', 'count'],
    ['expected_purchases', 'Expected purchases', 'count'],
    ['p_alive', 'P(alive)', 'fraction'],
    ['expected_spend', 'Expected spend', 'money'],
    ['clv', 'CLV', 'money'],
  ];
  return table(
    'top-customers',
    `The ${clv.top_by_clv.length} customers with the highest CLV, highest first`,
    ['Rank', 'Customer', ...cols.map(([, t]) => t)],
    clv.top_by_clv.map((i, r) => {
      const c = clv.customers[i];
      return h('tr', { dataset: { index: i } }, h('td', {}, String(r + 1)), h('th', { scope: 'row' }, c.id), cols.map(([k, , kind]) => td(c[k], kind, k)));
    }),
  );
}
