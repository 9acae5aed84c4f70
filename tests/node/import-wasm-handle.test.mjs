// The page's workbook handle (ImportWorkbook, src/import/wasm_handle.rs) against the free
// functions, in the real import WASM: for the same file and options its summary, row
// pages, CSV/JSON/table text and xlsx are what import_report, import_render and
// import_xlsx give, on the samples, a fixture CSV and a generated 20,000-row CSV; and a
// freed handle leaves the instance ready for the next.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { root } from './load.mjs';
import { xlsxParts } from './xlsx-parts.mjs';
import * as imp from '../../pkg-import/sheetkpi_import.js';

imp.initSync({ module: readFileSync(new URL('../../pkg-import/sheetkpi_import_bg.wasm', import.meta.url)) });

/** A campaign CSV of `n` rows over 8 channels, the same bytes for the same `n`. */
function campaignCsv(n) {
  const channels = ['Google Ads', 'Meta', 'LinkedIn', 'Email', 'TikTok', 'Display', 'Affiliates', 'Podcasts'];
  let seed = 7;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const lines = ['Channel,Campaign,Date,Spend,Revenue,Impressions,Clicks,Conversions'];
  for (let i = 0; i < n; i++) {
    const impressions = 1000 + Math.floor(rand() * 100000);
    const clicks = Math.floor(impressions * rand() * 0.03);
    // Some empty and zero cells, so errors (#DIV/0!) and blanks are in the rows too.
    const spend = i % 53 === 0 ? '' : (Math.round(rand() * 500000) / 100).toFixed(2);
    lines.push([channels[i % 8], `C${i % 41}`, `2024-${String((i % 12) + 1).padStart(2, '0')}-01`, spend, (rand() * 9000).toFixed(2), impressions, clicks, i % 17 === 0 ? 0 : Math.floor(clicks * 0.05)].join(','));
  }
  return Buffer.from(lines.join('\n') + '\n');
}

const files = [
  ...readdirSync(`${root}samples`).filter((f) => f.endsWith('.xlsx')).map((f) => [f, readFileSync(`${root}samples/${f}`)]),
  ['en.csv', readFileSync(`${root}tests/fixtures/en.csv`)],
  ['generated-20000.csv', campaignCsv(20000)],
];

/** What the free functions give for `bytes` and `opts`, the way the page took it before the handle. */
function fresh(bytes, opts) {
  const { rows, ...rest } = imp.import_report(bytes, opts);
  return { summary: { ...rest, rowCount: rows.length }, rows };
}

/** Asserts the handle's every answer equals the free functions' for its kept options. */
function assertSame(book, bytes, opts) {
  const want = fresh(bytes, opts);
  assert.deepEqual(book.summary(), want.summary);
  const all = book.rows(undefined, 0, 1e9);
  assert.equal(all.total, want.rows.length);
  assert.deepEqual(all.rows, want.rows);
  assert.deepEqual(book.rows(null, 3, 7), { rows: want.rows.slice(3, 10), total: want.rows.length });
  assert.deepEqual(book.rows(null, want.rows.length - 2, 50).rows, want.rows.slice(-2));
  for (const g of want.summary.groups) {
    const members = want.rows.filter((r) => r.group === g.group);
    assert.deepEqual(book.rows(g.group, 0, 1e9), { rows: members, total: members.length });
    assert.deepEqual(book.rows(g.group, 1, 2), { rows: members.slice(1, 3), total: members.length });
  }
  assert.deepEqual(book.rows('no such group', 0, 10), { rows: [], total: 0 });
  for (const format of ['csv', 'table', 'json']) {
    const text = imp.import_render(bytes, opts, format);
    assert.equal(book.render(format, opts), text, format);
    assert.equal(book.render(format, undefined), text, `${format}, kept options`);
  }
  assert.deepEqual(xlsxParts(book.xlsx(opts)), xlsxParts(imp.import_xlsx(bytes, opts)));
}

for (const [fileName, bytes] of files) {
  test(`the handle answers as the free functions: ${fileName}`, () => {
    const book = new imp.ImportWorkbook(bytes);
    try {
      const opts = { fileName, map: [] };
      assert.ok(!book.report(opts).error);
      assertSame(book, bytes, opts);
      // New column choices from the kept bytes: the report kept is the new one.
      const byCampaign = { fileName, map: [], groupBy: 'campaign' };
      const s = book.report(byCampaign);
      if (!s.error) assertSame(book, bytes, byCampaign);
      // Options other than the kept report's: computed anew, the kept one untouched.
      assert.equal(book.render('csv', opts), imp.import_render(bytes, opts, 'csv'));
      if (!s.error) assert.deepEqual(book.summary(), fresh(bytes, byCampaign).summary);
    } finally {
      book.free();
    }
  });
}

test('a bad choice leaves the kept report; errors are the free functions\'', () => {
  const bytes = readFileSync(`${root}samples/campaigns.xlsx`);
  const book = new imp.ImportWorkbook(bytes);
  try {
    assert.deepEqual(book.summary(), { error: 'internal', message: 'no report has been computed for this workbook' });
    const opts = { fileName: 'campaigns.xlsx' };
    const first = book.report(opts);
    const bad = { fileName: 'campaigns.xlsx', map: ['spend=No such column'] };
    assert.deepEqual(book.report(bad), imp.import_report(bytes, bad));
    assert.deepEqual(book.summary(), first);
    assert.deepEqual(book.render('csv', bad), imp.import_render(bytes, bad, 'csv'));
    assert.deepEqual(book.render('pdf', opts), imp.import_render(bytes, opts, 'pdf'));
    const truncated = readFileSync(`${root}tests/fixtures/truncated.xlsx`);
    const t = new imp.ImportWorkbook(truncated);
    assert.deepEqual(t.report({ fileName: 'truncated.xlsx' }), imp.import_report(truncated, { fileName: 'truncated.xlsx' }));
    t.free();
  } finally {
    book.free();
  }
});

test('journeys and customers from the kept bytes equal the free functions\'', () => {
  for (const file of ['tests/fixtures/journeys/touches_en.csv', 'tests/fixtures/journeys/paths_zh_hant.xlsx']) {
    const bytes = readFileSync(`${root}${file}`);
    const fileName = file.split('/').pop();
    const book = new imp.ImportWorkbook(bytes);
    try {
      assert.deepEqual(book.journeys_detect(fileName), imp.import_journeys_detect(bytes, fileName));
      const opts = { fileName, order: '2' };
      assert.deepEqual(book.attribute(opts), imp.import_attribute(bytes, opts));
      assert.equal(book.attribute_csv(opts), imp.import_attribute_csv(bytes, opts));
      assert.deepEqual(book.clv({ fileName }), imp.import_clv(bytes, { fileName }));
      assert.deepEqual(book.clv_csv({ fileName }), imp.import_clv_csv(bytes, { fileName }));
    } finally {
      book.free();
    }
  }
});

test('after free() a new handle works, and the freed one refuses', () => {
  const [fileName, bytes] = files[files.length - 1];
  const opts = { fileName };
  for (let i = 0; i < 3; i++) {
    const book = new imp.ImportWorkbook(bytes);
    assert.equal(book.report(opts).rowCount, 20000);
    assert.equal(book.render('csv', opts), imp.import_render(bytes, opts, 'csv'));
    book.free();
    assert.throws(() => book.summary(), /null pointer|destroyed|moved/);
  }
  const sample = readFileSync(`${root}samples/campaigns.xlsx`);
  const book = new imp.ImportWorkbook(sample);
  assert.deepEqual(book.report({ fileName: 'campaigns.xlsx' }), fresh(sample, { fileName: 'campaigns.xlsx' }).summary);
  book.free();
});

/** A handle filled as the page's worker fills it: reserve, then the Blob's stream chunk by chunk. */
async function streamedIn(bytes, chunkSize) {
  const book = imp.ImportWorkbook.reserve(bytes.length);
  assert.ok(book, 'room for the file');
  // A Blob of several parts streams in several chunks, as a large File does in the browser.
  const parts = [];
  for (let at = 0; at < bytes.length; at += chunkSize) parts.push(bytes.subarray(at, at + chunkSize));
  const reader = new Blob(parts).stream().getReader();
  let chunks = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    assert.equal(book.append(value), true);
    chunks++;
  }
  return { book, chunks };
}

for (const [fileName, bytes] of files) {
  test(`${fileName} streamed into a handle chunk by chunk reads as the bytes handed over whole`, async () => {
    const { book, chunks } = await streamedIn(bytes, 4093);
    try {
      assert.ok(chunks >= Math.min(2, Math.ceil(bytes.length / 65536)), `${chunks} chunks`);
      const opts = { fileName };
      assert.equal(book.report(opts).error, undefined);
      assertSame(book, bytes, opts);
    } finally {
      book.free();
    }
  });
}

test('a handle streamed in empty reports the empty file as the bytes path does', async () => {
  const book = imp.ImportWorkbook.reserve(0);
  try {
    assert.deepEqual(book.report({ fileName: 'empty.csv' }), imp.import_report(new Uint8Array(0), { fileName: 'empty.csv' }));
  } finally {
    book.free();
  }
});

for (const [fileName, bytes] of files) {
  test(`${fileName}: the CSV taken in parts, as the page's download takes it, is the CSV whole`, () => {
    const book = new imp.ImportWorkbook(bytes);
    try {
      const opts = { fileName };
      assert.equal(book.keeps(opts), false, 'no report kept yet');
      book.report(opts);
      assert.equal(book.keeps(opts), true);
      assert.equal(book.keeps({ fileName, groupBy: 'no such column' }), false);
      for (const dialect of [undefined, { locale: 'nb' }]) {
        const whole = imp.import_render(bytes, opts, 'csv', dialect);
        for (const size of [1, 997, 20000]) {
          const parts = [];
          for (let from = 0; ; from += size) {
            const part = book.csv_part(from, size, dialect);
            assert.equal(typeof part, 'string');
            if (part === '') break;
            parts.push(part);
          }
          assert.equal(parts.join(''), whole, `parts of ${size} lines in ${JSON.stringify(dialect)}`);
          assert.equal(parts.length, Math.ceil((whole.split("\n").length - 1) / size));
        }
      }
    } finally {
      book.free();
    }
  });
}
