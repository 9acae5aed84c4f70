// The searchable catalogue of every registry function, beside the formula bar.
// Choosing a function shows its formula, parameters and worked examples; choosing an
// example puts it in the formula bar. Shown in the page's language (js/web/i18n.js),
// rebuilt when the reader switches.
import { byId, h, replace } from './dom.js';

/** Lower-case text a search matches against: names, description, formula, parameters. */
function haystack(f) {
  const params = f.params.map((p) => `${p.name} ${p.description} ${p.choices.join(' ')}`);
  return [f.id, f.excel_name, f.sheets_name, f.description, f.formula, ...params, ...f.columns.map((c) => c.name)]
    .join(' ')
    .toLowerCase();
}

/** A choice parameter's options, the default (the first) marked; null for other kinds. */
function options(p, t) {
  if (!p.choices.length) return null;
  // The list goes where the message says (`{options}`), as elements: each option is code.
  const [before, after] = t('web.options').split('{options}');
  return h('span', { class: 'options' }, ` ${before}`, p.choices.map((c, i) => [i ? ', ' : '', h('code', {}, `"${c}"`), i === 0 ? ` ${t('web.option_default')}` : '']), after);
}

/** What the function gives: the result kind in words, or a table's columns. */
function resultOf(f, t) {
  if (!f.columns.length) return h('p', { class: 'result-kind' }, t('web.result', { words: f.display.words }));
  return [
    h('p', { class: 'result-kind' }, t('web.result_table', { n: f.columns.length })),
    h('dl', { class: 'columns' }, f.columns.map((c) => [h('dt', {}, h('code', {}, c.name), ` (${c.kind})`), h('dd', {}, c.description)])),
  ];
}

/**
 * Wires the catalogue.
 * @param {{functions: any[], t: (id: string, vars?: any) => string, onChange: (f: () => void) => void}} lang
 *   the page's language and the registry rows in it
 * @param {{set: (text: string, focus?: boolean) => void}} bar
 */
export function catalogue(lang, bar) {
  const search = /** @type {HTMLInputElement} */ (byId('search'));
  const list = byId('catalogue');
  const count = byId('catalogue-count');
  const details = byId('function-details');
  /** @type {string[]} */
  let texts = [];
  /** @type {HTMLElement[]} */
  let items = [];
  /** @type {string | null} the function shown in the details */
  let chosen = null;

  /** The list in the current language (the search and the chosen function kept). */
  function render() {
    texts = lang.functions.map(haystack);
    items = lang.functions.map((f) =>
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
    filter();
    const f = lang.functions.find((g) => g.id === chosen);
    if (f) show(f);
  }

  function filter() {
    const words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    items.forEach((li, i) => {
      const hit = words.every((w) => texts[i].includes(w));
      li.hidden = !hit;
      if (hit) shown++;
    });
    count.textContent = shown === items.length ? lang.t('functions.count', { n: items.length }) : lang.t('functions.count_some', { shown, n: items.length });
  }

  /** The details of `f`, in the current language. */
  function show(f) {
    const t = lang.t;
    chosen = f.id;
    for (const li of items) li.classList.toggle('selected', li.dataset.id === f.id);
    replace(
      details,
      h('h3', {}, h('code', {}, f.signature)),
      h('p', {}, f.description),
      h('p', { class: 'formula' }, `${t('help.formula')} `, h('code', {}, f.formula)),
      h(
        'dl',
        { class: 'params' },
        f.params.map((p) => [
          h('dt', {}, h('code', {}, p.name), p.optional ? ` ${p.default_text !== null ? t('web.optional_default', { default: p.default_text }) : t('web.optional')}` : ''),
          h('dd', {}, p.description, h('span', { class: 'takes' }, ` ${t('web.takes', { describe: p.describe })}`), options(p, t)),
        ]),
      ),
      resultOf(f, t),
      h('p', { class: 'hint' }, t('web.hosts', { excel: f.excel_signature, sheets: f.sheets_signature, source: f.source })),
      h('h4', {}, t('help.examples')),
      h(
        'ul',
        { class: 'examples' },
        f.examples.map((e) =>
          h('li', {}, h('button', { type: 'button', class: 'example', on: { click: () => bar.set(`=${e.formula}`) } }, `=${e.formula}`)),
        ),
      ),
    );
    details.hidden = false;
  }

  function choose(f) {
    show(f);
    const first = f.examples.find((e) => typeof e.expected === 'number') || f.examples[0];
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
  render();
  lang.onChange(render);
}
