// The importer's WASM (pkg-import/) against the native CLI for CLV: import_clv is the object
// `sheetkpi clv FILE --format json` prints with the same options, import_clv_csv its CSV byte
// for byte, and refusals name what to fix (the same fits natively and in wasm32 to the bit).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { nativeRun, root } from './load.mjs';
import * as imp from '../../pkg-import/sheetkpi_import.js';

imp.initSync({ module: readFileSync(new URL('../../pkg-import/sheetkpi_import_bg.wasm', import.meta.url)) });

const native = nativeRun;

/** 400 customers' transactions over 2024, simulated as the models assume (fixed generator). */
function transactions() {
  let x = 0x2545f491n;
  const unit = () => {
    x = (x * 1103515245n + 12345n) % 2147483648n;
    return Number(x) / 2147483648;
  };
  const lines = ['Customer ID,Order date,Amount'];
  for (let c = 0; c < 400; c++) {
    const rate = [0.01, 0.03, 0.08][Math.floor(unit() * 3)];
    const drop = [0.05, 0.2, 0.5][Math.floor(unit() * 3)];
    const mean = 20 + 180 * unit();
    let d = unit() * 150;
    for (;;) {
      const day = Math.floor(d);
      const date = `2024-${String(Math.floor(day / 28) + 1).padStart(2, '0')}-${String((day % 28) + 1).padStart(2, '0')}`;
      lines.push(`c${c},${date},${(mean * (0.5 + unit())).toFixed(2)}`);
      d += -Math.log(1 - unit()) / rate;
      if (d >= 336 || unit() < drop) break;
    }
  }
  return lines.join('\n') + '\n';
}

const dir = mkdtempSync(join(tmpdir(), 'sheetkpi-clv-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const file = join(dir, 'orders.csv');
writeFileSync(file, transactions());
const bytes = readFileSync(file);

for (const [opts, flags] of [
  [{ unit: 'weeks' }, ['--unit', 'weeks']],
  [{ unit: 'days', end: '2024-11-30', horizon: 90, discount: 0.001, margin: 0.3 }, ['--unit', 'days', '--end', '2024-11-30', '--horizon', '90', '--discount', '0.001', '--margin', '0.3']],
  [{ unit: 'weeks', model: 'pnbd' }, ['--unit', 'weeks', '--model', 'pnbd']],
]) {
  test(`import_clv equals sheetkpi clv ${flags.join(' ')}`, () => {
    const json = native('clv', file, ...flags, '--format', 'json');
    assert.ok(json.status <= 1, json.stderr);
    const wasm = imp.import_clv(bytes, { fileName: 'orders.csv', ...opts });
    assert.deepEqual(wasm, JSON.parse(json.stdout));
    assert.ok(wasm.customers.length === 400 && wasm.spend.params.p > 0);
    const csv = native('clv', file, ...flags, '--format', 'csv');
    assert.equal(imp.import_clv_csv(bytes, { fileName: 'orders.csv', ...opts }), csv.stdout);
    // In Norway's dialect too: `;` and decimal commas.
    const nb = native('clv', file, ...flags, '--format', 'csv', '--locale', 'nb');
    assert.equal(imp.import_clv_csv(bytes, { fileName: 'orders.csv', ...opts }, { locale: 'nb' }), nb.stdout);
    assert.match(nb.stdout, /^\ufeffid;weight;frequency;/);
  });
}

test('import_clv refuses what the CLI refuses, and a mistyped option', () => {
  const n = native('clv', file);
  assert.equal(n.status, 2);
  const w = imp.import_clv(bytes, { fileName: 'orders.csv' });
  assert.equal(w.error, '#VALUE!');
  assert.ok(n.stderr.includes(w.message), `${n.stderr} / ${w.message}`);
  assert.equal(imp.import_clv(bytes, { fileName: 'orders.csv', units: 'weeks' }).error, 'bad_options');
  const unit = imp.import_clv(bytes, { fileName: 'orders.csv', unit: 'fortnights' });
  assert.match(unit.message, /unit "fortnights"/);
  assert.equal(unit.option, 'unit');
  // Numbers as typed in a field are read as a cell is (1% is 0.01); what is no number is named.
  const typed = imp.import_clv(bytes, { fileName: 'orders.csv', unit: 'weeks', horizon: '26', discount: '1%', margin: '30%' });
  assert.deepEqual(typed, imp.import_clv(bytes, { fileName: 'orders.csv', unit: 'weeks', horizon: 26, discount: 0.01, margin: 0.3 }));
  const horizon = imp.import_clv(bytes, { fileName: 'orders.csv', unit: 'weeks', horizon: 'soon' });
  assert.deepEqual([horizon.error, horizon.option, horizon.message], ['bad_options', 'horizon', '"soon" is not a number']);
  const none = imp.import_clv(Buffer.from('spend,clicks\n1,2\n'), { fileName: 'x.csv', unit: 'weeks' });
  assert.equal(none.error, 'no_customers');
  assert.match(none.message, /no customer data found/);
  const bad = imp.import_clv(Buffer.from('frequency,recency,T\n2,5,9\n1,x,8\n'), { fileName: 'b.csv', unit: 'weeks' });
  assert.equal(bad.error, 'bad_cell');
  assert.match(bad.message, /row 3, column B \("recency"\)/);
});
