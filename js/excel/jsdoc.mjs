// A JSDoc-annotated JavaScript view of the registry, in the form Microsoft's
// `custom-functions-metadata` tool reads (@customfunction, @helpurl, @param, @returns).
// The metadata oracle test runs the tool on this source and requires its output to
// equal our own functions.json: two independent routes from the same registry rows.

import { helpUrl } from './metadata.mjs';

/** Keeps a text from closing the comment or starting a new line of tags. */
function commentText(s) {
  return String(s).replace(/\*\//g, '*\u2215').replace(/\s*\n\s*/g, ' ');
}

/**
 * The JSDoc type of a parameter: a matrix for range-taking parameters, one string for a
 * choice, else one value (as metadata.mjs `excelParameter` declares them).
 * @param {{kind: string, takes_range: boolean}} p
 */
function jsdocType(p) {
  if (p.takes_range) return 'any[][]';
  return p.kind === 'choice' ? 'string' : 'any';
}

/**
 * The JSDoc type of the result: a table is a matrix of any cells (it spills).
 * @param {{result: string, columns?: unknown[]}} f
 */
function returnType(f) {
  if (f.columns && f.columns.length > 0) return 'any[][]';
  return f.result === 'text' ? 'string' : 'number';
}

/**
 * One annotated (empty-bodied) function for a registry row.
 * @param {any} f
 * @param {string} baseUrl
 * @param {string} [lang] the row's language, for its help URL
 */
export function jsdocFunction(f, baseUrl, lang) {
  const lines = ['/**', ` * ${commentText(f.description)}`, ` * @customfunction ${f.id} ${f.id}`];
  lines.push(` * @helpurl ${helpUrl(baseUrl, f, lang)}`);
  for (const p of f.params) {
    const name = p.optional ? `[${p.name}]` : p.name;
    lines.push(` * @param {${jsdocType(p)}} ${name} ${commentText(p.description)}`);
  }
  lines.push(` * @returns {${returnType(f)}}`, ' */');
  lines.push(`function kpi_${f.id}(${f.params.map((p) => p.name).join(', ')}) {}`);
  return lines.join('\n');
}

/**
 * The whole annotated source.
 * @param {any[]} registry (localized rows for another language: the localized JSDoc view)
 * @param {string} baseUrl
 * @param {string} [lang] the rows' language, for the help URLs
 */
export function jsdocSource(registry, baseUrl, lang) {
  return registry.map((f) => jsdocFunction(f, baseUrl, lang)).join('\n\n') + '\n';
}
