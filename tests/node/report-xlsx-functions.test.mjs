// The report's xlsx (`sheetkpi report --format xlsx`, the page's "Download Excel") must
// work for a colleague who has neither add-in: its formulas may call only functions every
// spreadsheet has built in, never an add-in's (KPI.ROAS, stored by Excel as
// _xldudf_KPI_ROAS, or ROAS, which Sheets knows only with the add-on). Oracle: Google's
// list of Sheets built-ins (js/sheets/builtin-names.txt, typed from Google's function
// list), every name of which Excel has too for the functions used here; SheetJS reads
// the formulas back from the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import XLSX from 'xlsx';
import { nativeCli, nativeRun, root } from './load.mjs';
import { builtinNames } from '../../js/sheets/names.js';

const registry = JSON.parse(nativeCli('functions', '--json'));
const builtins = builtinNames();
const kpiNames = new Set(registry.flatMap((f) => [f.sheets_name.toUpperCase(), f.excel_name.toUpperCase(), f.id.toUpperCase()]));

/** Every function a formula calls (a name before "(", sheet names and strings left out). */
function calls(formula) {
  const code = formula.replace(/"(?:[^"]|"")*"/g, '""').replace(/'(?:[^']|'')*'!/g, '');
  return [...code.matchAll(/([A-Za-z_][A-Za-z0-9_.]*)\s*\(/g)].map((m) => m[1].toUpperCase());
}

const WORKBOOKS = ['samples/campaigns.xlsx', 'tests/fixtures/en.csv', 'tests/fixtures/no.xlsx', 'tests/fixtures/zh_hant_merged.xlsx', 'tests/fixtures/zh_hans_1904.xlsx'];

test('the report xlsx calls only built-in functions, never an add-in function', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sheetkpi-report-xlsx-'));
  try {
    let formulas = 0;
    const used = new Set();
    for (const input of WORKBOOKS) {
      const out = join(dir, 'report.xlsx');
      const r = nativeRun('report', join(root, input), '--format', 'xlsx', '--out', out);
      assert.equal(r.status, 0, `${input}: ${r.stderr}`);
      const raw = readFileSync(out);
      assert.ok(!raw.includes('_xldudf'), `${input}: no add-in function as Excel stores it`);
      const book = XLSX.read(raw, { cellFormula: true });
      for (const name of book.SheetNames) {
        for (const [address, cell] of Object.entries(book.Sheets[name])) {
          if (address.startsWith('!') || !cell.f) continue;
          formulas++;
          for (const fn of calls(cell.f)) {
            used.add(fn);
            assert.ok(!fn.startsWith('KPI.') && !kpiNames.has(fn), `${input} ${name}!${address}: ${cell.f} calls the add-in function ${fn}`);
            assert.ok(builtins.has(fn), `${input} ${name}!${address}: ${fn} is not a built-in`);
          }
        }
      }
    }
    assert.ok(formulas > 100, `only ${formulas} formulas read`);
    assert.ok(used.has('SUMPRODUCT'), `functions used: ${[...used]}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the check can fail: a KPI call and an unknown function are caught', () => {
  assert.deepEqual(calls('KPI.ROAS(B2,C2)+SUM(A1:A3)'), ['KPI.ROAS', 'SUM']);
  assert.ok(kpiNames.has('KPI.ROAS') && kpiNames.has('ROAS'));
  assert.ok(!builtins.has('_XLDUDF_KPI_ROAS'));
  assert.deepEqual(calls(`'My (odd) sheet'!A1+"ROAS(1,2)"`), []);
});
