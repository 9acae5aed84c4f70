// Excel's custom-functions metadata (functions.json) and the add-in's URLs, derived
// from the registry rows that the WASM `registry()` export returns. Nothing here is
// per-function: a new registry row, parameter kind or result kind needs no edit.
import { DEFAULT_LANGUAGE } from '../i18n/catalogue.js';
import { localizedFile } from './locales.mjs';

/** The base URL the add-in is hosted under when none is given. */
export const DEFAULT_BASE_URL = 'https://localhost:3000';

/** Where Office.js itself is loaded from: Microsoft's CDN, as the store requires. */
export const OFFICE_JS_URL = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

/**
 * A base URL without its trailing slash; rejects anything that is not http(s).
 * @param {string} url
 */
export function normalizeBaseUrl(url) {
  const u = new URL(url);
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error(`base URL must be http(s): ${url}`);
  if (u.search || u.hash) throw new Error(`base URL must not have a query or fragment: ${url}`);
  return u.href.replace(/\/+$/, '');
}

/**
 * The help page anchor of a function (the packaged help.html, or help-<lang>.html, has one
 * section per id).
 * @param {string} baseUrl
 * @param {{id: string}} f
 * @param {string} [lang]
 */
export function helpUrl(baseUrl, f, lang = DEFAULT_LANGUAGE) {
  return `${normalizeBaseUrl(baseUrl)}/${localizedFile('help', 'html', lang)}#${f.id.toLowerCase()}`;
}

/**
 * One parameter as Excel declares it. Parameters are `any`, so Excel hands us text,
 * booleans and (with allowErrorForDataTypeAny) error cells instead of rejecting them
 * itself: the core then answers with its own readable message. Parameters that take a
 * range (amounts, series, texts, blocks) are matrices, so a single cell and a range both
 * arrive (as [[v]] and [[..],[..]]). A choice ("markov") is one `string`, the name of an
 * option; it is the one kind that does not receive error cells (only `any` parameters
 * do), which a name never needs. Keys are omitted exactly where Microsoft's generator
 * omits them.
 * @param {{name: string, description: string, kind: string, takes_range: boolean, optional: boolean}} p
 */
export function excelParameter(p) {
  const out = { description: p.description, name: p.name, type: p.kind === 'choice' ? 'string' : 'any' };
  if (p.takes_range) out.dimensionality = 'matrix';
  if (p.optional) out.optional = true;
  return out;
}

/**
 * The result: a table function (registry `columns`) returns a matrix that spills as a
 * dynamic array, its cells numbers, texts and errors (so `any`, which Microsoft's
 * generator writes by leaving `type` out); a text result is a string; every other result
 * kind a number. (A whole-call error is thrown as CustomFunctions.Error: no declaration.)
 * @param {{result: string, columns?: unknown[]}} f a registry row
 */
export function excelResult(f) {
  if (f.columns && f.columns.length > 0) return { dimensionality: 'matrix' };
  return { type: f.result === 'text' ? 'string' : 'number' };
}

/**
 * One function's metadata. The id is upper-case (Microsoft's generator normalizes ids
 * that way); the name is what follows `KPI.` in the sheet.
 * @param {any} f a registry row (for a language: js/i18n/catalogue.js localizeRegistry's)
 * @param {string} baseUrl
 * @param {string} [lang] the language of the row's texts, for its help page
 */
export function excelFunction(f, baseUrl, lang = DEFAULT_LANGUAGE) {
  return {
    description: f.description,
    helpUrl: helpUrl(baseUrl, f, lang),
    id: f.id.toUpperCase(),
    name: f.id,
    parameters: f.params.map(excelParameter),
    result: excelResult(f),
  };
}

/**
 * The whole functions.json. `allowErrorForDataTypeAny` lets error cells reach the
 * functions (as CustomFunctions.Error objects) so they propagate with their own code.
 * @param {any[]} registry the WASM registry() rows (localized rows for another language)
 * @param {string} [baseUrl]
 * @param {string} [lang]
 */
export function excelMetadata(registry, baseUrl = DEFAULT_BASE_URL, lang = DEFAULT_LANGUAGE) {
  return {
    allowErrorForDataTypeAny: true,
    functions: registry.map((f) => excelFunction(f, baseUrl, lang)),
  };
}
