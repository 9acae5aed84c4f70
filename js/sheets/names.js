// Custom function names: the Google Sheets built-ins they must not reuse
// (builtin-names.txt) and the checks every registry Sheets name must pass.
import { readFileSync } from 'node:fs';
import { SHEETS_NAME } from './jsdoc.js';

/** Upper-case built-in names, from js/sheets/builtin-names.txt. */
export function builtinNames() {
  const text = readFileSync(new URL('./builtin-names.txt', import.meta.url), 'utf8');
  return new Set(
    text
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => l.toUpperCase()),
  );
}

/**
 * Problems with the registry's Sheets names, one sentence each (empty when all is well):
 * invalid (dots, trailing `_`…), a built-in's name (the built-in would win), or used
 * twice (Sheets ignores case).
 * @param {Array<{id: string, sheets_name: string}>} registry
 * @param {Set<string>} builtins upper case
 */
export function nameProblems(registry, builtins) {
  const problems = [];
  const seen = new Map();
  for (const f of registry) {
    const upper = f.sheets_name.toUpperCase();
    const problem = !SHEETS_NAME.test(f.sheets_name) ? 'is not a valid custom function name (letters, digits, _; no dot; not ending in _)'
      : builtins.has(upper) ? 'is a Google Sheets built-in function: give the row another sheets_name'
      : seen.has(upper) ? `is also the Sheets name of ${seen.get(upper)}`
      : null;
    if (problem) problems.push(`${f.id}: "${f.sheets_name}" ${problem}.`);
    if (!seen.has(upper)) seen.set(upper, f.id);
  }
  return problems;
}
