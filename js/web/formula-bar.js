// The formula bar: `=ROAS(1000, 100)` in, the result or the spreadsheet error out, as
// you type. Parsing and evaluation are the WASM's `evaluate_formula`, the same grammar
// and code as `sheetkpi eval`, so the page and the CLI cannot disagree.
import { byId, h, replace } from './dom.js';
import { exactValue, formatResult } from './format.js';
import { isTable, tableView } from './table.js';

/** The function name a formula calls (`=KPI.ROAS(…` → `KPI.ROAS`), or ''. */
export function calledName(text) {
  const m = /^\s*=?\s*([A-Za-z_][A-Za-z0-9_.]*)\s*\(/.exec(text);
  return m ? m[1] : '';
}

/**
 * Wires the formula bar. Returns `set(text)` to put a formula in and evaluate it.
 * @param {{glue: any, kpi: any}} engine
 * @param {{functions: any[], t: (id: string, vars?: any) => string, onChange: (f: () => void) => void}} lang
 *   the page's language (the function's words under a result are in it)
 */
export function formulaBar({ glue, kpi }, lang) {
  const input = /** @type {HTMLInputElement} */ (byId('formula'));
  const out = byId('formula-result');

  function show() {
    const text = input.value;
    if (text.trim() === '' || text.trim() === '=') {
      input.removeAttribute('aria-invalid');
      replace(out, h('p', { class: 'hint' }, lang.t('web.formula_empty')));
      delete out.dataset.value;
      return;
    }
    const result = glue.evaluate_formula(text);
    const i = kpi.indexOf(calledName(text));
    const fn = i >= 0 ? lang.functions[i] : null;
    if (isTable(result)) {
      showTable(result, fn);
      return;
    }
    // No known function, no result kind: the exact digits.
    const shown = formatResult(result, fn ? fn.result : null);
    out.dataset.value = exactValue(result);
    out.dataset.kind = shown.kind;
    if (shown.kind === 'error') {
      input.setAttribute('aria-invalid', 'true');
      const parts = [h('p', { class: 'value error' }, h('span', { class: 'code' }, result.error)), h('p', { class: 'message' }, result.message)];
      if (typeof result.at === 'number') {
        // Point at the character the parser stopped on.
        const before = text.slice(0, result.at);
        const at = text.slice(result.at, result.at + 1) || ' ';
        parts.push(
          h('p', { class: 'where', 'aria-hidden': 'true' }, h('code', {}, before, h('mark', {}, at), text.slice(result.at + 1))),
        );
      }
      replace(out, parts);
      return;
    }
    input.removeAttribute('aria-invalid');
    const exact = typeof result === 'number' && shown.text !== String(result) ? h('p', { class: 'exact' }, lang.t('web.exact', { value: result })) : null;
    replace(
      out,
      h('p', { class: 'value' }, shown.text),
      exact,
      fn ? h('p', { class: 'hint' }, lang.t('web.about', { id: fn.id, description: fn.description })) : null,
    );
  }

  /** A table result: the table, and the exact rows as JSON (numbers round-trip) for machines. */
  function showTable(rows, fn) {
    input.removeAttribute('aria-invalid');
    out.dataset.value = JSON.stringify(rows);
    out.dataset.kind = 'table';
    replace(
      out,
      h('div', { class: 'table-scroll' }, tableView(rows, fn ? fn.columns : [])),
      fn ? h('p', { class: 'hint' }, lang.t('web.about_table', { id: fn.id, description: fn.description, rows: rows.length - 1 })) : null,
    );
  }

  input.addEventListener('input', show);
  byId('formula-form').addEventListener('submit', (e) => {
    e.preventDefault();
    show();
  });
  input.disabled = false;
  show();
  lang.onChange(show);

  return {
    /** Puts `text` in the bar, evaluates it and focuses the bar. */
    set(text, focus = true) {
      input.value = text;
      show();
      if (focus) input.focus();
    },
  };
}
