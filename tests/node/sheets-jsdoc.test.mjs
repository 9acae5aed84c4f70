// The generated custom functions (dist/sheets/functions.js) against the registry: one per
// entry, each with a complete JSDoc block, a valid, unique name that no Google Sheets
// built-in shadows (js/sheets/builtin-names.txt).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import { nativeCli } from './load.mjs';
import { DIST } from '../../js/sheets/emulator.mjs';
import { builtinNames, nameProblems } from '../../js/sheets/names.js';
import { customFunction, identifier } from '../../js/sheets/jsdoc.js';

const registry = JSON.parse(nativeCli('functions', '--json'));
const source = readFileSync(`${DIST}functions.js`, 'utf8');
const builtins = builtinNames();

/** Every JSDoc block directly followed by a top-level function declaration. */
function documented(text) {
  const re = /\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*(async\s+)?function\s+([A-Za-z0-9_$]+)\s*\(([^)]*)\)/g;
  const out = [];
  for (let m; (m = re.exec(text)); ) {
    const lines = m[1].split('\n').map((l) => l.replace(/^\s*\*\s?/, '').trim());
    const tags = lines.filter((l) => l.startsWith('@'));
    out.push({
      name: m[3],
      async: !!m[2],
      args: m[4].split(',').map((a) => a.trim()).filter(Boolean),
      summary: lines.find((l) => l && !l.startsWith('@')),
      params: tags.filter((t) => t.startsWith('@param')).map((t) => /^@param\s+\{([^}]+)\}\s+(\S+)\s+(.*)$/.exec(t)),
      returns: tags.find((t) => t.startsWith('@return')),
      custom: tags.includes('@customfunction'),
    });
  }
  return out;
}

test('the built-in list is Google Sheets’ function list, cleanly typed', () => {
  assert.ok(builtins.size >= 450, `only ${builtins.size} names`);
  for (const n of ['SUM', 'QUERY', 'ARRAYFORMULA', 'GOOGLEFINANCE', 'IMPORTRANGE', 'SPARKLINE', 'REGEXMATCH', 'XLOOKUP', 'NPV', 'RATE', 'GROWTH', 'MINUS', 'MARGINOFERROR']) {
    assert.ok(builtins.has(n), n);
  }
  for (const n of builtins) assert.match(n, /^[A-Z][A-Z0-9_.]*$/, n);
});

test('one documented custom function per registry entry, and nothing else global', () => {
  const fns = documented(source);
  assert.deepEqual(fns.map((f) => f.name), registry.map((f) => f.sheets_name));
  // Any other top-level function would show up in Sheets as a custom function.
  const script = new vm.Script(source);
  const ctx = vm.createContext({});
  script.runInContext(ctx);
  const globals = vm.runInContext('Object.keys(globalThis)', ctx);
  assert.deepEqual([...globals].sort(), registry.map((f) => f.sheets_name).sort());
});

test('every JSDoc block: summary, @param per parameter with a description, @return, @customfunction', () => {
  const byName = new Map(documented(source).map((f) => [f.name, f]));
  for (const f of registry) {
    const doc = byName.get(f.sheets_name);
    assert.ok(doc, f.sheets_name);
    assert.ok(doc.async, `${f.sheets_name} is async (WASM instantiates asynchronously)`);
    assert.ok(doc.custom, `${f.sheets_name}: @customfunction`);
    assert.equal(doc.summary, f.description.replace(/\s+/g, ' '), `${f.sheets_name}: summary`);
    assert.equal(doc.params.length, f.params.length, `${f.sheets_name}: one @param per parameter`);
    assert.deepEqual(doc.params.map((p) => p && p[2]), doc.args, `${f.sheets_name}: @param names are the JS parameters`);
    f.params.forEach((p, i) => {
      const [, type, name, text] = doc.params[i];
      assert.ok(text.startsWith(p.description.replace(/\s+/g, ' ')), `${f.sheets_name}.${name}: description`);
      assert.equal(name, p.name, `${f.sheets_name}: parameter ${i + 1} keeps its registry name`);
      // What it takes and its default, in the registry's words (no table of our own).
      assert.ok(text.includes(`Takes: ${p.describe}.`), `${f.sheets_name}.${name}: ${text}`);
      if (p.optional) assert.match(text, /Optional/, `${f.sheets_name}.${name}: says it is optional`);
      if (p.default_text !== null) assert.ok(text.endsWith(`Optional; ${p.default_text} if left out.`), `${f.sheets_name}.${name}: ${text}`);
      if (p.takes_range) assert.match(type, /Array<Array</, `${f.sheets_name}.${name}: takes a range`);
    });
    assert.match(doc.returns, /^@return \{(number|string)\} \S/, `${f.sheets_name}: @return`);
    // The result in the registry's words, and the cell format that shows it as the other hosts do.
    const words = f.display.words.charAt(0).toUpperCase() + f.display.words.slice(1);
    assert.ok(doc.returns.includes(` ${words}`), `${f.sheets_name}: ${doc.returns}`);
    if (f.result !== 'text') assert.ok(doc.returns.endsWith(`Cell format: ${f.display.excel_format}`), `${f.sheets_name}: ${doc.returns}`);
  }
});

test('names: valid custom function names, unique ignoring case, no built-in', () => {
  assert.deepEqual(nameProblems(registry, builtins), []);
  for (const f of registry) {
    assert.match(f.sheets_name, /^[A-Za-z][A-Za-z0-9_]*$/, f.sheets_name);
    assert.ok(!f.sheets_name.endsWith('_') && !f.sheets_name.includes('.'), f.sheets_name);
    assert.ok(!builtins.has(f.sheets_name.toUpperCase()), `${f.sheets_name} is a Sheets built-in`);
  }
  assert.equal(new Set(registry.map((f) => f.sheets_name.toUpperCase())).size, registry.length);
});

test('the name check catches a clash, a duplicate, a dot and a trailing underscore', () => {
  const problems = nameProblems(
    [
      { id: 'GROWTH_RATE', sheets_name: 'Growth' },
      { id: 'ROAS', sheets_name: 'ROAS' },
      { id: 'ROAS2', sheets_name: 'roas' },
      { id: 'KPI.X', sheets_name: 'KPI.X' },
      { id: 'HIDDEN', sheets_name: 'HIDDEN_' },
    ],
    builtins,
  );
  assert.equal(problems.length, 4);
  assert.match(problems[0], /GROWTH_RATE: "Growth" is a Google Sheets built-in/);
  assert.match(problems[1], /ROAS2: "roas" is also the Sheets name of ROAS/);
  assert.match(problems[2], /KPI\.X: "KPI\.X" is not a valid/);
  assert.match(problems[3], /HIDDEN: "HIDDEN_" is not a valid/);
});

test('the generator copes with registry rows it has never seen', () => {
  const f = {
    id: 'NEW_KPI', sheets_name: 'NEW_KPI', description: 'A new */ KPI.', formula: 'a / b', source: 'seeds/x',
    params: [
      { name: 'default', description: 'Reserved word.', kind: 'mystery', describe: 'something new', takes_range: false, optional: false, default: null, default_text: null },
      { name: 'ok', description: 'A flag.', kind: 'flag', describe: 'TRUE/FALSE', takes_range: false, optional: true, default: true, default_text: 'TRUE' },
      { name: 'ok', description: 'Same name twice.', kind: 'amount', describe: 'number or range (summed), any sign', takes_range: true, optional: true, default: null, default_text: null },
    ],
    result: 'text', display: { words: 'a status */ text', excel_format: 'General' }, examples: [{ formula: 'NEW_KPI(1)', args: [1], expected: 'GREEN' }],
  };
  const code = customFunction(f, 'call_');
  new vm.Script(code); // valid JavaScript
  const [doc] = documented(code);
  assert.deepEqual(doc.args, ['default_value', 'ok', 'ok2']);
  assert.equal(doc.params[0][1], '*');
  assert.match(doc.params[0][3], /^Reserved word\. Takes: something new\.$/);
  assert.match(doc.params[1][3], /Optional; TRUE if left out\./);
  assert.match(doc.params[2][3], /Same name twice\. Takes: number or range \(summed\), any sign\. Optional\.$/);
  assert.equal(doc.returns, '@return {string} A status * / text.');
  assert.doesNotMatch(code.slice(3, code.indexOf('*/')), /\*\//);
  assert.match(code, /Example: =NEW_KPI\(1\) gives "GREEN"\./);
  assert.throws(() => customFunction({ ...f, sheets_name: 'KPI.NEW' }, 'call_'), /not a valid/);
  assert.equal(identifier('2nd', new Set()), '_2nd');
});
