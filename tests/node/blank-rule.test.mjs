// The one blank rule (Rust `Cell::is_blank`: empty, or text of only whitespace): the JS
// router's numbers-only fast path must never call a cell blank that Rust would not, so
// for every input the routed result is the generic WASM `evaluate` result.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createKpi } from '../../js/core/sheetkpi.js';
import { glue, kpi } from './load.mjs';

/** Cells hosts send, including whitespace where JS trim() and Rust trim() part ways (U+FEFF, U+0085). */
const CELLS = [null, undefined, '', ' ', '\t', '\u00a0', '\u3000', '\n \r', '\u2028', 'x', 0, '\ufeff', '\u0085', '\u200b', ' x '];

/** Calls placing the cell in a range, as a scalar, as an optional argument and in a paired range. */
const calls = (c) => [
  ['ROAS', [[[100], [c], [300]], [[10], [20]]]],
  ['ROAS', [[[100, c, 300]], 40]],
  ['ROAS', [c, 10]],
  ['CAC', [100, c]],
  ['CLV', [50, 4, 3, c]],
  ['SALES_CYCLE', [[[45000], [45001]], [[45010], [c]]]],
];

test('routed = generic evaluate for blanks, whitespace and text, in every position', () => {
  for (const c of CELLS) {
    for (const [name, args] of calls(c)) {
      assert.deepEqual(kpi.call(name, args), glue.evaluate(name, args), `${name} with ${JSON.stringify(c)}`);
    }
  }
});

test('whitespace-only text in a range takes the fast path as a blank; a BOM does not', () => {
  // The real glue, with the numbers-only entry counted (not replaced).
  let fast = 0;
  const counted = createKpi({ ...glue, eval_numbers: (...a) => (fast++, glue.eval_numbers(...a)) });
  for (const c of ['', ' ', '\t', '\u00a0', '\u3000']) {
    fast = 0;
    assert.equal(counted.call('ROAS', [[[100], [c], [300]], [[10], [20]]]), 400 / 30, JSON.stringify(c));
    assert.equal(fast, 1, `${JSON.stringify(c)} is a blank for the fast path`);
  }
  fast = 0;
  const bom = counted.call('ROAS', [[[100], ['\ufeff'], [300]], [[10], [20]]]);
  assert.equal(bom.error, '#VALUE!', 'Rust does not call U+FEFF whitespace');
  assert.equal(fast, 0, 'U+FEFF is left to the generic path');
});
