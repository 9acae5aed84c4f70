// Table results (issue 12) on every surface but the page (web-table.test.mjs): the router
// evaluates a table function exactly once and never on a fast path; every registry example
// of a table function gives the same table natively, through the WASM (routed and
// generic), in the Excel emulation and in the Sheets emulation, cell for cell, numbers to
// the bit; the Excel and Sheets conversions of error cells, on literal wire-shaped tables.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { glue, kpi, nativeCli, matchesExpected, root } from './load.mjs';
import { createKpi } from '../../js/core/sheetkpi.js';
import { excelConverters } from '../../js/excel/convert.js';
import { shownResult } from '../../js/excel/emulation/results.mjs';
import { loadAddin } from '../../js/excel/emulation/harness.mjs';
import { fromResult } from '../../js/sheets/convert.js';
import { execution } from '../../js/sheets/emulator.mjs';
import { excelCode, excelTable, plain, sheetsTable } from './table-shapes.mjs';

const native = JSON.parse(nativeCli('examples', '--json'));
const tableFns = kpi.functions.filter((f) => f.columns.length > 0);
const tableExamples = native.filter((e) => tableFns.some((f) => f.id === e.id));
// Some examples of a table function expect a whole-call error (a negative count, an unknown option).
const isTableResult = (e) => Array.isArray(e.native);

/** The glue with every entry counted: what the router asked the WASM for. */
function counted(inner) {
  const calls = { evaluate: 0, eval_fast: 0, eval_numbers: 0 };
  const g = { ...inner };
  for (const k of Object.keys(calls)) {
    g[k] = (...a) => {
      calls[k]++;
      return inner[k](...a);
    };
  }
  return { g, calls, reset: () => Object.keys(calls).forEach((k) => (calls[k] = 0)) };
}

// A wire-shaped table with an error cell of every kind the hosts must convert.
const WIRE = [
  ['channel', 'conversions', 'share'],
  ['Email', 1.5, 0.25],
  ['Direct', { error: '#DIV/0!', message: 'No conversions to share.' }, { error: '#NUM!', message: 'Too many channels.' }],
  ['Social', { error: '#N/A', message: 'No journeys.' }, { error: '#VALUE!', message: 'A path is text.' }],
  ['Search', { error: '#REF!', message: 'The paths input already shows #REF!.' }, { error: '#NULL!', message: 'x' }],
];

test('table_functions() names exactly the registry rows with columns, and the router knows them', () => {
  const positions = kpi.functions.flatMap((f, i) => (f.columns.length > 0 ? [i] : []));
  assert.deepEqual([...glue.table_functions()], positions);
  kpi.functions.forEach((f, i) => assert.equal(kpi.isTable(i), f.columns.length > 0, f.id));
});

test('the router sends a table function straight to evaluate, once, whatever its arguments', () => {
  // A stand-in glue with one plain function (A) and one table function (T).
  const table = [['name'], ['x']];
  const fake = {
    function_names: () => ['A', 'KPI.A', 'A', 'T', 'KPI.T', 'T'],
    table_functions: () => new Uint32Array([1]),
    evaluate: (name) => (name === 'T' ? table : 7),
    eval_fast: () => 7,
    eval_numbers: () => 7,
    version: () => 'test',
  };
  const { g, calls, reset } = counted(fake);
  const router = createKpi(g);
  for (const args of [[1, 2], [[[1], [2]], 3], ['a', [['b']]], []]) {
    reset();
    assert.equal(router.call('T', args), table);
    assert.deepEqual(calls, { evaluate: 1, eval_fast: 0, eval_numbers: 0 }, JSON.stringify(args));
    reset();
    assert.equal(router.call(1, args), table);
    assert.deepEqual(calls, { evaluate: 1, eval_fast: 0, eval_numbers: 0 });
  }
  reset();
  assert.equal(router.call('A', [1, 2]), 7);
  assert.deepEqual(calls, { evaluate: 0, eval_fast: 1, eval_numbers: 0 }, 'plain functions keep their fast path');
});

test('with the real WASM, every table example is evaluated exactly once per call', () => {
  const { g, calls, reset } = counted(glue);
  const router = createKpi(g);
  for (const e of tableExamples) {
    reset();
    router.call(e.id, e.args);
    assert.deepEqual(calls, { evaluate: 1, eval_fast: 0, eval_numbers: 0 }, e.formula);
  }
  // All-numeric arguments (the fast paths' shape) do not tempt it either.
  for (const f of tableFns) {
    for (const args of [f.params.map(() => 1), f.params.map(() => [[1], [2]])]) {
      reset();
      router.call(f.id, args);
      assert.deepEqual(calls, { evaluate: 1, eval_fast: 0, eval_numbers: 0 }, `${f.id}(${JSON.stringify(args)})`);
    }
  }
  assert.ok(tableExamples.filter(isTableResult).length >= 5, 'the registry has table examples that give tables');
  console.log(`# ${tableExamples.length} table examples of ${tableFns.map((f) => f.id).join(', ') || 'no table function yet'}`);
});

test('every table example: native = WASM routed = WASM generic, bit for bit; native = expected (tolerances)', () => {
  for (const e of tableExamples) {
    const f = tableFns.find((x) => x.id === e.id);
    assert.ok(matchesExpected(e.native, e.expected, f.columns), `${e.formula}: native ${JSON.stringify(e.native)} vs expected ${JSON.stringify(e.expected)}`);
    if (isTableResult(e)) assert.deepEqual(e.native[0], f.columns.map((c) => c.name), `${e.formula}: the header is the declared columns`);
    // deepStrictEqual compares numbers with Object.is: the same double, and the same messages.
    assert.deepStrictEqual(kpi.call(e.id, e.args), e.native, `routed ${e.formula}`);
    assert.deepStrictEqual(glue.evaluate(e.id, e.args), e.native, `generic ${e.formula}`);
    assert.deepStrictEqual(glue.evaluate_formula(`=${e.formula}`), e.native, `formula ${e.formula}`);
  }
});

/** Example arguments as Excel passes them: matrices for range parameters, error objects as CustomFunctions.Error. */
function excelArgs(CF, f, args) {
  const cell = (v) => (v && typeof v === 'object' && typeof v.error === 'string' ? new CF.Error(v.error) : v);
  return f.params.map((p, i) => {
    const a = i < args.length ? args[i] : null;
    if (!p.takes_range) return cell(a);
    if (a === null) return null;
    return Array.isArray(a) ? a.map((row) => (Array.isArray(row) ? row : [row]).map(cell)) : [[cell(a)]];
  });
}

/** Example arguments as Sheets passes them: blanks "", errors as their code text. */
function sheetsArgs(args) {
  const cell = (c) => (c === null ? '' : typeof c === 'object' ? c.error : c);
  return args.map((a) => (Array.isArray(a) ? a.map((row) => (Array.isArray(row) ? row.map(cell) : [cell(row)])) : cell(a)));
}

test('every table example in the Excel and the Sheets emulations: the native table, cell for cell', async () => {
  const addin = await loadAddin(join(root, 'dist/excel'));
  const sheets_ = execution();
  for (const e of tableExamples) {
    const f = tableFns.find((x) => x.id === e.id);
    const excel = plain(await addin.cell(f.id, excelArgs(addin.CustomFunctions, f, e.args)));
    let sheets;
    try {
      sheets = { value: plain(await sheets_.call(f.sheets_name, ...sheetsArgs(e.args))) };
    } catch (thrown) {
      sheets = { thrown: thrown.message };
    }
    if (isTableResult(e)) {
      assert.deepStrictEqual(excel, { value: excelTable(e.native) }, `Excel ${e.formula}`);
      assert.deepStrictEqual(sheets, { value: sheetsTable(e.native) }, `Sheets ${e.formula}`);
    } else {
      // A whole-call error: thrown, as for any function (docs/excel.md, docs/sheets.md).
      assert.equal(excel.error, excelCode(e.native.error), `Excel ${e.formula}: ${JSON.stringify(excel)}`);
      assert.deepStrictEqual(sheets, { thrown: `${e.native.error} ${e.native.message}` }, `Sheets ${e.formula}`);
    }
  }
  console.log(`# ${tableExamples.length} table examples through Excel and Sheets (${tableExamples.filter(isTableResult).length} tables)`);
});

test('Excel: a table converts cell by cell, each error cell a CustomFunctions.Error in place', () => {
  const context = vm.createContext({});
  vm.runInContext(readFileSync(join(root, 'js/excel/emulation/office-runtime.js'), 'utf8'), context);
  const CF = context.CustomFunctions;
  const out = excelConverters(CF).result(WIRE);
  assert.deepEqual(out.slice(0, 2), WIRE.slice(0, 2));
  const errors = out.slice(2).flatMap((r) => r.slice(1));
  assert.ok(errors.every((e) => e instanceof CF.Error));
  assert.deepEqual(
    errors.map((e) => [e.code, e.message]),
    [
      ['#DIV/0!', undefined],
      ['#NUM!', undefined],
      ['#N/A', 'No journeys.'],
      ['#VALUE!', 'A path is text.'],
      // #REF! is input-only: #VALUE!, whose message names the original error.
      ['#VALUE!', 'The paths input already shows #REF!.'],
      ['#NULL!', undefined],
    ],
  );
  // What Office documents for a matrix result, the emulation takes; and shows as the spec says.
  assert.deepEqual(shownResult({ dimensionality: 'matrix' }, out, CF, 'T'), excelTable(WIRE));
  // A whole-call error is still thrown; a non-finite number is #NUM!.
  assert.throws(() => excelConverters(CF).result({ error: '#N/A', message: 'm' }), (e) => e instanceof CF.Error && e.code === '#N/A');
  assert.equal(excelConverters(CF).result([['x'], [Infinity]])[1][0].code, '#NUM!');
});

test('the Excel emulation refuses what Office does not document for a result', () => {
  const context = vm.createContext({});
  vm.runInContext(readFileSync(join(root, 'js/excel/emulation/office-runtime.js'), 'utf8'), context);
  const CF = context.CustomFunctions;
  const matrix = { dimensionality: 'matrix' };
  const refused = [
    [matrix, 5],
    [matrix, ['a', 'b']],
    [matrix, []],
    [matrix, [[]]],
    [matrix, [['a', 'b'], ['c']]],
    [matrix, [[NaN]]],
    [matrix, [[{ error: '#N/A' }]]],
    [matrix, [[null]]],
    [matrix, [[new CF.Error(CF.ErrorCode.invalidNumber, 'no message allowed')]]],
    [matrix, [[new CF.Error(CF.ErrorCode.invalidReference)]]],
    [{ type: 'number' }, [[1]]],
    [{ type: 'number' }, 'ten'],
    [{ type: 'string' }, 10],
  ];
  for (const [declared, v] of refused) assert.throws(() => shownResult(declared, v, CF, 'T'), TypeError, JSON.stringify(v));
  assert.deepEqual(shownResult(matrix, [[1, 'a', true]], CF, 'T'), [[1, 'a', true]]);
});

test('Sheets: a table is returned as rows, each error cell as the text of its code', () => {
  assert.deepEqual(fromResult(WIRE), [
    ['channel', 'conversions', 'share'],
    ['Email', 1.5, 0.25],
    ['Direct', '#DIV/0!', '#NUM!'],
    ['Social', '#N/A', '#VALUE!'],
    ['Search', '#REF!', '#NULL!'],
  ]);
  assert.throws(() => fromResult({ error: '#N/A', message: 'No journeys.' }), { message: '#N/A No journeys.' });
});

test('help.html lists a table function’s columns, a choice’s options, and an expected table', async () => {
  const { helpHtml } = await import('../../js/excel/help.mjs');
  const row = {
    id: 'SPLIT_T', excel_name: 'KPI.SPLIT_T', excel_signature: 'KPI.SPLIT_T(paths, [model])', description: 'Splits.',
    formula: 'by model', source: 'seeds/x', display: { words: 'text' },
    params: [
      { name: 'paths', description: 'Paths.', describe: 'range of text, paired row by row', optional: false, default_text: null, choices: [] },
      { name: 'model', description: 'Model.', describe: 'one of the listed options', optional: true, default_text: '"first"', choices: ['first', 'last'] },
    ],
    columns: [
      { name: 'channel', kind: 'text', description: 'The channel.', tolerance: null },
      { name: 'share', kind: 'fraction', description: 'Its share.', tolerance: null },
    ],
    examples: [{ formula: 'SPLIT_T({"A > B"}, "last")', expected: [['channel', 'share'], ['B', 1]] }],
  };
  const html = helpHtml([row], 'test');
  assert.ok(html.includes('<td>one of the listed options: &quot;first&quot;, &quot;last&quot;</td>'), 'options');
  assert.ok(html.includes('<tr><td><code>channel</code></td><td>text</td><td>The channel.</td></tr>'), 'columns');
  assert.ok(html.includes('<table><thead><tr><th>channel</th><th>share</th></tr></thead><tbody><tr><td>B</td><td>1</td></tr></tbody></table>'), 'expected table');
  assert.ok(html.includes('<strong>Result:</strong> a table that spills'), 'result');
  // The shipped help page does the same for every real table function.
  const shipped = readFileSync(join(root, 'dist/excel/help.html'), 'utf8');
  for (const f of tableFns) {
    for (const c of f.columns) assert.ok(shipped.includes(`<td><code>${c.name}</code></td>`), `${f.id}: column ${c.name}`);
  }
});

test('an error cell inside a real table (a value beyond the double range) on every host', async () => {
  const formula = 'ATTRIBUTION({"A > B";"B"}, {1;1}, {1.7e308;1.7e308}, , "linear")';
  const args = [[['A > B'], ['B']], [[1], [1]], [[1.7e308], [1.7e308]], null, 'linear'];
  const want = JSON.parse(nativeCli('eval', '--json', formula));
  assert.equal(want[2][2].error, '#NUM!', 'the case still has an error cell');
  assert.deepStrictEqual(kpi.call('ATTRIBUTION', args), want);
  assert.deepStrictEqual(glue.evaluate('ATTRIBUTION', args), want);
  const addin = await loadAddin(join(root, 'dist/excel'));
  const f = kpi.functions.find((x) => x.id === 'ATTRIBUTION');
  const excel = plain(await addin.cell('ATTRIBUTION', excelArgs(addin.CustomFunctions, f, args)));
  assert.deepStrictEqual(excel, { value: excelTable(want) });
  assert.deepStrictEqual(excel.value[2][2], { error: '#NUM!' }, 'Excel allows no message with #NUM!');
  const sheets = plain(await execution().call('ATTRIBUTION', ...sheetsArgs(args)));
  assert.deepStrictEqual(sheets, sheetsTable(want));
  assert.equal(sheets[2][2], '#NUM!');
});
