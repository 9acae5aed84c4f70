// The importer's WASM bundle (pkg-import/) against the native CLI: the same report,
// mapping, warnings and errors (remedies worded for each) for every fixture, the same
// live-formula xlsx, and the same audit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { nativeRun, root } from './load.mjs';
import * as imp from '../../pkg-import/sheetkpi_import.js';
import { xlsxParts } from './xlsx-parts.mjs';

imp.initSync({ module: readFileSync(new URL('../../pkg-import/sheetkpi_import_bg.wasm', import.meta.url)) });

const native = nativeRun;

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
      // The CLI prints "sheetkpi: FILE: MESSAGE". The facts are the same; a remedy that is a
      // setting (the cell limit, the column mapping) is the last line, in each surface's words.
      const remedied = ['too_large', 'no_header'].includes(wasm.error);
      const facts = (m) => (remedied ? m.split('\n').slice(0, -1).join('\n') : m);
      assert.equal(facts(n.stderr.trim()), `sheetkpi: ${file}: ${facts(wasm.message)}`);
      assert.doesNotMatch(wasm.message, /--/, 'the page has no command-line flags');
      if (remedied) assert.match(n.stderr, /--max-cells N|--map role=header/);
    }
  });
}

// The CSV dialect as the page states it, and the CLI's flags for the same dialect.
const dialects = [
  [undefined, []],
  [{ locale: 'nb' }, ['--locale', 'nb']],
  [{ locale: 'zh-Hant', bom: false, delimiter: 'tab', decimal: 'comma' }, ['--locale', 'zh-Hant', '--no-bom', '--delimiter', 'tab', '--csv-decimal', 'comma']],
];

test('WASM CSV rendering equals native, in each CSV dialect', () => {
  for (const file of ['samples/campaigns.xlsx', 'tests/fixtures/no_lo.ods']) {
    const bytes = readFileSync(`${root}${file}`);
    for (const [dialect, flags] of dialects) {
      assert.equal(imp.import_render(bytes, { fileName: file }, 'csv', dialect), native('report', file, '--format', 'csv', ...flags).stdout, flags.join(' '));
    }
  }
  const bytes = readFileSync(`${root}samples/campaigns.xlsx`);
  assert.deepEqual(imp.import_render(bytes, {}, 'csv', { locale: 'fr' }), { error: 'bad_options', message: 'locale "fr" is not one of en, nb, zh-Hans, zh-Hant' });
  assert.equal(imp.import_render(bytes, {}, 'csv', { colour: 'red' }).error, 'bad_options', 'a mistyped setting is refused');
});

// Natively the xlsx's cells are read on a thread of their own and the CSV's data rows are
// written in batches of 4,096 on every core (src/import/read_ahead.rs, render::csv_rows);
// the WASM does both on one thread. 30,001 rows cross many batches and a last part-full one.
test('WASM CSV rendering equals native across many batches of rows (xlsx and csv)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sheetkpi-batches-'));
  try {
    for (const ext of ['xlsx', 'csv']) {
      const file = join(dir, `campaigns.${ext}`);
      execFileSync(process.execPath, [`${root}bench/import-workbook.mjs`, '30001', file]);
      const bytes = readFileSync(file);
      const n = native('report', file, '--format', 'csv');
      assert.equal(n.status, 0, n.stderr);
      assert.equal(n.stdout.split('\n').filter((l) => l.startsWith('row,')).length, 30001);
      assert.equal(imp.import_render(bytes, { fileName: `campaigns.${ext}` }, 'csv'), n.stdout, ext);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('WASM xlsx report equals native, part for part', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sheetkpi-xlsx-'));
  try {
    for (const [file, groupBy] of [['samples/campaigns.xlsx', 'campaign'], ['tests/fixtures/no_lo.ods'], ['tests/fixtures/zh_hant_merged.xlsx'], ['tests/fixtures/en.csv']]) {
      const fileName = file.split('/').pop();
      const wasm = imp.import_xlsx(readFileSync(`${root}${file}`), { fileName, groupBy });
      assert.ok(wasm instanceof Uint8Array, `${file}: ${JSON.stringify(wasm)}`);
      const out = join(dir, `${fileName}.xlsx`);
      const n = native('report', file, ...(groupBy ? ['--group-by', groupBy] : []), '--format', 'xlsx', '--out', out);
      assert.equal(n.status, 0, n.stderr);
      const [got, want] = [await xlsxParts(wasm), await xlsxParts(readFileSync(out))];
      assert.ok(Object.keys(want).some((p) => p.endsWith('xl/worksheets/sheet1.xml')), Object.keys(want).join());
      assert.deepEqual(got, want, file);
    }
    const bad = imp.import_xlsx(readFileSync(`${root}tests/fixtures/truncated.xlsx`), { fileName: 'truncated.xlsx' });
    assert.equal(bad.error, 'corrupt');
    assert.match(bad.message, /truncated or corrupt/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
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

// import_attribute is the object `sheetkpi attribute --model all --format json` prints,
// for every journey fixture; a workbook without journeys is an error in the page's words.
const journeyDir = `${root}tests/fixtures/journeys`;
for (const f of readdirSync(journeyDir).filter((f) => /\.(xlsx|ods|csv)$/.test(f)).sort()) {
  test(`WASM attribution equals native: journeys/${f}`, () => {
    const bytes = readFileSync(`${journeyDir}/${f}`);
    const wasm = imp.import_attribute(bytes, { fileName: f });
    const n = native('attribute', `tests/fixtures/journeys/${f}`, '--model', 'all', '--format', 'json');
    const found = imp.import_journeys_detect(bytes, f);
    if (n.status === 2) {
      assert.equal(typeof wasm.error, 'string');
      assert.doesNotMatch(wasm.message, /--[a-z]/, 'no CLI flags in a page message');
      assert.equal(found, null);
      return;
    }
    assert.deepEqual(wasm, JSON.parse(n.stdout));
    assert.deepEqual(found, { sheet: wasm.source.sheet, shape: wasm.source.shape });
  });
}

// With options, import_attribute is the CLI with the same flags (JSON text, parsed) and
// import_attribute_csv its CSV, byte for byte; the options may be numbers or typed text.
const withOptions = [
  [{ order: 3, halfLife: 2, firstShare: 0.3, lastShare: 0.5, direct: 'email' }, ['--order', '3', '--half-life', '2', '--position-shares', '0.3,0.5', '--direct', 'email']],
  [{ order: '2', lookbackDays: '7', firstShare: '30%', lastShare: '50%', halfLife: '0.5', models: ['markov', 'first'], transitionMatrix: true }, ['--order', '2', '--lookback-days', '7', '--position-shares', '30%,50%', '--half-life', '0.5', '--model', 'markov,first', '--transition-matrix']],
];
for (const f of ['paths_ca.csv', 'paths_en.csv', 'touches_en.csv', 'touches_zh_hans.xlsx']) {
  test(`WASM attribution with options equals native with the same flags: journeys/${f}`, () => {
    const bytes = readFileSync(`${journeyDir}/${f}`);
    for (const [opts, flags] of withOptions) {
      const path = `tests/fixtures/journeys/${f}`;
      const json = native('attribute', path, ...flags, '--format', 'json');
      assert.equal(json.status, 0, json.stderr);
      assert.deepEqual(imp.import_attribute(bytes, { fileName: f, ...opts }), JSON.parse(json.stdout), JSON.stringify(opts));
      for (const [dialect, csvFlags] of dialects) {
        const csv = native('attribute', path, ...flags.filter((x) => x !== '--transition-matrix'), '--format', 'csv', ...csvFlags);
        assert.equal(imp.import_attribute_csv(bytes, { fileName: f, ...opts }, dialect), csv.stdout, JSON.stringify([opts, dialect]));
      }
    }
  });
}

test('import_attribute: an option that cannot be read names itself; the defaults are the CLI\'s', () => {
  const bytes = readFileSync(`${journeyDir}/touches_en.csv`);
  assert.deepEqual(imp.import_attribute(bytes, { lookbackDays: 'abc' }), { error: 'bad_options', option: 'lookbackDays', message: '"abc" is not a number' });
  assert.deepEqual(imp.import_attribute_csv(bytes, { order: 9 }), { error: 'bad_options', option: 'order', message: 'the Markov order is a whole number from 1 to 4' });
  assert.equal(imp.import_attribute(bytes, { lookback: 3 }).error, 'bad_options');
  assert.equal(imp.import_attribute(bytes, { lookbackDays: 0 }).error, 'engine');
  assert.deepEqual(imp.import_attribute_defaults(), { order: 1, orders: [1, 2, 3, 4], lookbackDays: 30, firstShare: 0.4, lastShare: 0.4, halfLife: 7, direct: 'Direct' });
});

test('import_journeys_detect: a campaign workbook holds no journeys', () => {
  assert.equal(imp.import_journeys_detect(readFileSync(`${root}samples/campaigns.xlsx`), 'campaigns.xlsx'), null);
});

test('WASM decimal option equals native --decimal, and a bad one names itself', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sheetkpi-decimal-'));
  try {
    const file = join(dir, 'semi.csv');
    const text = 'Channel;Spend;Revenue\nSearch;100.250;400\nSocial;2.500;300\n';
    execFileSync('sh', ['-c', `printf '%s' "$1" > "$2"`, 'sh', text, file]);
    const bytes = readFileSync(file);
    for (const decimal of ['auto', 'point', 'comma']) {
      const wasm = imp.import_report(bytes, { fileName: 'semi.csv', decimal });
      const n = native('report', file, '--format', 'json', '--decimal', decimal);
      assert.equal(n.status, 0, n.stderr);
      const want = JSON.parse(n.stdout);
      assert.deepEqual(wasm, want);
    }
    const spend = (d) => imp.import_report(bytes, { fileName: 'semi.csv', decimal: d }).rows.map((r) => r.values[0]);
    assert.deepEqual(spend('point'), [100.25, 2.5]);
    assert.deepEqual(spend('auto'), [100250, 2500]);
    const bad = imp.import_report(bytes, { fileName: 'semi.csv', decimal: 'sideways' });
    assert.equal(bad.error, 'bad_options');
    assert.match(bad.message, /auto, point or comma/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
