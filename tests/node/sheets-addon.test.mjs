// The Google Sheets add-on in an Apps Script emulation (js/sheets/emulator.mjs): the
// bundle files from dist/sheets/, in push order, in one V8 context without what Apps
// Script lacks. Every registry example, Sheets-shaped, must equal the native CLI; every
// error must follow the documented convention (an Error whose message is code, space, why).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import { nativeCli, sameResult, bits, root } from './load.mjs';
import { execution, bundleFiles, ABSENT, DIST } from '../../js/sheets/emulator.mjs';
import { sheetsTable, plain } from './table-shapes.mjs';

const native = JSON.parse(nativeCli('examples', '--json'));
const registry = JSON.parse(nativeCli('functions', '--json'));
const sheetsName = new Map(registry.map((f) => [f.id, f.sheets_name]));

/** A registry argument (core JSON shape) as Sheets passes it: blanks "", errors as their code. */
function sheetsArg(a) {
  if (Array.isArray(a)) return a.map((row) => (Array.isArray(row) ? row.map(sheetsCell) : [sheetsCell(row)]));
  return sheetsCell(a);
}
function sheetsCell(c) {
  if (c === null) return '';
  if (typeof c === 'object') return c.error;
  return c;
}

/** Runs `name` and returns {value} or {thrown}. */
async function outcome(ex, name, args) {
  try {
    return { value: await ex.call(name, ...args) };
  } catch (e) {
    return { thrown: e };
  }
}

/** Asserts an outcome equals the native result (numbers bit for bit; errors by convention). */
function assertSame(out, expected, what) {
  if (Array.isArray(expected)) {
    // A table spills as rows; numbers to the bit (deepStrictEqual: Object.is), error cells as their code.
    assert.ok(!out.thrown, `${what}: threw ${out.thrown && out.thrown.message}`);
    assert.deepStrictEqual(plain(out.value), sheetsTable(expected), what);
  } else if (typeof expected === 'object') {
    assert.ok(out.thrown, `${what}: expected a thrown ${expected.error}, got ${JSON.stringify(out.value)}`);
    assert.equal(Object.prototype.toString.call(out.thrown), '[object Error]', `${what}: not an Error`);
    assert.equal(out.thrown.message, `${expected.error} ${expected.message}`, what);
  } else {
    assert.ok(!out.thrown, `${what}: threw ${out.thrown && out.thrown.message}`);
    assert.ok(sameResult(out.value, expected), `${what}: ${out.value} ≠ native ${expected}`);
    if (typeof expected === 'number') assert.equal(bits(out.value), bits(expected), what);
  }
}

test('dist/sheets: V8 manifest, push order, the WASM inlined byte for byte', () => {
  const manifest = JSON.parse(readFileSync(`${DIST}appsscript.json`, 'utf8'));
  assert.equal(manifest.runtimeVersion, 'V8');
  const clasp = JSON.parse(readFileSync(`${DIST}.clasp.json`, 'utf8'));
  assert.deepEqual(clasp.filePushOrder, ['polyfill.js', 'wasm.js', 'sheetkpi.js', 'functions.js', 'addon.js']);
  assert.equal(clasp.rootDir, '.');
  const wasmJs = readFileSync(`${DIST}wasm.js`, 'utf8');
  const b64 = /var SHEETKPI_WASM_BASE64_ = "([A-Za-z0-9+/=]+)";/.exec(wasmJs)[1];
  assert.ok(Buffer.from(b64, 'base64').equals(readFileSync(`${root}pkg/sheetkpi_bg.wasm`)));
  // Nothing in the bundle may load from the network or a module system, nor lean on
  // platform pieces Apps Script's documentation does not promise.
  for (const { name, code } of bundleFiles()) {
    assert.doesNotMatch(code, /\bimport\s*\(|\brequire\s*\(|^\s*(import|export)\s/m, name);
    assert.doesNotMatch(code, /\bIntl\.|\bsetTimeout\b|\batob\(/, name);
  }
});

test('the emulation has WebAssembly and none of what Apps Script lacks', () => {
  const bare = execution({ files: [] });
  for (const g of ABSENT) assert.equal(vm.runInContext(`typeof ${g}`, bare.context), 'undefined', g);
  assert.equal(vm.runInContext('typeof WebAssembly.instantiate', bare.context), 'function');
  // With the bundle loaded, the encoder and decoder are the polyfill's and nothing else appeared.
  const ex = execution();
  for (const g of ABSENT.filter((n) => n !== 'TextEncoder' && n !== 'TextDecoder')) {
    assert.equal(vm.runInContext(`typeof ${g}`, ex.context), 'undefined', g);
  }
  assert.equal(vm.runInContext('new TextDecoder().decode(new TextEncoder().encode("Kundeverdi ✓ 客户"))', ex.context), 'Kundeverdi ✓ 客户');
});

test('every registry example, Sheets-shaped, equals native', async () => {
  assert.ok(native.length >= 30);
  const ex = execution();
  for (const e of native) {
    const out = await outcome(ex, sheetsName.get(e.id), e.args.map(sheetsArg));
    assertSame(out, e.native, `${sheetsName.get(e.id)}: ${e.formula}`);
  }
  assert.equal(ex.counts.instantiate, 1, 'one WASM instantiation for the whole execution');
});

test('every registry example with its whole numbers sent as date cells equals native, in any time zone', async () => {
  // A date cell is its serial day; Sheets sends it as a Date. Round-tripping whole numbers
  // through Dates must not change any result (SALES_CYCLE's date ranges included).
  const zones = ['Etc/UTC', 'America/Los_Angeles', 'Asia/Kolkata', 'Pacific/Kiritimati', 'Australia/Lord_Howe', 'America/St_Johns', 'Pacific/Pago_Pago'];
  const asDate = (ex) => (c) => (typeof c === 'number' && Number.isInteger(c) && c >= 1 && c <= 2958465 ? ex.date(c) : c);
  let dated = 0;
  for (const timeZone of zones) {
    const ex = execution({ timeZone, scriptTimeZone: 'Asia/Tokyo' });
    const toDate = asDate(ex);
    for (const e of native) {
      const args = e.args.map(sheetsArg).map((a) => (Array.isArray(a) ? a.map((r) => r.map(toDate)) : toDate(a)));
      if (timeZone === 'Etc/UTC') dated += args.flat(2).filter((c) => Object.prototype.toString.call(c) === '[object Date]').length;
      assertSame(await outcome(ex, sheetsName.get(e.id), args), e.native, `${timeZone} ${e.formula}`);
    }
  }
  assert.ok(dated >= 20, `only ${dated} date cells exercised`);
});

test('dates convert to the serial day Sheets and Excel show, across zones and DST', async () => {
  // Serial days counted by hand from 1899-12-30: 1900-01-01 is 2; 1900–2023 add 124 × 365
  // + 30 leap days, so 2024-01-01 is 45292 (as Excel shows it too); 1900-03-01 is
  // 2 + 31 + 28 = 61; 2024-03-10, the day US clocks jump forward, is 45292 + 31 + 29 + 9.
  const cases = [
    ['America/Los_Angeles', Date.UTC(2024, 0, 1, 8), 45292],
    ['America/Los_Angeles', Date.UTC(2024, 0, 1, 8 + 18), 45292.75],
    ['America/Los_Angeles', Date.UTC(2024, 2, 10, 12 + 7), 45361.5], // noon PDT
    ['Asia/Kolkata', Date.UTC(2023, 11, 31, 18, 30), 45292],
    ['Pacific/Kiritimati', Date.UTC(2023, 11, 31, 10), 45292],
    ['Etc/UTC', Date.UTC(1900, 2, 1), 61],
  ];
  for (const [timeZone, t, serial] of cases) {
    const ex = execution({ timeZone, scriptTimeZone: 'Europe/Oslo' });
    // CTR(clicks, impressions) = clicks / impressions: a date over 1 is its serial.
    const ctr = registry.find((f) => f.id === 'CTR');
    const out = await outcome(ex, ctr.sheets_name, [new Date(t), 1e9]);
    assert.equal(out.value, serial / 1e9, `${timeZone} ${new Date(t).toISOString()}`);
    // The emulation's Sheets-side conversion agrees with the hand count.
    assert.equal(ex.date(serial).getTime(), t);
  }
});

test('a range of dates and blanks is read like numbers (blended sum of serials)', async () => {
  const ex = execution({ timeZone: 'Europe/Oslo' });
  const roas = registry.find((f) => f.id === 'ROAS').sheets_name;
  const range = [[ex.date(45292)], [''], [ex.date(45293)]];
  assert.equal(await ex.call(roas, range, [[90585]]), 1); // (45292 + 45293) / 90585
});

test('error paths all follow the convention: thrown Error, message "<code> <why>"', async () => {
  const ex = execution();
  const name = (id) => registry.find((f) => f.id === id).sheets_name;
  const clv = registry.find((f) => f.id === 'CLV');
  const cases = [
    [name('ROAS'), [1000, 0], '#DIV/0!'],
    [name('ROAS'), ['abc', 100], '#VALUE!'],
    [name('ROAS'), [true, 100], '#VALUE!'],
    [name('ROAS'), [1000, -100], '#NUM!'],
    [name('ROAS'), ['', 100], '#N/A'],
    [name('ROAS'), [[[''], ['']], 100], '#N/A'],
    [name('ROAS'), [1, 2, 3], '#VALUE!'],
    [name('ROAS'), [[['#REF!']], 1], '#REF!'],
    [name('ROAS'), ['#NAME?', 1], '#NAME?'],
    [name('ROAS'), [[[1], ['#NULL!']], 1], '#NULL!'],
    [name('ROAS'), [[[1, '#DIV/0!']], 1], '#DIV/0!'],
    [name('ROAS'), ['#N/A', 1], '#N/A'],
    [name('ROAS'), ['#ERROR!', 1], '#N/A'], // Sheets' own parse error: the data is not there
    [name('ROAS'), [new Date(NaN), 1], '#NUM!'],
    [name('ROAS'), [1e308, 0.1], '#NUM!'], // beyond the double range (1e308 itself is a result)
    [clv.sheets_name, [[[1, 2]], 4, 3], '#VALUE!'],
  ];
  for (const [fn, args, code] of cases) {
    const out = await outcome(ex, fn, args);
    assert.ok(out.thrown, `${fn}(${args}) returned ${out.value}`);
    assert.equal(Object.prototype.toString.call(out.thrown), '[object Error]');
    assert.ok(out.thrown.message.startsWith(`${code} `), `${fn}(${JSON.stringify(args)}): "${out.thrown.message}" should start with ${code}`);
    assert.ok(out.thrown.message.length > code.length + 10, `no explanation in "${out.thrown.message}"`);
  }
});

test('omitted arguments: trailing ones take defaults, a skipped middle one is blank', async () => {
  const ex = execution();
  const clv = registry.find((f) => f.id === 'CLV');
  const required = clv.params.filter((p) => !p.optional).length;
  assert.ok(required < clv.params.length, 'CLV has an optional parameter');
  // Same native example, with and without explicit trailing undefined / "" for optionals.
  const e = native.find((x) => x.id === 'CLV' && typeof x.native === 'number' && x.args.length === required);
  assert.ok(e, 'a CLV example with only required arguments');
  const args = e.args.map(sheetsArg);
  assertSame(await outcome(ex, clv.sheets_name, args), e.native, 'required only');
  assertSame(await outcome(ex, clv.sheets_name, [...args, undefined]), e.native, 'trailing undefined');
  assertSame(await outcome(ex, clv.sheets_name, [...args, '']), e.native, 'trailing blank cell');
});

test('the WASM is instantiated once per execution and reused by every call in it', async () => {
  const first = execution();
  const calls = [];
  for (let i = 0; i < 25; i++) calls.push(first.call('ROAS', 1000 + i, 100), first.call('CAC', [[100], [200]], [[1], [3]]));
  const results = await Promise.all(calls);
  assert.equal(results[0], 10);
  assert.equal(results[1], 75);
  for (let i = 0; i < 10; i++) await first.call('ROI', 15000, 10000);
  assert.equal(first.counts.instantiate, 1);
  // A new execution (Sheets may run each call in a fresh one) starts over.
  const second = execution();
  assert.equal(second.counts.instantiate, 0);
  assert.equal(await second.call('ROAS', 1000, 100), 10);
  assert.equal(second.counts.instantiate, 1);
  assert.equal(first.counts.instantiate, 1);
});

test('the time zone is asked for once per execution and only when a date arrives', async () => {
  const ex = execution({ timeZone: 'Asia/Kolkata' });
  await ex.call('ROAS', 1000, 100);
  assert.equal(ex.counts.timeZone, 0);
  await ex.call('ROAS', [[ex.date(45292)], [ex.date(45292)]], 1);
  await ex.call('ROAS', ex.date(45300), 1);
  assert.equal(ex.counts.timeZone, 1);
  assert.equal(ex.counts.formatDate, 2, 'each distinct instant formatted once');
});

test('file order does not matter: no bundle file does work at load time', async () => {
  const files = bundleFiles().reverse();
  const ex = execution({ files });
  assert.equal(await ex.call('ROAS', 1000, 100), 10);
});
