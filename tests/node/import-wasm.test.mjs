// The importer's WASM bundle (pkg-import/) against the native CLI: the same report,
// mapping, warnings and errors for every fixture, and the same audit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { root } from './load.mjs';
import * as imp from '../../pkg-import/sheetkpi_import.js';

imp.initSync({ module: readFileSync(new URL('../../pkg-import/sheetkpi_import_bg.wasm', import.meta.url)) });

const bin = process.env.SHEETKPI_BIN || `${root}target/debug/sheetkpi`;

/** Runs the native CLI; returns {status, stdout, stderr} whatever the exit code. */
function native(...args) {
  try {
    return { status: 0, stdout: execFileSync(bin, args, { cwd: root, encoding: 'utf8', maxBuffer: 256 << 20 }), stderr: '' };
  } catch (e) {
    return { status: e.status, stdout: e.stdout, stderr: e.stderr };
  }
}

const fixtures = ['samples/campaigns.xlsx', ...readdirSync(`${root}tests/fixtures`)
  .filter((f) => /\.(xlsx|xls|ods|csv)$/.test(f))
  .map((f) => `tests/fixtures/${f}`)];

for (const file of fixtures) {
  test(`WASM report equals native: ${file}`, () => {
    const bytes = readFileSync(`${root}${file}`);
    const fileName = file.split('/').pop();
    const wasm = imp.import_report(bytes, { fileName });
    const n = native('report', file, '--format', 'json');
    if (n.status === 0) {
      assert.deepEqual(wasm, JSON.parse(n.stdout));
      assert.ok(Array.isArray(wasm.mapping) && wasm.total.kpis.length === wasm.kpis.length);
    } else {
      assert.equal(n.status, 2);
      assert.ok(wasm.error, `WASM read ${file} but native refused it: ${n.stderr}`);
      // The CLI prints "sheetkpi: FILE: MESSAGE".
      assert.equal(n.stderr.trim(), `sheetkpi: ${file}: ${wasm.message}`);
    }
  });
}

test('WASM CSV rendering equals native', () => {
  for (const file of ['samples/campaigns.xlsx', 'tests/fixtures/no_lo.ods']) {
    const bytes = readFileSync(`${root}${file}`);
    assert.equal(imp.import_render(bytes, { fileName: file }, 'csv'), native('report', file, '--format', 'csv').stdout);
  }
});

test('WASM options: sheet, groupBy, map', () => {
  const bytes = readFileSync(`${root}samples/campaigns.xlsx`);
  const r = imp.import_report(bytes, { groupBy: 'campaign' });
  assert.equal(r.groups.length, 10);
  assert.deepEqual(r, JSON.parse(native('report', 'samples/campaigns.xlsx', '--group-by', 'campaign', '--format', 'json').stdout));
  const missing = imp.import_report(bytes, { sheet: 'Nope' });
  assert.equal(missing.error, 'no_such_sheet');
  const mapped = imp.import_report(readFileSync(`${root}tests/fixtures/no_header.xlsx`), { map: ['revenue=Foo', 'spend=Bar'] });
  const roas = mapped.kpis.findIndex((k) => k.id === 'ROAS');
  assert.equal(mapped.total.kpis[roas], 0.5); // 1 / 2
});

test('WASM audit equals native', () => {
  for (const file of ['tests/fixtures/audit.xlsx', 'tests/fixtures/audit_lo.ods']) {
    const wasm = imp.import_audit(readFileSync(`${root}${file}`), file.split('/').pop());
    const n = native('audit', file, '--json');
    assert.equal(n.status, 1);
    assert.deepEqual(wasm, JSON.parse(n.stdout));
    assert.equal(wasm.mismatches, file.endsWith('.xlsx') ? 4 : 5);
  }
});
