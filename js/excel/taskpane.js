// The task pane: a searchable catalogue of the registry (from the WASM that
// functions.js already loaded in this shared runtime: no second instance) and a button
// that writes the chosen example formula into the active cell with the Excel API.

/* global Office, Excel */
import { valueAndDisplay } from '../core/display.js';

const $ = (id) => document.getElementById(id);

/** Builds an element with text content only (registry text is never parsed as HTML). */
function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  Object.assign(e, props);
  for (const c of children) e.append(c);
  return e;
}

/** A result: the cell's number and the registry's display of it (`10, shown as 10.00x`), "text", or an error code. */
function showResult(v, display) {
  if (typeof v === 'number') return valueAndDisplay(v, display);
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
  if (p.optional) parts.push(`optional${p.default_text == null ? '' : `, default ${p.default_text}`}`);
  return parts.join(' · ');
}

/** Lower-case text a search matches against. */
function haystack(f) {
  return [f.id, f.excel_name, f.description, f.formula, ...f.params.map((p) => p.name)].join(' ').toLowerCase();
}

async function insertFormula(formula, note) {
  try {
    await Excel.run(async (context) => {
      context.workbook.getActiveCell().formulas = [[formula]];
      await context.sync();
    });
    note.textContent = `Inserted ${formula} into the active cell.`;
  } catch (e) {
    note.textContent = `Could not insert the formula: ${e && e.message ? e.message : e}`;
  }
}

function showDetails(f) {
  const box = $('details');
  const params = el('dl');
  for (const p of f.params) {
    params.append(el('dt', { textContent: p.name }), el('dd', { textContent: `${p.description} (${paramNote(p)})` }));
  }
  const examples = el('div', { className: 'examples' });
  f.examples.forEach((x, i) => {
    const radio = el('input', { type: 'radio', name: 'example', value: String(i), checked: i === 0 });
    examples.append(
      el('label', {}, radio, el('code', { textContent: excelFormula(f, x) }), el('span', { className: 'result', textContent: `→ ${showResult(x.expected, f.display)}` })),
    );
  });
  const note = el('p', { className: 'inserted', id: 'inserted' });
  const button = el('button', { className: 'insert', id: 'insert', type: 'button', textContent: 'Insert into selected cell', disabled: f.examples.length === 0 });
  button.addEventListener('click', () => {
    const chosen = examples.querySelector('input:checked');
    const x = f.examples[chosen ? Number(chosen.value) : 0];
    if (x) insertFormula(excelFormula(f, x), note);
  });
  box.replaceChildren(
    el('p', { className: 'formula' }, el('strong', { textContent: 'Formula: ' }), f.formula),
    el('h3', { textContent: 'Inputs' }),
    params,
    el('h3', { textContent: 'Examples' }),
    examples,
    button,
    note,
    el('p', { className: 'source', textContent: `Source: ${f.source}` }),
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
    status.textContent = `${shown} of ${items.length} functions`;
  };
  $('search').addEventListener('input', filter);
  $('search').addEventListener('keydown', (e) => {
    const first = items.find((i) => !i.li.hidden);
    if (e.key === 'Enter' && first) first.li.querySelector('button').click();
  });
  filter();
}

Office.onReady(async () => {
  try {
    const kpi = await globalThis.sheetkpiExcel.ready;
    render(kpi.functions);
  } catch (e) {
    const status = $('status');
    status.className = 'error';
    status.textContent = `The calculation engine could not load: ${e && e.message ? e.message : e}`;
  }
});
