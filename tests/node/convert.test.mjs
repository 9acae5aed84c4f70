// `sheetkpi convert` end to end on a workbook from another real writer (SheetJS): Excel's
// stored form of a KPI call becomes the Sheets name and back, every other cell stays as it
// was, and LibreOffice headless opens the original and both converted files alike.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import XLSX from 'xlsx';
import { nativeRun as cli } from './load.mjs';
import { libreOfficeAs } from './libreoffice.mjs';

const work = mkdtempSync(join(tmpdir(), 'sheetkpi-convert-'));
after(() => rmSync(work, { recursive: true, force: true }));

test('Excel → Sheets → Excel renames the KPI calls and gives back the original', () => {
  const ws = XLSX.utils.aoa_to_sheet([
    ['KPI.ROAS(B2,C2)', 'Spend', 'Revenue', 'ROAS'],
    ['Search', 100, 1000, 10],
    ['Social', 50, 80, 1.6],
  ]);
  ws.D2 = { t: 'n', v: 10, f: '_xldudf_KPI_ROAS(C2,B2)' };
  ws.D3 = { t: 'n', v: 1.6, f: 'IF(_xldudf_KPI_ROAS(C3,B3)>0,_xldudf_KPI_ROAS(C3,B3),SUM(B3:C3))' };
  ws.E2 = { t: 'n', v: 1100, f: 'SUM(B2:C2)' };
  ws['!ref'] = 'A1:E3';
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, 'Data');
  const original = join(work, 'excel.xlsx');
  XLSX.writeFile(wb, original);

  const sheets = join(work, 'sheets.xlsx');
  const toSheets = cli('convert', original, '--to', 'sheets', '--out', sheets);
  assert.equal(toSheets.status, 0, toSheets.stderr);
  assert.match(toSheets.stderr, /renamed 3 KPI calls in 2 formulas for Google Sheets/);
  const back = join(work, 'back.xlsx');
  const toExcel = cli('convert', sheets, '--to', 'excel', '--out', back);
  assert.equal(toExcel.status, 0, toExcel.stderr);

  const read = (f) => XLSX.readFile(f).Sheets.Data;
  const [o, s, b] = [read(original), read(sheets), read(back)];
  assert.equal(s.D2.f, 'ROAS(C2,B2)');
  assert.equal(s.D3.f, 'IF(ROAS(C3,B3)>0,ROAS(C3,B3),SUM(B3:C3))');
  for (const cell of ['A1', 'B2', 'C3', 'E2']) {
    assert.deepEqual([s[cell].v, s[cell].f], [o[cell].v, o[cell].f], `${cell} in the Sheets file`);
  }
  for (const cell of ['A1', 'B2', 'C3', 'D2', 'D3', 'E2']) {
    assert.deepEqual([b[cell].v, b[cell].f], [o[cell].v, o[cell].f], `${cell} after the round trip`);
  }

  const [lo, loSheets, loBack] = [original, sheets, back].map((f) => libreOfficeAs(f, 'csv', work));
  assert.match(lo, /^"KPI\.ROAS\(B2,C2\)",Spend,Revenue,ROAS,\nSearch,100,1000,10,1100\n/, lo);
  assert.equal(loBack, lo, 'LibreOffice reads the round trip as the original');
  assert.equal(loSheets.split('\n')[0], lo.split('\n')[0], 'and the Sheets file\'s text cells alike');
});

test('convert refuses to write over its input and names formats it cannot rewrite', () => {
  const csv = join(work, 'a.csv');
  execFileSync('bash', ['-c', `printf 'Channel,Spend\\nSearch,1\\n' > ${csv}`]);
  const r = cli('convert', csv, '--to', 'sheets', '--out', join(work, 'a.xlsx'));
  assert.equal(r.status, 2);
  assert.match(r.stderr, /convert rewrites xlsx and xlsm workbooks.*save it as xlsx first/);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['Spend'], [1]]), 'Data');
  const book = join(work, 'same.xlsx');
  XLSX.writeFile(wb, book);
  const before = readFileSync(book);
  const same = cli('convert', book, '--to', 'sheets', '--out', book);
  assert.equal(same.status, 2);
  assert.match(same.stderr, /refusing to write over the input file/);
  assert.deepEqual(readFileSync(book), before);
});
