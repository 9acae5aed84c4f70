// The add-on's sidebar, in the user's browser (an HtmlService page that build.mjs bundles
// with esbuild and inlines). It asks the script for the catalogue and for each insert
// through google.script.run, the only bridge Google gives a sidebar; every text it shows
// was made from the registry at build time (js/sheets/catalogue.mjs) in the bundle's
// language, and the page's own labels are that language's messages, which addon-build.mjs
// inlines as SHEETKPI_SIDEBAR_LANG and SHEETKPI_SIDEBAR_MESSAGES.

/* global google, SHEETKPI_SIDEBAR_LANG, SHEETKPI_SIDEBAR_MESSAGES */
import { translator } from '../i18n/catalogue.js';
import { byId, h, replace } from '../web/dom.js';

/**
 * The page's words, in its bundle's one language: the inlined messages are the translator's
 * whole catalogue (its English fallback slot), as the bundle carries no other language.
 */
const t = translator({ en: SHEETKPI_SIDEBAR_MESSAGES }, SHEETKPI_SIDEBAR_LANG);

/** Calls server function `name` with `args`; resolves with its value or rejects with its error. */
function server(name, ...args) {
  return new Promise((resolve, reject) => {
    google.script.run.withSuccessHandler(resolve).withFailureHandler(reject)[name](...args);
  });
}

/** The error's own words (google.script.run hands the failure handler an Error). */
const why = (e) => (e && e.message ? e.message : String(e));

/** One function's details under its row: formula, inputs, columns, examples, insert button. */
function details(f) {
  const note = h('p', { class: 'inserted', role: 'status' });
  const examples = f.examples.map((x, i) =>
    h('label', {}, h('input', { type: 'radio', name: 'example', value: String(i), checked: i === 0 }), h('code', {}, x.formula), h('span', { class: 'result' }, `→ ${x.result}`)),
  );
  const insert = h('button', {
    class: 'insert', type: 'button', disabled: f.examples.length === 0,
    on: {
      click: async () => {
        const chosen = examples.map((l) => l.querySelector('input')).find((r) => r.checked);
        note.textContent = t('sidebar.inserting');
        try {
          const done = await server('sheetKpiInsert', f.id, chosen ? Number(chosen.value) : 0);
          note.textContent = t('sidebar.inserted', done);
        } catch (e) {
          note.textContent = t('pane.insert_failed', { reason: why(e) });
        }
      },
    },
  }, t('pane.insert'));
  return [
    h('p', { class: 'formula' }, h('strong', {}, `${t('help.formula')} `), f.formula),
    h('h3', {}, t('pane.inputs')),
    h('dl', {}, f.params.map((p) => [h('dt', {}, p.name), h('dd', {}, p.text)])),
    f.columns.length ? [h('h3', {}, t('pane.spills')), h('dl', { class: 'columns' }, f.columns.map((c) => [h('dt', {}, `${c.name} (${c.kind})`), h('dd', {}, c.description)]))] : null,
    h('h3', {}, t('help.examples')),
    h('div', { class: 'examples' }, examples),
    insert,
    note,
  ];
}

/** Lists the catalogue and wires the search (every word must appear, any case). */
function render(catalogue) {
  const list = byId('catalogue');
  const box = byId('details');
  const rows = catalogue.map((f) => {
    const li = h('li', { dataset: { id: f.id } });
    li.append(h('button', {
      type: 'button',
      on: {
        click: () => {
          for (const other of list.children) other.classList.toggle('selected', other === li);
          li.append(box); // the details open right under the chosen function
          replace(box, details(f));
          box.hidden = false;
        },
      },
    }, h('span', { class: 'sig' }, f.signature), h('span', { class: 'desc' }, f.description)));
    return { li, text: f.search };
  });
  replace(list, rows.map((r) => r.li));
  const search = byId('search');
  const filter = () => {
    const words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const r of rows) {
      r.li.hidden = !words.every((w) => r.text.includes(w));
      if (!r.li.hidden) shown++;
    }
    byId('status').textContent = t('functions.count_some', { shown, n: rows.length });
  };
  search.addEventListener('input', filter);
  search.addEventListener('keydown', (e) => {
    const first = rows.find((r) => !r.li.hidden);
    if (e.key === 'Enter' && first) first.li.querySelector('button').click();
  });
  filter();
}

server('sheetKpiCatalogue').then(render, (e) => {
  const status = byId('status');
  status.className = 'error';
  status.textContent = t('sidebar.load_failed', { reason: why(e) });
});
