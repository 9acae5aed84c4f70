// The page's language: the reader's own (navigator.languages) unless they chose another in
// the switcher, which is remembered (localStorage) and sets <html lang>. Everything the
// page says comes from the message catalogue; numbers keep the browser's formatting.
import { catalogues } from '../i18n/bundled.js';
import { LANGUAGES, localizeRegistry, matchLanguage, translator } from '../i18n/catalogue.js';
import { applyMessages } from '../i18n/dom.js';
import { byId, h, replace } from './dom.js';

/** Where the reader's choice is kept. */
const STORE = 'sheetkpi.language';

/** The remembered choice, if it is still one of ours (storage can be off: file://, private modes). */
function remembered() {
  try {
    const v = localStorage.getItem(STORE);
    return LANGUAGES.some((l) => l.tag === v) ? v : null;
  } catch {
    return null;
  }
}

function remember(lang) {
  try {
    localStorage.setItem(STORE, lang);
  } catch {
    // Not kept: the switch still holds for this visit.
  }
}

/** The reader's language (their choice, else the browser's). */
function readerLanguage() {
  return remembered() || matchLanguage(navigator.languages || [navigator.language]);
}

/** A translator in the reader's language and the page's static texts in it, for a page whose engine did not start. */
export function readerTranslator() {
  const t = translator(catalogues, readerLanguage());
  applyMessages(document, t);
  return t;
}

/**
 * The page's language state: `t` (messages), `functions` (the registry rows in the
 * language), and `onChange(f)` to re-render when the reader switches.
 * @param {{functions: any[]}} kpi
 */
export function pageLanguage(kpi) {
  /** @type {Array<() => void>} */
  const listeners = [];
  const state = {
    t: translator(catalogues, readerLanguage()),
    functions: /** @type {any[]} */ ([]),
    /** @param {() => void} f */
    onChange(f) {
      listeners.push(f);
    },
  };
  function set(lang) {
    state.t = translator(catalogues, lang);
    state.functions = localizeRegistry(kpi.functions, catalogues, lang);
    applyMessages(document, state.t);
  }
  set(state.t.lang);

  const select = /** @type {HTMLSelectElement} */ (byId('language'));
  // Each language named in itself, so a reader finds theirs whatever the page shows.
  replace(select, LANGUAGES.map((l) => h('option', { value: l.tag, lang: l.tag }, l.name)));
  select.value = state.t.lang;
  select.addEventListener('change', () => {
    remember(select.value);
    set(select.value);
    for (const f of listeners) f();
  });
  return state;
}
