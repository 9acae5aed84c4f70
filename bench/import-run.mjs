// One measured run for bench/import-bench.mjs, in its own process so its peak memory
// is its own. Prints one JSON line: {seconds, ...}.
//   node bench/import-run.mjs wasm FILE OUT.csv   the import WASM: report rendered as CSV
//   node bench/import-run.mjs page FILE OUT.csv   the import WASM as the page uses it (handle, CSV in parts)
//   node bench/import-run.mjs sheetjs FILE        SheetJS (npm xlsx) reading the workbook only
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const [mode, file, out] = process.argv.slice(2);
const bytes = readFileSync(file);
if (mode === 'wasm') {
  const imp = await import('../pkg-import/sheetkpi_import.js');
  imp.initSync({ module: readFileSync(new URL('../pkg-import/sheetkpi_import_bg.wasm', import.meta.url)) });
  const t0 = performance.now();
  const csv = imp.import_render(bytes, { fileName: file }, 'csv');
  const seconds = (performance.now() - t0) / 1000;
  if (typeof csv !== 'string') throw new Error(JSON.stringify(csv));
  writeFileSync(out, csv);
  console.log(JSON.stringify({ seconds }));
} else if (mode === 'page') {
  // As the page's worker does it: the file streamed into an ImportWorkbook, the report,
  // then the CSV download taken in parts into a Blob. wasmMB: the WASM memory at the end
  // (it only grows, so it is the high-water mark).
  const imp = await import('../pkg-import/sheetkpi_import.js');
  const wasm = imp.initSync({ module: readFileSync(new URL('../pkg-import/sheetkpi_import_bg.wasm', import.meta.url)) });
  const t0 = performance.now();
  const book = imp.ImportWorkbook.reserve(bytes.length);
  for (let at = 0; at < bytes.length; at += 1 << 16) book.append(bytes.subarray(at, at + (1 << 16)));
  const summary = book.report({ fileName: file });
  if (summary.error) throw new Error(JSON.stringify(summary));
  const parts = [];
  for (let from = 0; ; from += 20000) {
    const part = book.csv_part(from, 20000);
    if (part === '') break;
    parts.push(part);
  }
  const blob = new Blob(parts, { type: 'text/csv' });
  const seconds = (performance.now() - t0) / 1000;
  writeFileSync(out, Buffer.from(await blob.arrayBuffer()));
  console.log(JSON.stringify({ seconds, wasmMB: Math.round(wasm.memory.buffer.byteLength / 2 ** 20) }));
} else if (mode === 'sheetjs') {
  const XLSX = (await import('xlsx')).default;
  const t0 = performance.now();
  const wb = XLSX.read(bytes, { type: 'buffer', dense: true });
  const seconds = (performance.now() - t0) / 1000;
  const ws = wb.Sheets[wb.SheetNames[0]];
  console.log(JSON.stringify({ seconds, range: ws['!ref'] }));
} else {
  throw new Error(`unknown mode ${mode}`);
}
