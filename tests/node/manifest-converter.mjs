// Microsoft's XML → unified manifest converter (office-addin-manifest-converter), quietly:
// the tests compare what it writes with what the build writes.
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

/**
 * Converts the XML manifest `file` and returns the folder the converter wrote into
 * (manifest.json, and a language file per Override locale).
 * @param {string} file
 */
export async function convertXmlManifest(file) {
  const { convert } = require('office-addin-manifest-converter');
  const out = mkdtempSync(join(tmpdir(), 'sheetkpi-convert-'));
  const log = console.log;
  console.log = () => {}; // the converter narrates each step
  try {
    await convert(file, out, false, undefined, undefined, false);
  } finally {
    console.log = log;
  }
  return out;
}
