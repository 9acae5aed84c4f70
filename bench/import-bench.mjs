// The import benchmark: a generated N-row × 10-column xlsx (default 1,000,000), then on
// the same file in the same run: `sheetkpi report` natively (release build), the import
// WASM in Node (import_render, and as the page uses it: a handle, the CSV in parts), and SheetJS (npm xlsx) only reading it. Time and peak memory (RSS, from
// /usr/bin/time; the page run also its WASM memory) for each; cells per second and the ratios. The CSV
// reports of all three must be identical.
//
// Usage: node bench/import-bench.mjs [rows=1000000]   (builds target/release/sheetkpi first)
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';

const rows = Number(process.argv[2] || 1_000_000);
const dir = 'target/bench-import';
const file = `${dir}/campaigns-${rows}.xlsx`;
const cells = rows * 10;

if (!existsSync(file)) execFileSync('node', ['--max-old-space-size=4096', 'bench/import-workbook.mjs', String(rows), file], { stdio: 'inherit' });
execFileSync('cargo', ['build', '--release', '--quiet'], { stdio: 'inherit' });
if (!existsSync('pkg-import/sheetkpi_import_bg.wasm')) execFileSync('bash', ['scripts/build-import-wasm.sh'], { stdio: 'inherit' });

/** Runs a command under /usr/bin/time; returns wall seconds, peak RSS in MB and stdout. */
function measure(cmd, args) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  const [secs, kb] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
  return { wall: secs, rssMB: Math.round(kb / 1024), stdout: r.stdout };
}

const native = measure('target/release/sheetkpi', ['report', file, '--format', 'csv', '--out', `${dir}/native.csv`]);
const wasm = measure('node', ['--max-old-space-size=8192', 'bench/import-run.mjs', 'wasm', file, `${dir}/wasm.csv`]);
const wasmInner = JSON.parse(wasm.stdout.trim().split('\n').pop()).seconds;
const page = measure('node', ['--max-old-space-size=8192', 'bench/import-run.mjs', 'page', file, `${dir}/page.csv`]);
const pageInner = JSON.parse(page.stdout.trim().split('\n').pop());
const sheetjs = measure('node', ['--max-old-space-size=8192', 'bench/import-run.mjs', 'sheetjs', file]);
const sheetjsInner = JSON.parse(sheetjs.stdout.trim().split('\n').pop()).seconds;
const same = readFileSync(`${dir}/native.csv`).equals(readFileSync(`${dir}/wasm.csv`)) && readFileSync(`${dir}/native.csv`).equals(readFileSync(`${dir}/page.csv`));

const rate = (s) => `${(cells / s / 1e6).toFixed(2)} M cells/s`;
console.log(`file: ${file} (${rows} rows × 10 columns = ${cells} cells)`);
console.log(`native sheetkpi report (read + every KPI per row/group/total + CSV): ${native.wall.toFixed(2)} s, peak ${native.rssMB} MB, ${rate(native.wall)}`);
console.log(`WASM import_render csv in Node: ${wasmInner.toFixed(2)} s in the call (${wasm.wall.toFixed(2)} s process), peak ${wasm.rssMB} MB, ${rate(wasmInner)}`);
console.log(`WASM as the page uses it (file streamed in, report, CSV download in parts): ${pageInner.seconds.toFixed(2)} s, WASM memory ${pageInner.wasmMB} MB, process peak ${page.rssMB} MB`);
console.log(`SheetJS XLSX.read only: ${sheetjsInner.toFixed(2)} s in the call (${sheetjs.wall.toFixed(2)} s process), peak ${sheetjs.rssMB} MB, ${rate(sheetjsInner)}`);
console.log(`ratios: WASM/native ${(wasmInner / native.wall).toFixed(2)}×, SheetJS read-only/native full report ${(sheetjsInner / native.wall).toFixed(2)}×, SheetJS read-only/WASM full report ${(sheetjsInner / wasmInner).toFixed(2)}×`);
console.log(`native, WASM and page CSV reports identical: ${same}`);
if (!same) process.exit(1);
