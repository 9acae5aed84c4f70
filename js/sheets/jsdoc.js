// Generates one Apps Script custom function per registry entry, with the JSDoc block
// that puts it in Sheets' autocomplete. Driven only by registry() data, so new rows,
// parameter kinds and result kinds need no change here. Sheets reads one JSDoc text per
// function, whatever the user's language, so a bundle is in one language: the rows come
// localized (js/i18n/catalogue.js) and the words around them from `t`.
import { englishTranslator } from '../i18n/load.mjs';

/** A valid custom function name: letters, digits, underscores; no dot; not ending in `_`. */
export const SHEETS_NAME = /^[A-Za-z][A-Za-z0-9_]*[A-Za-z0-9]$|^[A-Za-z]$/;

const RESERVED = new Set(
  ('break case catch class const continue debugger default delete do else enum export extends false finally for ' +
    'function if import in instanceof new null return super switch this throw true try typeof var void while with ' +
    'yield let static implements interface package private protected public await async arguments eval undefined NaN Infinity')
    .split(' '),
);

/** JSDoc type of a parameter, from its kind (unknown kinds: any value or range): how
 * Sheets passes it, which the registry does not say; what it accepts is `p.describe`. */
function paramType(p) {
  const one = {
    amount: 'number', rate: 'number', non_negative: 'number', number: 'number', flag: 'boolean', series: 'number|Date', paired: 'number|Date',
    texts: 'string', choice: 'string',
  }[p.kind];
  const cell = one || '*';
  return p.takes_range ? `${cell}|Array<Array<${cell}>>` : cell;
}

/** The JSDoc type of the result: a table is returned as rows of cells (it spills). */
export const TABLE_TYPE = 'Array<Array<(number|string)>>';

/** One line of JSDoc text: no newlines, no comment terminator. */
const line = (s) => String(s).replace(/\s+/g, ' ').replace(/\*\//g, '* /').trim();

/** A sentence from registry words: a capital first, a full stop last (Chinese: 。). */
const sentence = (s) => {
  const t = line(s);
  const stop = /\p{Script=Han}/u.test(t) ? '。' : '.';
  return t && `${t.charAt(0).toUpperCase()}${t.slice(1)}${/[.!?。!?]$/.test(t) ? '' : stop}`;
};

/** The @return text: the registry's words for the result kind and, for a number, the
 * cell format that shows it as the other hosts do (Sheets' custom formats take Excel's codes). */
function resultText(display, t) {
  const format = display.excel_format && display.excel_format !== 'General' ? ` ${t('sheets.cell_format', { format: line(display.excel_format) })}` : '';
  return `${sentence(display.words)}${format}`;
}

/** The @return text of a table function: that it spills, its columns in order with the
 * registry's words for each, and how an error cell shows (Sheets has no per-cell error). */
function tableText(columns, t) {
  const names = columns.map((c) => line(c.name)).join(', ');
  const each = columns.map((c) => `${line(c.name)}: ${line(c.description).replace(/[.。]$/, '')}`).join('; ');
  return `${t('sheets.table', { names })} ${sentence(each)} ${t('sheets.table_errors')}`;
}

/** What a choice parameter's options are, for its @param text. */
const optionsText = (p, t) =>
  p.choices && p.choices.length ? ` ${t('sheets.options', { options: p.choices.map((c) => `"${line(c)}"`).join(', ') })}` : '';

/**
 * What a parameter means and takes, in the registry's words: its description, `describe`,
 * options and default (the @param text, and the add-on sidebar's), in the language of `t`.
 * @param {any} p a registry parameter (localized for another language)
 * @param {(id: string, vars?: any) => string} [t]
 */
export function paramText(p, t = englishTranslator()) {
  const text = `${line(p.description)} ${line(t('sheets.takes', { describe: p.describe }))}${optionsText(p, t)}`;
  if (!p.optional) return text;
  const omitted = p.default_text === null || p.default_text === undefined ? t('sheets.optional') : line(t('sheets.optional_default', { default: p.default_text }));
  return `${text} ${omitted}`;
}

/**
 * A JavaScript parameter identifier for a registry parameter name, unique in its list.
 * @param {string} name
 * @param {Set<string>} taken
 */
export function identifier(name, taken) {
  let id = String(name).replace(/[^A-Za-z0-9_$]/g, '_');
  if (!/^[A-Za-z_$]/.test(id)) id = `_${id}`;
  if (RESERVED.has(id)) id = `${id}_value`;
  let unique = id;
  for (let k = 2; taken.has(unique); k++) unique = `${id}${k}`;
  taken.add(unique);
  return unique;
}

/**
 * A registry example (`ROAS(1000, 100)`) as the Sheets formula, without the `=`.
 * @param {any} f a registry entry
 * @param {{formula: string}} ex one of its examples
 */
export function sheetsFormula(f, ex) {
  return ex.formula.replace(new RegExp(`^${f.id}\\b`, 'i'), f.sheets_name);
}

/** The first example with a plain result, as a Sheets formula, for the description. */
function exampleLine(f, t) {
  const ex = f.examples.find((e) => typeof e.expected === 'number' || typeof e.expected === 'string');
  if (!ex) return null;
  const formula = sheetsFormula(f, ex);
  const result = typeof ex.expected === 'string' ? `"${ex.expected}"` : String(ex.expected);
  return t('sheets.example', { formula, result });
}

/**
 * The source of one custom function: JSDoc block and an async global function that
 * forwards its arguments to the runtime.
 * @param {any} f a registry entry (registry() shape)
 * @param {string} callee the runtime's global entry, e.g. `sheetKpiCall_`
 * @param {(id: string, vars?: any) => string} [t] the bundle's language (English by default)
 */
export function customFunction(f, callee, t = englishTranslator()) {
  if (!SHEETS_NAME.test(f.sheets_name)) {
    throw new Error(`${f.id}: "${f.sheets_name}" is not a valid Sheets custom function name.`);
  }
  const taken = new Set();
  const params = f.params.map((p) => ({ ...p, js: identifier(p.name, taken) }));
  const doc = [line(f.description), '', line(t('sheets.formula_source', { formula: f.formula, source: f.source }))];
  const example = exampleLine(f, t);
  if (example) doc.push(line(example));
  doc.push('');
  for (const p of params) doc.push(`@param {${paramType(p)}} ${p.js} ${paramText(p, t)}`);
  if (f.columns && f.columns.length > 0) {
    doc.push(`@return {${TABLE_TYPE}} ${tableText(f.columns, t)}`);
  } else {
    // Every result kind but text is a number (registry ResultKind::is_number).
    const resultType = f.result === 'text' ? 'string' : 'number';
    doc.push(`@return {${resultType}} ${resultText(f.display, t)}`);
  }
  doc.push('@customfunction');
  const body = doc.map((l) => (l ? ` * ${l}` : ' *')).join('\n');
  return `/**\n${body}\n */\nasync function ${f.sheets_name}(${params.map((p) => p.js).join(', ')}) {\n` +
    `  return ${callee}(${JSON.stringify(f.id)}, arguments);\n}\n`;
}
