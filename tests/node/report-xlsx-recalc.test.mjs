// The report's xlsx recalculated by another spreadsheet: LibreOffice headless opens the
// xlsx `sheetkpi report FILE --out R.xlsx` writes, recalculates every formula
// (calculateAll, through its UNO bridge: tests/oracle/libreoffice_cells.py) and every KPI
// cell, row, group and total, and every sum, equals the report's JSON: the same error
// where the report has one, the same number where it has one (to the last bit, or within
// a few units in the last place where binary arithmetic rounds twice and the report, exact,
// rounds once). Clean workbooks and messy ones: text where numbers belong, blanks, zeros,
// negatives, more clicks than impressions, a group with no number at all, and the same
// messy data as LibreOffice itself saves it in xlsx. Then one input is edited: the cells
// that move are exactly those whose value differs in the report of the edited data, and
// they move to its values. (Debian's libreoffice-calc-nogui and python3-uno.)
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nativeRun } from './load.mjs';
import { libreOfficeCells } from './libreoffice.mjs';

const work = mkdtempSync(join(tmpdir(), 'sheetkpi-xlsx-recalc-'));
after(() => rmSync(work, { recursive: true, force: true }));

function run(...args) {
  const r = nativeRun(...args);
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

// Messy data: text revenue (#VALUE! in its row, left out of the sums), a blank spend
// (#N/A), no spend (#DIV/0!), a negative spend (#NUM!, also for its group whose sum is
// positive), more clicks than impressions (#NUM!), and a group whose revenue is all text.
const MESSY = [
  'Channel,Spend,Revenue,Clicks,Impressions,Conversions,Visitors',
  'Search,1000,4000,50,1000,5,40',
  'Search,500,n/a,20,400,2,30',
  'Social,,1200,80,40,4,20',
  'Social,0,300,10,100,1,10',
  'Video,200,900,10,500,0,0',
  'Video,-50,100,5,100,1,5',
  'Email,300,TBD,30,300,3,30',
  'Email,150,1500.25,12,700,2,25',
  'Print,100,none,3,90,1,9',
].join('\n');
const messyCsv = join(work, 'messy.csv');
writeFileSync(messyCsv, `${MESSY}\n`);
// The same data as LibreOffice saves it in xlsx (a real writer's workbook).
execFileSync('soffice', [`-env:UserInstallation=file://${work}/profile`, '--headless', '--convert-to', 'xlsx', '--outdir', work, messyCsv], { stdio: 'ignore', timeout: 120000 });
const messyXlsx = join(work, 'messy.xlsx');
// By month: a month missing (March), a row with no date, KPIs that fall, rise and fail.
const byMonth = join(work, 'months.csv');
writeFileSync(byMonth, [
  'Date,Channel,Spend,Revenue,Clicks,Impressions',
  '2024-01-05,Search,100,400,10,100',
  '2024-01-20,Social,50,100.5,5,100',
  '2024-02-03,Search,100,300,10,200',
  '2024-02-14,Social,0,0,0,0',
  '2024-04-01,Search,80,320,8,100',
  '2024-05-01,Search,0,320,8,100',
  '2024-06-01,Search,70,,8,100',
  'soon,Social,10,20,1,10',
].join('\n'));

const files = [
  ['samples/campaigns.xlsx', []],
  ['tests/fixtures/en.csv', []],
  ['tests/fixtures/no.xlsx', []],
  ['tests/fixtures/zh_hans_1904.xlsx', []],
  ['tests/fixtures/zh_hant_lo.ods', []],
  [messyCsv, []],
  [messyXlsx, []],
  [messyCsv, ['--group-by', 'Spend']],
  [byMonth, ['--period', 'month']],
  [byMonth, ['--period', 'quarter']],
];

/** Whether LibreOffice's formula result is the JSON's value; a message when it is not. */
function mismatch(cell, want) {
  if (!cell || cell.t !== 'f') return `no formula (${JSON.stringify(cell)})`;
  const got = cell.r === 'n' ? cell.v : JSON.stringify(cell.s);
  if (typeof want === 'number') {
    if (cell.r !== 'n') return `${want}, recalculated as ${got}`;
    if (cell.v === want) return null;
    const ulps = Math.abs(cell.v - want) / (Number.EPSILON * Math.abs(want));
    return ulps <= 4 ? null : `${want}, recalculated as ${cell.v}`;
  }
  if (want && typeof want === 'object') return cell.r === 'e' && cell.s === want.error ? null : `${want.error}, recalculated as ${got}`;
  if (want === null) return cell.r === 's' && cell.s === '' ? null : `blank, recalculated as ${got}`;
  return `${JSON.stringify(want)}?`;
}

/** Every computed cell of the xlsx and the JSON value it must hold: `[sheet, row, col, value]`. */
function computedCells(report) {
  const nl = report.labels.length;
  const nm = report.measures.length;
  const out = [];
  report.rows.forEach((l, i) => l.kpis.forEach((k, j) => out.push(['Data', i + 1, 1 + nl + nm + j, k])));
  [...report.groups, report.total].forEach((l, i) => {
    l.values.forEach((v, j) => out.push(['Summary', i + 1, 2 + j, v]));
    l.kpis.forEach((k, j) => out.push(['Summary', i + 1, 2 + nm + j, k]));
    // By period, each KPI's change on the period before.
    (l.change || []).forEach((c, j) => c !== null && out.push(['Summary', i + 1, 2 + nm + l.kpis.length + j, c]));
  });
  return out;
}

/** The numbers behind a JSON value, for comparing two reports' cells. */
const same = (a, b) => JSON.stringify(a?.error ?? a) === JSON.stringify(b?.error ?? b);

for (const [file, flags] of files) {
  const name = `${file === byMonth ? 'months' : file.startsWith(work) ? `messy ${file.endsWith('.csv') ? 'CSV' : 'xlsx (saved by LibreOffice)'}` : file} ${flags.join(' ')}`;
  test(`${name}: LibreOffice recalculates the report's xlsx to the report's own values`, () => {
    const report = JSON.parse(run('report', file, ...flags, '--format', 'json'));
    const xlsx = join(work, 'report.xlsx');
    run('report', file, ...flags, '--out', xlsx);
    const { sheets } = libreOfficeCells(xlsx, { recalc: true });
    const cells = computedCells(report);
    const bad = cells.map(([sheet, r, c, want]) => {
      const why = mismatch(sheets[sheet][r]?.[c], want);
      return why && `${sheet} row ${r + 1} column ${c + 1}: ${why}`;
    }).filter(Boolean);
    assert.deepEqual(bad.slice(0, 10), [], `${bad.length} of ${cells.length} cells differ`);
    if (flags[0] === '--period') {
      // The changes are there to check: numbers, and for a month missing, #N/A.
      const changes = report.groups.flatMap((l) => l.change || []).filter((c) => c !== null);
      assert.ok(changes.some((c) => typeof c === 'number'), JSON.stringify(changes));
      if (flags[1] === 'month') assert.ok(changes.some((c) => c?.error === '#N/A') && changes.some((c) => c?.error === '#DIV/0!'), JSON.stringify(changes));
    }
    if (file === messyCsv) {
      // The messy data does reach every kind of error.
      const errors = new Set(cells.map(([, , , v]) => v?.error).filter(Boolean));
      assert.deepEqual([...errors].sort(), ['#DIV/0!', '#N/A', '#NUM!', '#VALUE!']);
    }
  });
}

test('editing one input in the xlsx moves exactly the cells the report of the edited data changes', () => {
  const edited = join(work, 'edited.csv');
  // Search's second row: spend 500 becomes 650.
  writeFileSync(edited, `${MESSY.replace('Search,500,n/a', 'Search,650,n/a')}\n`);
  const before = JSON.parse(run('report', messyCsv, '--format', 'json'));
  const after = JSON.parse(run('report', edited, '--format', 'json'));
  const xlsx = join(work, 'edit.xlsx');
  run('report', messyCsv, '--out', xlsx);
  const spendColumn = String.fromCharCode(65 + 1 + before.labels.length + before.measures.indexOf('spend'));
  const lo = libreOfficeCells(xlsx, { edit: ['Data', `${spendColumn}3`, 650] });
  const cells = computedCells(before);
  const wanted = computedCells(after);
  const moved = [];
  const shouldMove = [];
  cells.forEach(([sheet, r, c, v], i) => {
    const key = `${sheet}!${r + 1}:${c + 1}`;
    const a = lo.sheets[sheet][r][c];
    const b = lo.edited[sheet][r][c];
    if (JSON.stringify(a) !== JSON.stringify(b)) moved.push(key);
    if (!same(v, wanted[i][3])) shouldMove.push(key);
    const why = mismatch(b, wanted[i][3]);
    assert.equal(why, null, `${key} after the edit: ${why}`);
  });
  assert.ok(shouldMove.length >= 6, `the edit moves the row, its group and the total: ${shouldMove}`);
  assert.deepEqual(moved, shouldMove);
});
