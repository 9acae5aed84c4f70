// Builds the Excel add-in into a folder ready to host (default dist/excel/):
//   manifest.xml      the add-in only manifest  } both from manifest/excel/addin.json,
//   manifest.json     the unified manifest      } for the base URL and the build's version
//   zh-cn.json, …     the unified manifest's language files (localizationInfo)
//   functions.json    custom-functions metadata, generated from the WASM registry()
//   functions.js      the custom-functions shim + WASM glue + shared router (esbuild, IIFE)
//   taskpane.html/.js/.css  the shared-runtime page and the catalogue UI
//   sheetkpi_bg.wasm  the core, loaded once by functions.js
//   help.html         the function reference every helpUrl points at
//   functions-<lang>.json, help-<lang>.html  the same in zh-Hans, zh-Hant and nb, named in the
//                     manifest by <bt:Override Locale=…> (js/excel/locales.mjs)
//   assets/icon-*.png
//
// Usage: node js/excel/build.mjs [--base-url https://host/path] [--out dir]
// (or SHEETKPI_EXCEL_BASE_URL). The base URL only appears in manifest.xml and in the
// helpUrls of functions.json; the pages load everything else relative to themselves.
// The version of the manifest the build writes for the default base URL is committed as
// manifest/excel/manifest.xml (tests/node/excel-manifest.test.mjs keeps it current).

import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { baseUrlArgs } from '../build/args.mjs';
import * as glue from '../../pkg/sheetkpi.js';
import { DEFAULT_BASE_URL, OFFICE_JS_URL, excelMetadata, normalizeBaseUrl } from './metadata.mjs';
import { helpHtml } from './help.mjs';
import { iconPng } from './icons.mjs';
import { iconFiles } from './addin.mjs';
import { manifestXml } from './manifest-xml.mjs';
import { manifestJson } from './manifest-json.mjs';
import { EXTRA_LANGUAGES, localizeManifest, localizeManifestJson, localizedFile } from './locales.mjs';
import { LANGUAGES, localizeRegistry, translator } from '../i18n/catalogue.js';
import { fillMessages } from '../i18n/html.mjs';
import { loadCatalogues } from '../i18n/load.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
/** The registry and version of the built WASM in pkg/. */
export function loadRegistry() {
  glue.initSync({ module: readFileSync(join(root, 'pkg/sheetkpi_bg.wasm')) });
  return { registry: glue.registry(), version: glue.version() };
}

/**
 * Builds the add-in into `outDir` (emptied first).
 * @param {{baseUrl?: string, outDir?: string}} [o]
 */
export async function buildExcel({ baseUrl = DEFAULT_BASE_URL, outDir = join(root, 'dist/excel') } = {}) {
  baseUrl = normalizeBaseUrl(baseUrl);
  const { registry, version } = loadRegistry();
  const namespace = registry[0].excel_name.split('.')[0];
  const metadata = excelMetadata(registry, baseUrl);

  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(join(outDir, 'assets'), { recursive: true });
  const catalogues = loadCatalogues();
  const translate = (lang) => translator(catalogues, lang);
  writeFileSync(join(outDir, 'manifest.xml'), localizeManifest(manifestXml({ baseUrl, version, namespace }), translate));
  const unified = localizeManifestJson(manifestJson({ baseUrl, version, namespace, metadata }), translate);
  writeFileSync(join(outDir, 'manifest.json'), JSON.stringify(unified.manifest, null, 2) + '\n');
  for (const f of unified.files) writeFileSync(join(outDir, f.name), JSON.stringify(f.json, null, 2) + '\n');
  writeFileSync(join(outDir, 'functions.json'), JSON.stringify(metadata, null, 2) + '\n');
  for (const lang of EXTRA_LANGUAGES) {
    const localized = excelMetadata(localizeRegistry(registry, catalogues, lang), baseUrl, lang);
    writeFileSync(join(outDir, localizedFile('functions', 'json', lang)), JSON.stringify(localized, null, 2) + '\n');
  }
  for (const { tag } of LANGUAGES) {
    writeFileSync(join(outDir, localizedFile('help', 'html', tag)), helpHtml(localizeRegistry(registry, catalogues, tag), version, translate(tag)));
  }
  const pane = readFileSync(join(here, 'taskpane.html'), 'utf8').replace('{{OFFICE_JS_URL}}', OFFICE_JS_URL);
  writeFileSync(join(outDir, 'taskpane.html'), fillMessages(pane, translate('en')));
  copyFileSync(join(here, 'taskpane.css'), join(outDir, 'taskpane.css'));
  copyFileSync(join(root, 'pkg/sheetkpi_bg.wasm'), join(outDir, 'sheetkpi_bg.wasm'));
  for (const icon of iconFiles()) writeFileSync(join(outDir, icon.path), iconPng(icon.size));

  const common = { bundle: true, minify: true, format: 'iife', target: 'es2020', logLevel: 'warning', legalComments: 'none' };
  await build({
    ...common,
    entryPoints: [join(here, 'functions.js')],
    outfile: join(outDir, 'functions.js'),
    // The glue's default WASM location uses import.meta.url; we always pass the URL instead.
    define: { __SHEETKPI_IDS__: JSON.stringify(metadata.functions.map((f) => f.id)), 'import.meta.url': 'globalThis.location.href' },
  });
  await build({ ...common, entryPoints: [join(here, 'taskpane.js')], outfile: join(outDir, 'taskpane.js') });
  return { outDir, baseUrl, version, functions: metadata.functions.length };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await buildExcel(baseUrlArgs(process.argv.slice(2), 'SHEETKPI_EXCEL_BASE_URL'));
  console.error(`[build:excel] ${r.functions} functions, version ${r.version}, base ${r.baseUrl} → ${r.outDir}`);
}
