// The add-on sidebar's catalogue, made at build time from the registry (the rows the WASM
// `registry()` returns): for each function its Sheets signature, description, formula,
// what each input takes (paramText, the words of its @param JSDoc), a table's columns,
// and its worked examples as Sheets formulas with their results shown as the registry
// displays them. The sidebar shows these texts as they are; the script checks inserts
// against the same rows. Each language's bundle has the catalogue in its language (the
// rows localized by js/i18n/catalogue.js, the words around them from its messages).

import { shownResult } from '../excel/help.mjs';
import { englishTranslator } from '../i18n/load.mjs';
import { paramText, sheetsFormula } from './jsdoc.js';

/**
 * An example's result in words: a number with its registry display (`10, shown as
 * 10.00x`), a text in quotes, a table by its size, an error by its code.
 * @param {unknown} v the registry's `expected`
 * @param {any} display the function's registry display
 * @param {(id: string, vars?: any) => string} t the bundle's language
 */
export function resultText(v, display, t = englishTranslator()) {
  if (Array.isArray(v)) return t('pane.table', { n: v.length - 1 });
  return shownResult(v, display, t);
}

/**
 * One catalogue row.
 * @param {any} f a registry entry, localized
 * @param {(id: string, vars?: any) => string} t its language
 */
export function catalogueRow(f, t = englishTranslator()) {
  const row = {
    id: f.id,
    name: f.sheets_name,
    signature: f.sheets_signature,
    description: f.description,
    formula: f.formula,
    params: f.params.map((p) => ({ name: p.name, text: paramText(p, t) })),
    columns: (f.columns || []).map((c) => ({ name: c.name, kind: c.kind, description: c.description })),
    examples: f.examples.map((x) => ({ formula: `=${sheetsFormula(f, x)}`, result: resultText(x.expected, f.display, t) })),
  };
  // What a search matches: names, words and inputs, lower-case.
  row.search = [f.id, f.sheets_name, f.description, f.formula, ...row.params.map((p) => p.name), ...row.columns.map((c) => c.name)].join(' ').toLowerCase();
  return row;
}

/**
 * The whole catalogue, in registry order.
 * @param {any[]} registry localized rows (js/i18n/catalogue.js localizeRegistry)
 * @param {(id: string, vars?: any) => string} t their language
 */
export function catalogue(registry, t = englishTranslator()) {
  return registry.map((f) => catalogueRow(f, t));
}
