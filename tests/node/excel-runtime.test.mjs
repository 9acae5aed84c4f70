// The built add-in in an emulation of Excel's custom-functions runtime (a Node vm context
// with the documented CustomFunctions/Office API), called the way Excel calls it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bits, kpi, nativeCli, root, sameResult } from './load.mjs';
import { loadAddin } from '../../js/excel/emulation/harness.mjs';
import { excelTable, plain } from './table-shapes.mjs';

const addin = await loadAddin(join(root, 'dist/excel'));
const { CustomFunctions: CF, cell } = addin;
const native = JSON.parse(nativeCli('examples', '--json'));

/** What Excel shows for a core error code: #REF! and #NAME? can't be custom-function results. */
const shownCode = (code) => (code === '#REF!' || code === '#NAME?' ? '#VALUE!' : code);
/** Excel attaches a custom message only to #VALUE! and #N/A. */
const takesMessage = (code) => code === '#VALUE!' || code === '#N/A';

/** A core cell value as Excel passes it: error cells become CustomFunctions.Error objects. */
const excelCell = (v) => (v && typeof v === 'object' && typeof v.error === 'string' ? new CF.Error(v.error) : v);

/**
 * An example's arguments as Excel would pass them, or null where Excel never would:
 * an array for a scalar parameter (Excel lifts the call over the array instead), or
 * more arguments than parameters (Excel refuses the formula).
 */
function excelArgs(f, args) {
  if (args.length > f.params.length) return null;
  const out = [];
  for (const [i, p] of f.params.entries()) {
    const a = i < args.length ? args[i] : null;
    if (Array.isArray(a)) {
      if (!p.takes_range) return null;
      out.push(a.map((row) => (Array.isArray(row) ? row : [row]).map(excelCell)));
    } else {
      // A matrix parameter receives even a single value as a 1×1 matrix.
      out.push(p.takes_range && a !== null ? [[excelCell(a)]] : excelCell(a));
    }
  }
  return out;
}

test('every registry function is associated, once, under its functions.json id', () => {
  const ids = kpi.functions.map((f) => f.id.toUpperCase());
  assert.deepEqual([...addin.standin.associations.keys()], ids);
  assert.deepEqual(addin.fetched, ['sheetkpi_bg.wasm'], 'the WASM is fetched exactly once');
  assert.deepEqual(addin.outside, []);
});

test('every registry example through Excel: the native result, and the expected one', async () => {
  let checked = 0;
  const skipped = [];
  for (const row of native) {
    const f = kpi.functions.find((g) => g.id === row.id);
    const args = excelArgs(f, row.args);
    if (!args) {
      skipped.push(row.formula);
      continue;
    }
    const got = await cell(f.id, args);
    if (Array.isArray(row.native)) {
      // A table spills: every cell as Excel shows it, numbers to the bit (deepStrictEqual: Object.is).
      assert.deepStrictEqual(plain(got), { value: excelTable(row.native) }, row.formula);
    } else if (typeof row.native === 'number') {
      assert.equal(typeof got.value, 'number', `${row.formula}: ${JSON.stringify(got)}`);
      assert.equal(bits(got.value), row.bits, row.formula);
      // Against the independently computed value, by the suite's shared rule (load.mjs).
      assert.ok(sameResult(got.value, row.expected), `${row.formula} vs its independently computed value ${row.expected}`);
    } else if (typeof row.native === 'string') {
      assert.equal(got.value, row.native, row.formula);
      assert.equal(got.value, row.expected, row.formula);
    } else {
      assert.equal(row.native.error, row.expected.error, row.formula);
      assert.equal(got.error, shownCode(row.native.error), `${row.formula}: ${JSON.stringify(got)}`);
      if (takesMessage(got.error)) assert.ok(got.message && got.message.length > 10, `${row.formula} has a message`);
      else assert.equal(got.message, undefined, `${row.formula}: Excel allows no message with ${got.error}`);
    }
    checked++;
  }
  assert.ok(checked >= native.length - skipped.length && checked > 20, `checked ${checked}`);
  // Only examples that no Excel formula can produce are left out, and they are few.
  assert.ok(skipped.length <= native.length / 5, `skipped ${skipped.join(' ; ')}`);
  console.log(`# ${checked} examples checked through Excel; left out (no Excel formula gives these calls): ${skipped.join(' ; ') || 'none'}`);
});

test('Excel input shapes: scalars, [[v]] cells, ranges with empty cells, null optionals', async () => {
  assert.deepEqual(await cell('ROAS', [1000, 100]), { value: 10 });
  assert.deepEqual(await cell('ROAS', [[[1000]], [[100]]]), { value: 10 });
  // =KPI.ROAS(B2:B4, C2:C4) with an empty middle row: Excel sends null (older builds "").
  assert.deepEqual(await cell('ROAS', [[[400], [null], [600]], [[30], [null], [70]]]), { value: 10 });
  assert.deepEqual(await cell('ROAS', [[[400], [''], [600]], [[30], [''], [70]]]), { value: 10 });
  // A 2-D block is summed: (100+200+300) / (1+2+3).
  assert.deepEqual(await cell('CAC', [[[100, 200], [300, null]], [[1, 2], [3, null]]]), { value: 100 });
  assert.deepEqual(await cell('CLV', [50, 4, 3, null]), { value: 600 });
  assert.deepEqual(await cell('CLV', [50, 4, 3, 0.25]), { value: 150 });
  // 0.1 + 0.2 spend over 3 customers: exactly 0.1, not 0.30000000000000004 / 3.
  assert.deepEqual(await cell('CAC', [[[0.1], [0.2]], [[3]]]), { value: 0.1 });
});

test('every error path gives the right ErrorCode, with a message only where Excel shows one', async () => {
  const cases = [
    [['ROAS', [[[1000]], [[0]]]], CF.ErrorCode.divisionByZero],
    [['ROAS', [[['abc']], [[1]]]], CF.ErrorCode.invalidValue, /text "abc"/],
    [['ROAS', [[[true]], [[1]]]], CF.ErrorCode.invalidValue, /TRUE/],
    [['ROAS', [[[-5]], [[1]]]], CF.ErrorCode.invalidNumber],
    [['ROAS', [[[null]], [[1]]]], CF.ErrorCode.notAvailable, /missing/],
    [['ROAS', [null, [[1]]]], CF.ErrorCode.notAvailable, /missing/],
    [['CLV', [50, 4, 3, 1.5]], CF.ErrorCode.invalidNumber],
    [['CLV', [50, 'four', 3, null]], CF.ErrorCode.invalidValue, /four/],
    // Error cells arrive as CustomFunctions.Error objects and propagate with their code…
    [['ROAS', [[[new CF.Error(CF.ErrorCode.divisionByZero)]], [[1]]]], CF.ErrorCode.divisionByZero],
    [['ROAS', [[[1], [new CF.Error(CF.ErrorCode.notAvailable)]], [[1]]]], CF.ErrorCode.notAvailable, /already shows #N\/A/],
    [['ROAS', [[[1]], [[new CF.Error(CF.ErrorCode.nullReference)]]]], CF.ErrorCode.nullReference],
    [['ROAS', [[[new CF.Error(CF.ErrorCode.invalidNumber)]], [[1]]]], CF.ErrorCode.invalidNumber],
    [['CLV', [new CF.Error(CF.ErrorCode.invalidValue), 4, 3, null]], CF.ErrorCode.invalidValue, /already shows #VALUE!/],
    // …except the input-only #REF! and #NAME?, which Excel can't take back as results.
    [['ROAS', [[[new CF.Error(CF.ErrorCode.invalidReference)]], [[1]]]], CF.ErrorCode.invalidValue, /revenue input already shows #REF!/],
    [['CAC', [[[1]], [[new CF.Error(CF.ErrorCode.invalidName)]]]], CF.ErrorCode.invalidValue, /already shows #NAME\?/],
  ];
  for (const [[id, args], code, message] of cases) {
    const got = await cell(id, args);
    assert.equal(got.error, code, `${id}(${JSON.stringify(args)}) → ${JSON.stringify(got)}`);
    if (message) assert.match(got.message, message);
    else assert.equal(got.message, undefined, `${id}: no message allowed with ${code}`);
  }
});

test('a 1,000-row range gives the native blended value, bit for bit', async () => {
  const spend = Array.from({ length: 1000 }, (_, i) => [i % 9 === 0 ? null : (i % 17) + 0.05]);
  const customers = Array.from({ length: 1000 }, (_, i) => [i % 4]);
  const s = spend.flat().filter((x) => x !== null);
  const expected = JSON.parse(nativeCli('eval', '--json', `CAC({${s.join(';')}}, {${customers.flat().join(';')}})`));
  const got = await cell('CAC', [spend, customers]);
  assert.equal(bits(got.value), bits(expected));
});

test('calls that arrive before the WASM is ready wait for it', async () => {
  const fresh = await loadAddin(join(root, 'dist/excel'), { waitReady: false });
  const roas = fresh.standin.associations.get('ROAS');
  const early = roas([[1000]], [[100]]);
  const earlyError = roas([[1000]], [[0]]);
  assert.equal(typeof early.then, 'function', 'before the WASM is ready a call returns a Promise');
  assert.equal(await early, 10);
  const failed = await earlyError.then(
    () => null,
    (e) => e,
  );
  assert.ok(failed instanceof fresh.CustomFunctions.Error && failed.code === '#DIV/0!', 'an early error rejects with the right code');
  await fresh.ready;
  assert.equal(fresh.standin.associations.get('ROAS')([[1000]], [[100]]), 10, 'once ready, calls answer synchronously');
});

test('without its WASM the add-in still answers every call: #N/A with a reason', async () => {
  const broken = mkdtempSync(join(tmpdir(), 'sheetkpi-nowasm-'));
  cpSync(join(root, 'dist/excel'), broken, { recursive: true });
  rmSync(join(broken, 'sheetkpi_bg.wasm'));
  const logged = console.error;
  console.error = () => {}; // the add-in logs the load failure; expected here
  try {
    const addin = await loadAddin(broken, { waitReady: false });
    assert.equal(addin.standin.associations.size, kpi.functions.length, 'associated even before the WASM');
    const got = await addin.cell('ROAS', [[[1000]], [[100]]]);
    assert.equal(got.error, addin.CustomFunctions.ErrorCode.notAvailable);
    assert.match(got.message, /could not load/);
  } finally {
    console.error = logged;
    rmSync(broken, { recursive: true, force: true });
  }
});
