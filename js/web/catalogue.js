// The searchable catalogue of every registry function, beside the formula bar.
// Choosing a function shows its formula, parameters and worked examples; choosing an
// example puts it in the formula bar.
import { byId, h, replace } from './dom.js';

/** Lower-case text a search matches against: names, description, formula, parameters. */
function haystack(f) {
  return [f.id, f.excel_name, f.sheets_name, f.description, f.formula, ...f.params.map((p) => `${p.name} ${p.description}`)]
    .join(' ')
    .toLowerCase();
}

/**
 * Wires the catalogue.
 * @param {{functions: any[]}} kpi
 * @param {{set: (text: string) => void}} bar
 */
export function catalogue(kpi, bar) {
  const search = /** @type {HTMLInputElement} */ (byId('search'));
  const list = byId('catalogue');
  const count = byId('catalogue-count');
  const details = byId('function-details');
  const texts = kpi.functions.map(haystack);

  const items = kpi.functions.map((f) =>
    h(
      'li',
      { dataset: { id: f.id } },
      h(
        'button',
        { type: 'button', class: 'fn', 'aria-controls': 'function-details', on: { click: () => choose(f) } },
        h('span', { class: 'name' }, f.id),
        h('span', { class: 'desc' }, f.description),
      ),
    ),
  );
  replace(list, items);

  function filter() {
    const words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    items.forEach((li, i) => {
      const hit = words.every((w) => texts[i].includes(w));
      li.hidden = !hit;
      if (hit) shown++;
    });
    count.textContent = shown === items.length ? `${items.length} functions` : `${shown} of ${items.length} functions`;
  }

  function choose(f) {
    for (const li of items) li.classList.toggle('selected', li.dataset.id === f.id);
    const first = f.examples.find((e) => typeof e.expected === 'number') || f.examples[0];
    replace(
      details,
      h('h3', {}, h('code', {}, f.signature)),
      h('p', {}, f.description),
      h('p', { class: 'formula' }, 'Formula: ', h('code', {}, f.formula)),
      h(
        'dl',
        { class: 'params' },
        f.params.map((p) => [
          h('dt', {}, h('code', {}, p.name), p.optional ? ` (optional${p.default_text !== null ? `, default ${p.default_text}` : ''})` : ''),
          h('dd', {}, p.description, h('span', { class: 'takes' }, ` Takes: ${p.describe}.`)),
        ]),
      ),
      h('p', { class: 'result-kind' }, `Result: ${f.display.words}.`),
      h('p', { class: 'hint' }, `In Excel: =${f.excel_signature} · In Google Sheets: =${f.sheets_signature} · Source: ${f.source}`),
      h('h4', {}, 'Examples'),
      h(
        'ul',
        { class: 'examples' },
        f.examples.map((e) =>
          h('li', {}, h('button', { type: 'button', class: 'example', on: { click: () => bar.set(`=${e.formula}`) } }, `=${e.formula}`)),
        ),
      ),
    );
    details.hidden = false;
    if (first) bar.set(`=${first.formula}`, false);
  }

  search.addEventListener('input', filter);
  // Enter in the search box takes the first match; Down moves into the list.
  search.addEventListener('keydown', (e) => {
    const visible = items.filter((li) => !li.hidden);
    if (e.key === 'Enter' && visible.length) {
      e.preventDefault();
      visible[0].querySelector('button').click();
    } else if (e.key === 'ArrowDown' && visible.length) {
      e.preventDefault();
      visible[0].querySelector('button').focus();
    }
  });
  list.addEventListener('keydown', (e) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const buttons = items.filter((li) => !li.hidden).map((li) => li.querySelector('button'));
    const at = buttons.indexOf(/** @type {any} */ (document.activeElement));
    if (at < 0) return;
    e.preventDefault();
    const next = e.key === 'ArrowDown' ? at + 1 : at - 1;
    if (next < 0) search.focus();
    else buttons[Math.min(next, buttons.length - 1)].focus();
  });
  search.disabled = false;
  filter();
}
