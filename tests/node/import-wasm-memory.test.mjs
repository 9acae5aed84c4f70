// The importer's WASM out of memory. A browser tab may give WebAssembly far less than 4 GB
// (phones, 32-bit browsers), and in wasm32 an allocation that fails aborts with a bare trap,
// so the page must still tell the user it is the file's size, not a fault in sheetkpi. This
// runs the real import WASM with its memory capped at 64 MB (the module's memory maximum
// rewritten, as a small tab would impose it) on a valid 200,000-row CSV that the uncapped
// module reads, and checks the trap and the page's message for it (js/web/report/trap.js,
// what the worker shows).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { trapMessage } from '../../js/web/report/trap.js';

const wasmUrl = new URL('../../pkg-import/sheetkpi_import_bg.wasm', import.meta.url);

/** Unsigned LEB128 at `at`: [value, bytes read]. */
function leb(bytes, at) {
  let value = 0;
  let shift = 0;
  let i = at;
  for (;;) {
    const b = bytes[i++];
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (b < 0x80) return [value, i - at];
  }
}

const toLeb = (v) => {
  const out = [];
  do {
    let b = v % 128;
    v = Math.floor(v / 128);
    if (v > 0) b |= 0x80;
    out.push(b);
  } while (v > 0);
  return out;
};

/** The module with its one memory's maximum set to `pages` (64 KB each). */
function capMemory(wasm, pages) {
  let at = 8;
  while (at < wasm.length) {
    const id = wasm[at];
    const [size, n] = leb(wasm, at + 1);
    const body = at + 1 + n;
    if (id === 5) {
      const [count, c] = leb(wasm, body);
      assert.equal(count, 1, 'one memory');
      const flags = wasm[body + c];
      assert.ok(flags === 0 || flags === 1, `a plain 32-bit memory (flags ${flags})`);
      const [min] = leb(wasm, body + c + 1);
      assert.ok(min < pages, `the module starts below the cap (${min} pages)`);
      const content = [...toLeb(1), 1, ...toLeb(min), ...toLeb(pages)];
      return Buffer.concat([wasm.subarray(0, at), Buffer.from([5, ...toLeb(content.length), ...content]), wasm.subarray(body + size)]);
    }
    at = body + size;
  }
  throw new Error('no memory section');
}

function campaignCsv(rows) {
  const lines = ['Channel,Campaign,Date,Spend,Revenue,Clicks,Impressions,Conversions'];
  for (let i = 0; i < rows; i++) {
    lines.push(`ch${i % 7},campaign ${i % 101},2026-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')},${(i % 997) + 0.25},${(i % 1999) + 0.5},${i % 313},${i % 9973},${i % 17}`);
  }
  return Buffer.from(lines.join('\n') + '\n');
}

test('out of memory in the import WASM is told as the file needing more memory than the tab gives', async () => {
  const csv = campaignCsv(200_000);
  const plain = await import('../../pkg-import/sheetkpi_import.js?memory-plain');
  plain.initSync({ module: readFileSync(wasmUrl) });
  const whole = plain.import_report(csv, { fileName: 'big.csv' });
  assert.equal(whole.error, undefined, JSON.stringify(whole).slice(0, 300));
  assert.equal(whole.rows.length, 200_000);
  assert.equal(plain.import_memory_failure(), 0, 'no allocation failed in the uncapped module');

  const small = await import('../../pkg-import/sheetkpi_import.js?memory-capped');
  small.initSync({ module: capMemory(readFileSync(wasmUrl), 1024) });
  let trap = null;
  try {
    small.import_report(csv, { fileName: 'big.csv' });
  } catch (e) {
    trap = e;
  }
  assert.ok(trap instanceof WebAssembly.RuntimeError, `the capped module traps (${trap})`);
  assert.ok(small.import_memory_failure() > 0, 'the allocation that failed was noted');
  const message = trapMessage(small, trap);
  assert.match(message, /needs more memory than this browser tab gives the workbook reader \(it could not get [\d,]+ MB more\)/);
  assert.doesNotMatch(message, /fault in sheetkpi|unreachable|RuntimeError/);
});

test('a file larger than the tab gives is refused before it is read in, and the instance stays sound', async () => {
  const small = await import('../../pkg-import/sheetkpi_import.js?memory-stream');
  small.initSync({ module: capMemory(readFileSync(wasmUrl), 1024) });
  // The worker asks for room for the whole file first (File.size): 100 MB cannot be had in 64 MB.
  assert.equal(small.ImportWorkbook.reserve(100 * 2 ** 20), undefined);
  assert.equal(small.import_memory_failure(), 0, 'a refusal answered is not left for a later trap to be blamed on');
  // A file growing past what was reserved (changed on disk while read) is refused chunk by chunk.
  const growing = small.ImportWorkbook.reserve(1 << 20);
  const chunk = new Uint8Array(1 << 20).fill(48);
  let appended = 0;
  while (growing.append(chunk)) appended++;
  assert.ok(appended >= 1 && appended < 64, `${appended} MB appended before the refusal`);
  assert.equal(small.import_memory_failure(), 0);
  growing.free();
  // The same instance then reads a real file streamed in.
  const csv = campaignCsv(2_000);
  const book = small.ImportWorkbook.reserve(csv.length);
  assert.ok(book);
  assert.equal(book.append(csv.subarray(0, 5000)), true);
  assert.equal(book.append(csv.subarray(5000)), true);
  const got = book.report({ fileName: 'after.csv' });
  assert.equal(got.error, undefined, JSON.stringify(got).slice(0, 300));
  assert.equal(got.rowCount, 2_000);
  book.free();
});
