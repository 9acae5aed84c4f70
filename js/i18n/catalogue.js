// The message catalogue at run time, for every host: which language to show, a message
// by id with its {placeholders} filled, and the registry rows in a language. Pure: the
// catalogues come in as data (js/i18n/bundled.js for browser bundles, js/i18n/load.mjs
// for Node), so this one module serves the page, the task pane and the build scripts.
//
// A catalogue is `{en: {...}, 'zh-Hans': {...}, 'zh-Hant': {...}, nb: {...}}`: src/i18n/<lang>.json.
// English registry text (descriptions, parameters…) lives in the registry, not in en.json;
// the other languages hold it under the ids of js/i18n/keys.mjs.
import { registryMessages } from './keys.mjs';

/** The languages, in switcher order, each named in itself (as a switcher must show them). */
export const LANGUAGES = [
  { tag: 'en', name: 'English' },
  { tag: 'zh-Hans', name: '简体中文' },
  { tag: 'zh-Hant', name: '繁體中文' },
  { tag: 'nb', name: 'Norsk bokmål' },
];

/** The language shown when nothing the reader prefers is offered. */
export const DEFAULT_LANGUAGE = 'en';

/**
 * Our language for one BCP 47 tag, or null: Chinese by script (Hant, or a region that writes
 * it: TW, HK, MO), else Simplified; Norwegian of any kind (no, nb, nn) as Bokmål.
 * @param {string} tag e.g. `zh-TW`, `nb-NO`, `en-GB`
 */
export function languageOf(tag) {
  const parts = String(tag).toLowerCase().split(/[-_]/);
  if (parts[0] === 'zh') return parts.some((p) => p === 'hant' || p === 'tw' || p === 'hk' || p === 'mo') ? 'zh-Hant' : 'zh-Hans';
  if (parts[0] === 'nb' || parts[0] === 'no' || parts[0] === 'nn') return 'nb';
  if (parts[0] === 'en') return 'en';
  return null;
}

/**
 * The first of the reader's languages (`navigator.languages`, Office's display language)
 * that we have, else English.
 * @param {readonly string[]} preferred
 */
export function matchLanguage(preferred) {
  for (const tag of preferred || []) {
    const lang = languageOf(tag);
    if (lang) return lang;
  }
  return DEFAULT_LANGUAGE;
}

/** The `{name}` placeholders of a message, sorted (the completeness test compares them). */
export function placeholders(text) {
  return [...String(text).matchAll(/\{([a-z_]+)\}/g)].map((m) => m[1]).sort();
}

/**
 * `t(id, vars)` for one language: the message with every `{name}` replaced. A message
 * missing in the language falls back to English (the completeness test keeps that from
 * shipping); an id that exists nowhere is a programming error and throws.
 * @param {Record<string, Record<string, string>>} catalogues
 * @param {string} lang
 */
export function translator(catalogues, lang) {
  const own = catalogues[lang] || {};
  const en = catalogues[DEFAULT_LANGUAGE];
  const t = (id, vars = {}) => {
    const text = Object.prototype.hasOwnProperty.call(own, id) ? own[id] : en[id];
    if (text === undefined) throw new Error(`no message "${id}"`);
    return text.replace(/\{([a-z_]+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
  };
  t.lang = lang;
  return t;
}

/**
 * A row's sources in a language: each article by its own title (never translated: it is
 * what a reader searches for), then the note on what the row takes from them.
 * @param {any} f a registry row
 * @param {(id: string, vars?: any) => string} t
 * @param {string} note the note in the language ('' for none)
 */
function cite(f, t, note) {
  const articles = f.source_articles
    .map((a) => t('cite.title', { title: a.title, language: t(`language.${a.lang}`) }))
    .join(t('cite.join'));
  return note ? t('cite.with_note', { articles, note }) : articles;
}

/**
 * The registry rows in `lang`: descriptions, formulas, parameter and column descriptions,
 * parameter kinds, result words and the source, each from the catalogue (English from the
 * rows themselves). Names, ids, options and examples stay as they are: they are what a
 * formula types.
 * @param {any[]} registry the WASM registry() rows
 * @param {Record<string, Record<string, string>>} catalogues
 * @param {string} lang
 */
export function localizeRegistry(registry, catalogues, lang) {
  const t = translator(catalogues, lang);
  const { english, ids } = registryMessages(registry);
  const own = lang === DEFAULT_LANGUAGE ? null : catalogues[lang] || {};
  const m = (id) => (own && Object.prototype.hasOwnProperty.call(own, id) ? own[id] : english.get(id));
  return registry.map((f) => {
    const k = ids.get(f.id);
    return {
      ...f,
      description: m(k.description),
      formula: m(k.formula),
      source: cite(f, t, k.source ? m(k.source) : ''),
      params: f.params.map((p, i) => ({ ...p, description: m(k.params[i]), describe: m(k.takes[i]) })),
      columns: f.columns.map((c, i) => ({ ...c, description: m(k.columns[i]) })),
      display: { ...f.display, words: m(`result.${f.result}`) },
    };
  });
}
