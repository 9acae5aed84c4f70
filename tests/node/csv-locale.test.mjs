// The report's CSV as spreadsheets in Norway and China open it: LibreOffice headless, an
// independent spreadsheet, imports `sheetkpi report FILE --format csv --locale L` with that
// locale's CSV settings (its field separator and its language, which decides the decimal
// mark), and every field reads back as the report's JSON has it: the file's own headers,
// each number as the same double, each error as its code, formula-like text as text. The
// same file read with another locale's settings does not give the numbers back, so the
// check can fail. (Debian's libreoffice-calc-nogui and python3-uno, installed by scripts/test.sh.)
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nativeRun, root } from './load.mjs';
import { libreOfficeCells } from './libreoffice.mjs';

const work = mkdtempSync(join(tmpdir(), 'sheetkpi-csv-locale-'));
after(() => rmSync(work, { recursive: true, force: true }));

// LibreOffice's CSV import settings for each locale: the field separator (as a character
// code) and the language (a Windows LCID), as a user there has them.
const LOCALES = {
  nb: { sep: ';', lcid: 1044 }, // Norwegian Bokmål: ; and decimal commas
  'zh-Hans': { sep: ',', lcid: 2052 }, // Chinese (PRC)
  'zh-Hant': { sep: ',', lcid: 1028 }, // Chinese (Taiwan)
  en: { sep: ',', lcid: 1033 },
};
/** The cells of `csv` as LibreOffice's CSV import reads them with a locale's settings. */
const readBack = (csv, { sep, lcid }) =>
  Object.values(libreOfficeCells(csv, { filter: 'Text - txt - csv (StarCalc)', options: `${sep.charCodeAt(0)},34,76,1,,${lcid}` }).sheets)[0];

// A messy Norwegian CSV: a text revenue cell (#VALUE!), no spend (#DIV/0!), more clicks
// than impressions (#NUM!), a decimal comma, a formula-like channel name.
const messy = join(work, 'messy.csv');
writeFileSync(messy, 'Kanal;Kostnad;Inntekt;Klikk;Visninger\nSøk;1000;n/a;50;1000\nSosiale medier;0;1200;80;40\n=HYPERLINK("x");500;1500,5;10;100\n');
const files = ['samples/campaigns.xlsx', 'tests/fixtures/no.xlsx', 'tests/fixtures/zh_hans_1904.xlsx', 'tests/fixtures/zh_hant_lo.ods', messy];

function run(...args) {
  const r = nativeRun(...args);
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

/** The report's lines as the CSV must read back: each field as the JSON has it. */
function expected(report) {
  const blanks = report.labels.map(() => '');
  const line = (level, l) => [level, l.row ?? '', l.group ?? '', ...(l.labels || blanks), ...l.values, ...l.kpis];
  return [
    ['level', 'row', 'group', ...report.labels, ...report.measure_headers, ...report.kpis.map((k) => k.id)],
    ...report.rows.map((l) => line('row', l)),
    ...report.groups.map((l) => line('group', l)),
    line('total', report.total),
  ];
}

/** Text as the CSV writes it: a formula-like text behind `'` (OWASP's rule). */
const safe = (t) => (/^[=+\-@\t\r]/.test(t) ? `'${t}` : t);

/** Whether LibreOffice's cell is the JSON's field; a message when it is not. */
function mismatch(cell, want) {
  const shown = cell ? `${cell.t === 'n' ? 'number' : 'text'} ${JSON.stringify(cell.t === 'n' ? cell.v : cell.s)}` : 'empty';
  if (typeof want === 'number') {
    return cell?.t === 'n' && Object.is(cell.v, want) ? null : `the number ${want}, read as ${shown}`;
  }
  if (want && typeof want === 'object') {
    return cell?.t === 's' && cell.s === want.error ? null : `the error ${want.error}, read as ${shown}`;
  }
  const text = safe(String(want ?? ''));
  if (text === '') return cell === null || cell === undefined ? null : `nothing, read as ${shown}`;
  if (cell?.t === 's' && cell.s === text) return null;
  // A label that looks like a number or a date is read as one and shown as written, as any
  // spreadsheet does.
  if (cell?.t === 'n' && cell.s === text) return null;
  return `the text ${JSON.stringify(text)}, read as ${shown}`;
}

for (const file of files) {
  const name = file.startsWith(work) ? 'a messy Norwegian CSV' : file;
  test(`${name}: the CSV reads back in LibreOffice as the JSON has it, with each locale's settings`, () => {
    const want = expected(JSON.parse(run('report', file, '--format', 'json')));
    for (const [locale, settings] of Object.entries(LOCALES)) {
      const csv = join(work, `report-${locale}.csv`);
      run('report', file, '--locale', locale, '--out', csv);
      const got = readBack(csv, settings);
      assert.equal(got.length, want.length, `${locale}: lines`);
      const bad = [];
      want.forEach((line, i) => line.forEach((field, j) => {
        const why = mismatch(got[i][j], field);
        if (why) bad.push(`${locale} line ${i + 1} field ${j + 1}: ${why}`);
      }));
      assert.deepEqual(bad.slice(0, 10), [], `${bad.length} fields differ`);
    }
  });
}

test('a Norwegian CSV read with English settings does not give its decimals back (the check can fail)', () => {
  const csv = join(work, 'nb-as-en.csv');
  run('report', messy, '--locale', 'nb', '--out', csv);
  const want = expected(JSON.parse(run('report', messy, '--format', 'json')));
  const got = readBack(csv, { sep: ';', lcid: 1033 });
  const decimals = [];
  want.forEach((line, i) => line.forEach((field, j) => {
    if (typeof field === 'number' && !Number.isInteger(field)) decimals.push(mismatch(got[i][j], field));
  }));
  assert.ok(decimals.length > 5, 'the messy file has decimals');
  assert.ok(decimals.every((why) => why !== null), `every decimal is misread with English settings: ${decimals}`);
});

test('the CSV starts with the byte-order mark, and --no-bom leaves it out', () => {
  assert.ok(run('report', join(root, 'samples/campaigns.xlsx'), '--format', 'csv').startsWith('\ufefflevel,row,group,'));
  assert.ok(run('report', join(root, 'samples/campaigns.xlsx'), '--format', 'csv', '--no-bom').startsWith('level,row,group,'));
});
