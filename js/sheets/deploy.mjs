#!/usr/bin/env node
// `npm run deploy:sheets`: uploads dist/sheets/ (built by build:sheets) to your Apps Script
// project with Google's clasp. Needs a one-time `npx @google/clasp login` and the
// project's script id in SHEETKPI_SCRIPT_ID or in js/sheets/.clasp.json (see docs/sheets.md).
// SHEETKPI_LANG=zh-Hans (zh-Hant, nb, en) pushes that language's bundle, dist/sheets/<lang>/.
import { existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { LANGUAGES } from '../i18n/catalogue.js';

const lang = process.env.SHEETKPI_LANG || '';
if (lang && !LANGUAGES.some((l) => l.tag === lang)) {
  console.error(`SHEETKPI_LANG=${lang} is not one of ${LANGUAGES.map((l) => l.tag).join(', ')}.`);
  process.exit(1);
}
const dir = fileURLToPath(new URL(`../../dist/sheets/${lang ? `${lang}/` : ''}`, import.meta.url));
const config = `${dir}.clasp.json`;
if (!existsSync(config)) {
  console.error('dist/sheets/ is missing: run `npm run build:sheets` first.');
  process.exit(1);
}
const { scriptId } = JSON.parse(readFileSync(config, 'utf8'));
if (!scriptId) {
  console.error(
    'No Apps Script project to push to. Open your spreadsheet, choose Extensions > Apps Script,\n' +
      'then Project Settings, copy the Script ID, and run\n' +
      '  SHEETKPI_SCRIPT_ID=<that id> npm run deploy:sheets\n' +
      '(or put it in js/sheets/.clasp.json as "scriptId").',
  );
  process.exit(1);
}
// --force: the manifest (appsscript.json) is ours to overwrite.
const r = spawnSync('npx', ['--yes', '@google/clasp', 'push', '--force'], { cwd: dir, stdio: 'inherit' });
process.exit(r.status ?? 1);
