#!/usr/bin/env node
// `npm run build:web`: builds the browser page into dist/web/ from js/web/ and the built
// WASM in pkg/ (and pkg-import/ once the importer's WASM exists). Output:
//   index.html   the page, with its Content-Security-Policy in a <meta> tag
//   style.css    the page's only stylesheet
//   app.js       formula bar + catalogue + page shell, the functions WASM inlined
//   report.js    loaded after the page is ready: the report view and charts, the sample
//                workbook, and the importer's WASM inside its worker's source (run from a
//                blob: URL, so the page stays responsive while a large workbook is read)
// Every file is a classic script or plain asset with the WASM inlined, so the page works
// from file:// (where module scripts and fetch() are refused) as from any static server.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { CSP } from './csp.js';
import { fillMessages } from '../i18n/html.mjs';
import { englishTranslator } from '../i18n/load.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const here = fileURLToPath(new URL('./', import.meta.url));
const out = `${root}dist/web/`;

/** Shared esbuild options: one minified classic script per entry, WASM inlined as base64. */
const common = {
  bundle: true,
  write: false,
  format: 'iife',
  platform: 'browser',
  target: 'es2020',
  minify: true,
  legalComments: 'none',
  loader: { '.wasm': 'binary', '.xlsx': 'binary' },
  // wasm-bindgen's `new URL(…, import.meta.url)` only runs when no module is given; we always give one.
  logOverride: { 'empty-import-meta': 'silent' },
  logLevel: 'warning',
  alias: { '@pkg': `${root}pkg`, '@pkg-import': `${root}pkg-import`, '@samples': `${root}samples` },
};

const hasImporter = existsSync(`${root}pkg-import/sheetkpi_import_bg.wasm`) && existsSync(`${root}samples/campaigns.xlsx`);
const app = await esbuild.build({
  ...common,
  entryPoints: [`${here}main.js`],
  define: { __SHEETKPI_HAS_REPORT__: String(hasImporter) },
});
/** The importer's worker, bundled first: report.js carries it as a string for a blob: worker. */
const worker = hasImporter
  ? await esbuild.build({
      ...common,
      entryPoints: [`${here}report/worker.js`],
    })
  : null;
const report = hasImporter
  ? await esbuild.build({
      ...common,
      entryPoints: [`${here}report/entry.js`],
      globalName: 'SheetkpiReport',
      define: { __SHEETKPI_WORKER_SOURCE__: JSON.stringify(worker.outputFiles[0].text) },
    })
  : null;

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
// The page as served is English; js/web/i18n.js switches it to the reader's language.
const html = fillMessages(readFileSync(`${here}index.html`, 'utf8').replace('{{CSP}}', CSP), englishTranslator());
if (html.includes('{{')) throw new Error('[build:web] index.html has an unfilled placeholder');
writeFileSync(`${out}index.html`, html);
writeFileSync(`${out}style.css`, readFileSync(`${here}style.css`));
writeFileSync(`${out}app.js`, app.outputFiles[0].contents);
if (report) writeFileSync(`${out}report.js`, report.outputFiles[0].contents);
const kib = (b) => `${(b.length / 1024).toFixed(0)} KiB`;
console.error(
  `[build:web] dist/web: app.js ${kib(app.outputFiles[0].contents)}` +
    (report ? `, report.js ${kib(report.outputFiles[0].contents)}` : ' (no pkg-import/ yet: report.js not built)'),
);
