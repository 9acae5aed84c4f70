#!/usr/bin/env node
// `npm run build:hosted -- --base-url https://example.org/sheetkpi/`: one static folder,
// dist/hosted/, that any static host can serve at that URL (GitHub Pages, S3, an intranet
// server), sub-paths included:
//   index.html, hosted.css   the front page: what is here and how to install it
//   excel/                   the Excel add-in (js/excel/build.mjs) for BASE/excel/, with
//                            manifest.xml and manifest.json naming only URLs under it
//   web/                     the browser page (js/web/build.mjs)
//   sheets/sheetkpi.gs       the Google Sheets add-on as one file to paste, and its
//   sheets/appsscript.json   manifest (js/sheets/build.mjs)
// Every page loads what it needs relative to itself, so only the manifests carry the
// base URL. Options: --base-url URL (or SHEETKPI_HOSTED_BASE_URL; default the Excel dev
// server's, for a local try), --out DIR.
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { baseUrlArgs } from '../build/args.mjs';
import { buildExcel } from '../excel/build.mjs';
import { DEFAULT_BASE_URL, normalizeBaseUrl } from '../excel/metadata.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const here = fileURLToPath(new URL('./', import.meta.url));

/** Where each part goes under the hosted folder (and so under the base URL). */
export const PARTS = { excel: 'excel', web: 'web', sheets: 'sheets' };

/** Runs one of the other build scripts, which write into dist/ (its messages go to stderr). */
function runBuild(script) {
  execFileSync(process.execPath, [join(root, script)], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
}

/**
 * Builds the hosted folder for `baseUrl` into `outDir` (emptied first).
 * @param {{baseUrl?: string, outDir?: string}} [o]
 */
export async function buildHosted({ baseUrl = DEFAULT_BASE_URL, outDir = join(root, 'dist/hosted') } = {}) {
  const base = normalizeBaseUrl(baseUrl);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });

  const excel = await buildExcel({ baseUrl: `${base}/${PARTS.excel}`, outDir: join(outDir, PARTS.excel) });

  runBuild('js/web/build.mjs');
  cpSync(join(root, 'dist/web'), join(outDir, PARTS.web), { recursive: true });

  runBuild('js/sheets/build.mjs');
  mkdirSync(join(outDir, PARTS.sheets));
  copyFileSync(join(root, 'dist/sheets-one-file/sheetkpi.gs'), join(outDir, PARTS.sheets, 'sheetkpi.gs'));
  copyFileSync(join(root, 'dist/sheets/appsscript.json'), join(outDir, PARTS.sheets, 'appsscript.json'));

  const page = readFileSync(join(here, 'index.html'), 'utf8')
    .replaceAll('{{VERSION}}', excel.version)
    .replaceAll('{{COUNT}}', String(excel.functions));
  writeFileSync(join(outDir, 'index.html'), page);
  copyFileSync(join(here, 'hosted.css'), join(outDir, 'hosted.css'));
  return { outDir, baseUrl: base, version: excel.version };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await buildHosted(baseUrlArgs(process.argv.slice(2), 'SHEETKPI_HOSTED_BASE_URL'));
  console.error(`[build:hosted] sheetkpi ${r.version} for ${r.baseUrl}/ → ${r.outDir}`);
}
