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
 * The JSDoc type of a parameter: a matrix for range-taking parameters, else one value.
 * @param {{takes_range: boolean}} p
 */
function jsdocType(p) {
  return p.takes_range ? 'any[][]' : 'any';
}

/**
 * One annotated (empty-bodied) function for a registry row.
 * @param {any} f
 * @param {string} baseUrl
 */
export function jsdocFunction(f, baseUrl) {
  const lines = ['/**', ` * ${commentText(f.description)}`, ` * @customfunction ${f.id} ${f.id}`];
  lines.push(` * @helpurl ${helpUrl(baseUrl, f)}`);
  for (const p of f.params) {
    const name = p.optional ? `[${p.name}]` : p.name;
    lines.push(` * @param {${jsdocType(p)}} ${name} ${commentText(p.description)}`);
  }
  lines.push(` * @returns {${f.result === 'text' ? 'string' : 'number'}}`, ' */');
  lines.push(`function kpi_${f.id}(${f.params.map((p) => p.name).join(', ')}) {}`);
  return lines.join('\n');
}

/**
 * The whole annotated source.
 * @param {any[]} registry
 * @param {string} baseUrl
 */
export function jsdocSource(registry, baseUrl) {
  return registry.map((f) => jsdocFunction(f, baseUrl)).join('\n\n') + '\n';
}
