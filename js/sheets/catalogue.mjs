// The add-on sidebar's catalogue, made at build time from the registry (the rows the WASM
// `registry()` returns): for each function its Sheets signature, description, formula,
// what each input takes (paramText, the words of its @param JSDoc), a table's columns,
// and its worked examples as Sheets formulas with their results shown as the registry
// displays them. The sidebar shows these texts as they are; the script checks inserts
// against the same rows.

import { valueAndDisplay } from '../core/display.js';
import { paramText, sheetsFormula } from './jsdoc.js';

/**
 * An example's result in words: a number with its registry display (`10, shown as
 * 10.00x`), a text in quotes, a table by its size, an error by its code.
 * @param {unknown} v the registry's `expected`
 * @param {any} display the function's registry display
 */
export function resultText(v, display) {
  if (typeof v === 'number') return valueAndDisplay(v, display, 'en-US');
  if (Array.isArray(v)) return `a table of ${v.length - 1} rows, spilling from the cell`;
  if (typeof v === 'string') return `"${v}"`;
  return v && typeof v === 'object' && 'error' in v ? String(v.error) : String(v);
}

/**
 * One catalogue row.
 * @param {any} f a registry entry
 */
export function catalogueRow(f) {
  const row = {
    id: f.id,
    name: f.sheets_name,
    signature: f.sheets_signature,
    description: f.description,
    formula: f.formula,
    params: f.params.map((p) => ({ name: p.name, text: paramText(p) })),
    columns: (f.columns || []).map((c) => ({ name: c.name, kind: c.kind, description: c.description })),
    examples: f.examples.map((x) => ({ formula: `=${sheetsFormula(f, x)}`, result: resultText(x.expected, f.display) })),
  };
  // What a search matches: names, words and inputs, lower-case.
  row.search = [f.id, f.sheets_name, f.description, f.formula, ...row.params.map((p) => p.name), ...row.columns.map((c) => c.name)].join(' ').toLowerCase();
  return row;
}

/**
 * The whole catalogue, in registry order.
 * @param {any[]} registry
 */
export function catalogue(registry) {
  return registry.map(catalogueRow);
}
