// The report view's words: the page's language (js/web/i18n.js pageLanguage), handed to
// report.js when it is mounted, so the view speaks the language the shell does and
// report.js carries no catalogue of its own (the page's app.js already inlines them all).

/** @type {{t: (id: string, vars?: any) => string, functions: any[], onChange: (f: () => void) => void} | null} */
let page = null;

/** Takes the page's language state (once, at mount). */
export function useLanguage(lang) {
  page = lang;
}

/** A message in the page's current language. */
export const t = (id, vars) => page.t(id, vars);

/** Calls `f` after each switch of the page's language. */
export const onLanguageChange = (f) => page.onChange(f);

/**
 * The CSV dialect of the page's downloads: that of its language (`nb`: `;` and decimal
 * commas, as Excel in Norway reads them; otherwise `,` and `.`), with the byte-order mark
 * Excel needs to read UTF-8 (the importer's CsvDialect::for_locale).
 */
export const csvDialect = () => (page ? { locale: page.t.lang } : undefined);

/** The page's language (`en`, `nb`, `zh-Hans`, `zh-Hant`). */
export const language = () => page.t.lang;

/** Whether the page shows English (the report's KPI titles are English words). */
export const inEnglish = () => page.t.lang === 'en';

/** A KPI's description in the page's language (the registry row), else the importer's English. */
export function kpiDescription(k) {
  const f = page.functions.find((row) => row.id === k.id);
  return f ? f.description : k.description;
}
