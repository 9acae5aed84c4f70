// The WASM against an exact oracle that is not our code: tests/oracle/exact_oracle.py
// computes each case in Python fractions (random finite doubles of every magnitude,
// subnormals, random decimals), and every result must be the correctly rounded double,
// bit for bit, through the formula bar's path and through the router's fast path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { glue, kpi, root, sameResult } from './load.mjs';

function oracleCases() {
  const dir = mkdtempSync(join(tmpdir(), 'sheetkpi-oracle-'));
  try {
    const file = join(dir, 'cases.json');
    execFileSync('python3', [`${root}tests/oracle/exact_oracle.py`, '--emit', file], { stdio: 'inherit' });
    return JSON.parse(readFileSync(file, 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `NAME(a, {b;c}, d)` → ['NAME', [a, [[b], [c]], d]]: the oracle writes only such literals. */
function parse(formula) {
  const [, name, inner] = formula.match(/^(\w+)\((.*)\)$/);
  const args = inner.split(/,\s*(?![^{]*\})/).map((t) =>
    t.startsWith('{') ? t.slice(1, -1).split(';').map((x) => [Number(x)]) : Number(t));
  return [name, args];
}

const expectedOf = (e) => ('number' in e ? e.number : { error: e.error });

test('every oracle case: the WASM gives the correctly rounded exact result, bit for bit', () => {
  const cases = oracleCases();
  assert.ok(cases.length >= 10000, `only ${cases.length} cases`);
  let numbers = 0;
  const bad = [];
  for (const { formula, expected } of cases) {
    const want = expectedOf(expected);
    if (typeof want === 'number') numbers++;
    const viaFormula = glue.evaluate_formula(formula);
    const [name, args] = parse(formula);
    const routed = kpi.call(name, args);
    for (const [how, got] of [['formula', viaFormula], ['routed', routed]]) {
      if (!sameResult(got, want)) bad.push(`${how} ${formula}: ${JSON.stringify(got)} ≠ ${JSON.stringify(want)}`);
    }
  }
  assert.ok(numbers > cases.length / 2, `only ${numbers} numeric cases`);
  assert.deepEqual(bad.slice(0, 20), []);
});
