// The real WASM in Node against the native build: every registry example, bit for bit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { glue, kpi, nativeCli, sameResult, bits } from './load.mjs';

const native = JSON.parse(nativeCli('examples', '--json'));

test('the WASM registry is the native registry', () => {
  const nativeRegistry = JSON.parse(nativeCli('functions', '--json'));
  assert.deepEqual(kpi.functions, nativeRegistry);
  assert.ok(kpi.functions.length >= 10);
});

test('every registry example: WASM (routed and generic) = native = expected', () => {
  assert.ok(native.length >= 30, `only ${native.length} examples`);
  for (const ex of native) {
    assert.ok(sameResult(ex.native, ex.expected), `native ${ex.formula}: ${JSON.stringify(ex.native)} ≠ ${JSON.stringify(ex.expected)}`);
    const routed = kpi.call(ex.id, ex.args);
    const generic = glue.evaluate(ex.id, ex.args);
    for (const [how, r] of [['routed', routed], ['generic', generic]]) {
      assert.ok(sameResult(r, ex.native), `${how} ${ex.formula}: ${JSON.stringify(r)} ≠ native ${JSON.stringify(ex.native)}`);
      if (typeof r === 'number') assert.equal(bits(r), ex.bits, ex.formula);
      if (typeof r === 'object') assert.equal(r.message, ex.native.message, ex.formula);
    }
  }
});

test('a / b equals JavaScript a / b exactly for every a, b in 1..=199 (fast and generic paths)', () => {
  const roas = kpi.indexOf('ROAS');
  let mismatches = 0;
  for (let a = 1; a <= 199; a++) {
    for (let b = 1; b <= 199; b++) {
      const fast = kpi.call(roas, [a, b]);
      const generic = glue.evaluate('ROAS', [a, [[b]]]);
      if (!Object.is(fast, a / b) || !Object.is(generic, a / b)) mismatches++;
    }
  }
  assert.equal(mismatches, 0);
});

test('host-shaped inputs: 1x1 ranges, blanks, 1-D arrays, omitted optionals, error objects', () => {
  assert.equal(kpi.call('KPI.ROAS', [[[1000]], [[100]]]), 10);
  assert.equal(kpi.call('roas', [[[400], [''], [600]], [[30], [null], [70]]]), 10);
  assert.equal(kpi.call('CAC', [[100, 200], [1, 3]]), 75);
  assert.equal(kpi.call('CLV', [50, 4, 3, null]), 600);
  assert.equal(kpi.call('CLV', [50, 4, 3]), 600);
  assert.equal(kpi.call('CLV', [50, 4, 3, undefined]), 600);
  assert.deepEqual(kpi.call('ROAS', [{ error: '#REF!' }, 1]).error, '#REF!');
  assert.deepEqual(kpi.call('ROAS', [[[1], [{ error: '#DIV/0!' }]], 1]).error, '#DIV/0!');
  assert.equal(kpi.call('ROAS', [{ error: '#SPILL!' }, 1]).error, '#N/A');
  assert.equal(kpi.call('ROAS', [[['']], 1]).error, '#N/A');
  assert.equal(kpi.call('ROAS', [true, 1]).error, '#VALUE!');
  assert.equal(kpi.call('ROAS', [NaN, 1]).error, '#NUM!');
  // Exact over every finite double: #NUM! only for a result beyond the double range.
  assert.equal(kpi.call('ROAS', [1e308, 1]), 1e308);
  assert.equal(kpi.call('ROAS', [1e308, 0.1]).error, '#NUM!');
  assert.equal(kpi.call('ROAS', [Infinity, 1]).error, '#NUM!');
  assert.equal(kpi.call('CLV', [[[1, 2]], 4, 3]).error, '#VALUE!');
  assert.equal(kpi.call('NO_SUCH_KPI', [1]).error, '#NAME?');
  assert.equal(glue.evaluate('ROAS', 'not an array').error, '#VALUE!');
  assert.equal(kpi.call('ROAS', [1, 2, 3]).error, '#VALUE!');
});

test('a 10,000-cell range through every path gives the native blended value', () => {
  const spend = Array.from({ length: 10000 }, (_, i) => [i % 7 === 0 ? '' : (i % 13) + 0.25]);
  const customers = Array.from({ length: 10000 }, (_, i) => [i % 5]);
  const s = spend.flat().filter((x) => x !== '').map((x) => x.toString());
  const expected = JSON.parse(nativeCli('eval', '--json', `CAC({${s.join(';')}}, {${customers.flat().join(';')}})`));
  assert.ok(typeof expected === 'number');
  assert.equal(bits(kpi.call('CAC', [spend, customers])), bits(expected));
  assert.equal(bits(glue.evaluate('CAC', [spend, customers])), bits(expected));
});

test('evaluate_formula parses like `sheetkpi eval` and gives its results', () => {
  for (const ex of native) {
    const r = glue.evaluate_formula(`=${ex.formula}`);
    assert.ok(sameResult(r, ex.native), `${ex.formula}: ${JSON.stringify(r)}`);
  }
  const bad = glue.evaluate_formula('ROAS(A1, 2)');
  assert.equal(bad.error, '#VALUE!');
  assert.equal(bad.at, 5);
  assert.match(bad.message, /cell references are not supported/);
});

test('routing names agree with the registry, in order', () => {
  const names = glue.function_names();
  assert.equal(names.length, kpi.functions.length * 3);
  kpi.functions.forEach((f, i) => {
    assert.deepEqual(names.slice(3 * i, 3 * i + 3), [f.id, f.excel_name, f.sheets_name]);
    for (const n of [f.id, f.excel_name, f.sheets_name.toLowerCase()]) assert.equal(kpi.indexOf(n), i);
  });
  assert.equal(kpi.indexOf('NOPE'), -1);
});
