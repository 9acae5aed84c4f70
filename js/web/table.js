// A table result (rows of cells, the header row first, as the WASM returns it) as an HTML
// table: numbers right-aligned and shown by their column's kind (the registry's
// `columns`), the exact value beside each in data-value, error cells with their message
// as the title. What the formula bar shows for a function that spills a table.
import { h } from './dom.js';
import { exactValue, formatResult } from './format.js';

/** Whether a result is a table: a non-empty array of rows. */
export const isTable = (v) => Array.isArray(v) && v.length > 0 && v.every(Array.isArray);

/**
 * The table element.
 * @param {unknown[][]} rows header row first
 * @param {{name: string, kind: string}[]} columns the function's declared columns ([] if unknown)
 * @param {string} [locale] undefined: the browser's
 */
export function tableView(rows, columns, locale) {
  const [head, ...body] = rows;
  const cell = (v, j) => {
    // A column without a declared kind shows exact digits (formatNumber's unknown kind).
    const shown = formatResult(v, columns[j] ? columns[j].kind : null, locale, true);
    return h(
      'td',
      { class: shown.kind === 'number' ? 'num' : shown.kind, title: shown.title || null, dataset: { value: exactValue(v) } },
      shown.text,
    );
  };
  return h(
    'table',
    { class: 'result-table' },
    h('thead', {}, h('tr', {}, head.map((name) => h('th', { scope: 'col' }, String(name))))),
    h('tbody', {}, body.map((row) => h('tr', {}, row.map(cell)))),
  );
}
