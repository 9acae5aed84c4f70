// The importer's WASM in Node on the hostile corpus the CLI is tested on (scripts/hostile-corpus.py,
// written at test time; cli/tests/hostile.rs runs it natively): every reader the page uses must
// answer every file with a result or an {error, message} object. A trap (a Rust panic, which
// wasm32 cannot unwind) would leave the instance unusable, so none may escape; after the whole
// corpus the same instance must still read a valid workbook exactly as at the start.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { root } from './load.mjs';
import * as imp from '../../pkg-import/sheetkpi_import.js';

imp.initSync({ module: readFileSync(new URL('../../pkg-import/sheetkpi_import_bg.wasm', import.meta.url)) });

/** The page's readers, each as the worker calls it. */
const readers = {
  report: (b, fileName) => imp.import_report(b, { fileName }),
  audit: (b, fileName) => imp.import_audit(b, fileName),
  journeys: (b, fileName) => imp.import_journeys_detect(b, fileName),
  attribute: (b, fileName) => imp.import_attribute(b, { fileName }),
  clv: (b, fileName) => imp.import_clv(b, { fileName }),
};

test('no hostile file traps the import WASM, and the instance stays usable', () => {
  const sample = readFileSync(`${root}samples/campaigns.xlsx`);
  const before = imp.import_report(sample, { fileName: 'campaigns.xlsx' });
  const dir = mkdtempSync(join(tmpdir(), 'sheetkpi-hostile-'));
  try {
    execFileSync('python3', [`${root}scripts/hostile-corpus.py`, dir], { stdio: 'ignore' });
    const files = readdirSync(dir).filter((f) => f !== 'index.tsv').sort();
    assert.ok(files.length >= 100, `the corpus has ${files.length} files`);
    const traps = [];
    let errors = 0;
    for (const f of files) {
      const bytes = readFileSync(join(dir, f));
      for (const [name, read] of Object.entries(readers)) {
        let r;
        try {
          r = read(bytes, f);
        } catch (e) {
          traps.push(`${f} ${name}: ${e && e.message}`);
          continue;
        }
        if (r && typeof r.error === 'string') {
          errors += 1;
          assert.ok(typeof r.message === 'string' && r.message.length > 10, `${f} ${name}: ${JSON.stringify(r)}`);
          assert.doesNotMatch(r.message, /panicked|unreachable|RuntimeError/, `${f} ${name}: a panic's words reached the user`);
        }
      }
    }
    assert.deepEqual(traps, [], 'traps');
    assert.ok(errors > files.length, `most hostile files are refused with a message (${errors} refusals)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.deepEqual(imp.import_report(sample, { fileName: 'campaigns.xlsx' }), before);
});
