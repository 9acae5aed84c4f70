// Generates one Apps Script custom function per registry entry, with the JSDoc block
// that puts it in Sheets' autocomplete. Driven only by registry() data, so new rows,
// parameter kinds and result kinds need no change here.

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

/** A sentence from registry words: a capital first, a full stop last. */
const sentence = (s) => {
  const t = line(s);
  return t && `${t.charAt(0).toUpperCase()}${t.slice(1)}${/[.!?]$/.test(t) ? '' : '.'}`;
};

/** The @return text: the registry's words for the result kind and, for a number, the
 * cell format that shows it as the other hosts do (Sheets' custom formats take Excel's codes). */
function resultText(display) {
  const format = display.excel_format && display.excel_format !== 'General' ? ` Cell format: ${line(display.excel_format)}` : '';
  return `${sentence(display.words)}${format}`;
}

/** The @return text of a table function: that it spills, its columns in order with the
 * registry's words for each, and how an error cell shows (Sheets has no per-cell error). */
function tableText(columns) {
  const names = columns.map((c) => line(c.name)).join(', ');
  const each = columns.map((c) => `${line(c.name)}: ${line(c.description).replace(/\.$/, '')}`).join('; ');
  return `Spills a table into the cells below and to the right: a header row (${names}), then one row per item. ${sentence(each)} ` +
    'A cell that cannot be computed shows its error code as text, such as #NUM!.';
}

/** What a choice parameter's options are, for its @param text. */
const optionsText = (p) => (p.choices && p.choices.length ? ` Options: ${p.choices.map((c) => `"${line(c)}"`).join(', ')}.` : '');

/**
 * What a parameter means and takes, in the registry's words: its description, `describe`,
 * options and default (the @param text, and the add-on sidebar's).
 * @param {any} p a registry parameter
 */
export function paramText(p) {
  const text = `${line(p.description)} Takes: ${line(p.describe)}.${optionsText(p)}`;
  if (!p.optional) return text;
  return text + (p.default_text === null || p.default_text === undefined ? ' Optional.' : ` Optional; ${line(p.default_text)} if left out.`);
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
function exampleLine(f) {
  const ex = f.examples.find((e) => typeof e.expected === 'number' || typeof e.expected === 'string');
  if (!ex) return null;
  const formula = sheetsFormula(f, ex);
  const result = typeof ex.expected === 'string' ? `"${ex.expected}"` : String(ex.expected);
  return `Example: =${formula} gives ${result}.`;
}

/**
 * The source of one custom function: JSDoc block and an async global function that
 * forwards its arguments to the runtime.
 * @param {any} f a registry entry (registry() shape)
 * @param {string} callee the runtime's global entry, e.g. `sheetKpiCall_`
 */
export function customFunction(f, callee) {
  if (!SHEETS_NAME.test(f.sheets_name)) {
    throw new Error(`${f.id}: "${f.sheets_name}" is not a valid Sheets custom function name.`);
  }
  const taken = new Set();
  const params = f.params.map((p) => ({ ...p, js: identifier(p.name, taken) }));
  const doc = [line(f.description), '', `Formula: ${line(f.formula)}. Source: ${line(f.source)}.`];
  const example = exampleLine(f);
  if (example) doc.push(line(example));
  doc.push('');
  for (const p of params) doc.push(`@param {${paramType(p)}} ${p.js} ${paramText(p)}`);
  if (f.columns && f.columns.length > 0) {
    doc.push(`@return {${TABLE_TYPE}} ${tableText(f.columns)}`);
  } else {
    // Every result kind but text is a number (registry ResultKind::is_number).
    const resultType = f.result === 'text' ? 'string' : 'number';
    doc.push(`@return {${resultType}} ${resultText(f.display)}`);
  }
  doc.push('@customfunction');
  const body = doc.map((l) => (l ? ` * ${l}` : ' *')).join('\n');
  return `/**\n${body}\n */\nasync function ${f.sheets_name}(${params.map((p) => p.js).join(', ')}) {\n` +
    `  return ${callee}(${JSON.stringify(f.id)}, arguments);\n}\n`;
}
