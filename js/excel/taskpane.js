// The task pane: a searchable catalogue of the registry (from the WASM that
// functions.js already loaded in this shared runtime: no second instance) and a button
// that writes the chosen example formula into the active cell with the Excel API.

/* global Office, Excel */
import { formatDisplay, valueAndDisplay } from '../core/display.js';
import { catalogues } from '../i18n/bundled.js';
import { localizeRegistry, matchLanguage, translator } from '../i18n/catalogue.js';
import { applyMessages } from '../i18n/dom.js';

/** Excel's display language (`zh-CN`…) as a catalogue language; the browser's outside Office. */
function paneLanguage() {
  const office = globalThis.Office && Office.context && Office.context.displayLanguage;
  return matchLanguage([office, ...(navigator.languages || [])].filter(Boolean));
}

/** The pane's translator, set once Office is ready. */
let t = translator(catalogues, 'en');

const $ = (id) => document.getElementById(id);

/** Builds an element with text content only (registry text is never parsed as HTML). */
function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  Object.assign(e, props);
  for (const c of children) e.append(c);
  return e;
}

/** A result: the cell's number and the registry's display of it (`10, shown as 10.00x`), "text", an error code, or a table's size. */
function showResult(v, display) {
  if (typeof v === 'number') {
    const plain = valueAndDisplay(v, display);
    return plain === String(v) ? plain : t('help.shown_as', { value: v, shown: formatDisplay(v, display) });
  }
  if (Array.isArray(v)) return t('pane.table', { n: v.length - 1 });
  if (typeof v === 'string') return `"${v}"`;
  return v && v.error ? v.error : String(v);
}

/** The Excel formula for an example written as `ROAS(1000, 100)`. */
export function excelFormula(f, example) {
  const open = example.formula.indexOf('(');
  return `=${f.excel_name}${example.formula.slice(open)}`;
}

/** What a parameter takes, in the registry's words (`describe`, `default_text`). */
function paramNote(p) {
  const parts = [p.describe];
  // A choice's options, as the formula spells them ("markov"): the first is the default.
  if (p.choices && p.choices.length) parts.push(t('pane.one_of', { options: p.choices.map((c) => `"${c}"`).join(', ') }));
  if (p.optional) parts.push(p.default_text == null ? t('help.optional') : t('help.optional_default', { default: p.default_text }));
  return parts.join(' · ');
}

/** Lower-case text a search matches against. */
function haystack(f) {
  return [f.id, f.excel_name, f.description, f.formula, ...f.params.map((p) => p.name), ...f.columns.map((c) => c.name)].join(' ').toLowerCase();
}

async function insertFormula(formula, note) {
  try {
    await Excel.run(async (context) => {
      context.workbook.getActiveCell().formulas = [[formula]];
      await context.sync();
    });
    note.textContent = t('pane.inserted', { formula });
  } catch (e) {
    note.textContent = t('pane.insert_failed', { reason: e && e.message ? e.message : e });
  }
}

function showDetails(f) {
  const box = $('details');
  const params = el('dl');
  for (const p of f.params) {
    params.append(el('dt', { textContent: p.name }), el('dd', { textContent: `${p.description} (${paramNote(p)})` }));
  }
  // A table function spills these columns, under a header row of their names.
  const columns = el('dl', { className: 'columns' });
  for (const c of f.columns) columns.append(el('dt', { textContent: `${c.name} (${c.kind})` }), el('dd', { textContent: c.description }));
  const examples = el('div', { className: 'examples' });
  f.examples.forEach((x, i) => {
    const radio = el('input', { type: 'radio', name: 'example', value: String(i), checked: i === 0 });
    examples.append(
      el('label', {}, radio, el('code', { textContent: excelFormula(f, x) }), el('span', { className: 'result', textContent: `→ ${showResult(x.expected, f.display)}` })),
    );
  });
  const note = el('p', { className: 'inserted', id: 'inserted' });
  const button = el('button', { className: 'insert', id: 'insert', type: 'button', textContent: t('pane.insert'), disabled: f.examples.length === 0 });
  button.addEventListener('click', () => {
    const chosen = examples.querySelector('input:checked');
    const x = f.examples[chosen ? Number(chosen.value) : 0];
    if (x) insertFormula(excelFormula(f, x), note);
  });
  box.replaceChildren(
    el('p', { className: 'formula' }, el('strong', { textContent: `${t('help.formula')} ` }), f.formula),
    el('h3', { textContent: t('pane.inputs') }),
    params,
    ...(f.columns.length ? [el('h3', { textContent: t('pane.spills') }), columns] : []),
    el('h3', { textContent: t('help.examples') }),
    examples,
    button,
    note,
    el('p', { className: 'source', textContent: `${t('help.source')} ${f.source}` }),
  );
  box.hidden = false;
}

function render(functions) {
  const list = $('catalogue');
  const items = functions.map((f) => {
    const button = el('button', { type: 'button' }, el('span', { className: 'sig', textContent: f.excel_signature }), el('span', { className: 'desc', textContent: f.description }));
    const li = el('li', {}, button);
    li.dataset.id = f.id;
    button.addEventListener('click', () => {
      for (const other of list.children) other.classList.toggle('selected', other === li);
      // The details open right under the chosen function, where the eye already is.
      li.append($('details'));
      showDetails(f);
    });
    return { f, li, text: haystack(f) };
  });
  list.replaceChildren(...items.map((i) => i.li));
  const status = $('status');
  const filter = () => {
    const words = $('search').value.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const i of items) {
      const match = words.every((w) => i.text.includes(w));
      i.li.hidden = !match;
      if (match) shown++;
    }
    status.textContent = t('functions.count_some', { shown, n: items.length });
  };
  $('search').addEventListener('input', filter);
  $('search').addEventListener('keydown', (e) => {
    const first = items.find((i) => !i.li.hidden);
    if (e.key === 'Enter' && first) first.li.querySelector('button').click();
  });
  filter();
}

Office.onReady(async () => {
  t = translator(catalogues, paneLanguage());
  applyMessages(document, t);
  try {
    const kpi = await globalThis.sheetkpiExcel.ready;
    render(localizeRegistry(kpi.functions, catalogues, t.lang));
  } catch (e) {
    const status = $('status');
    status.className = 'error';
    status.textContent = t('pane.engine_failed', { reason: e && e.message ? e.message : e });
  }
});
