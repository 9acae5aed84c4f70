// The Editor add-on's part of build:sheets: the script file that carries the catalogue,
// the sidebar page and the menu and sidebar functions (addon.js), the manifest's OAuth
// scopes, and the one-file script for pasting into the script editor without clasp.

import { readFileSync } from 'node:fs';
import * as esbuild from 'esbuild';
import { escapeHtml, fillMessages } from '../i18n/html.mjs';
import { catalogue } from './catalogue.mjs';

const here = new URL('./', import.meta.url);
const source = (name) => readFileSync(new URL(name, here), 'utf8');

/** The add-on's script file in the bundle (pushed after functions.js). */
export const ADDON_FILE = 'addon.js';

/**
 * The least the add-on asks for: to show its sidebar and menu
 * (`script.container.ui`) and to write a formula into the open spreadsheet only
 * (`spreadsheets.currentonly`, not every spreadsheet of the user). The custom functions
 * themselves need no scope.
 */
export const OAUTH_SCOPES = [
  'https://www.googleapis.com/auth/spreadsheets.currentonly',
  'https://www.googleapis.com/auth/script.container.ui',
];

/** The public functions addon.js defines; none may share a name with a KPI (Sheets ignores case). */
export const ADDON_FUNCTIONS = ['onOpen', 'onInstall', 'sheetKpiShowSidebar', 'sheetKpiCatalogue', 'sheetKpiInsert'];

/**
 * The messages the sidebar's script shows (sidebar.js), inlined in its bundle: a sidebar
 * is one language, its bundle's, so it carries only these, in that language.
 */
const SIDEBAR_MESSAGES = ['sidebar.inserting', 'sidebar.inserted', 'sidebar.load_failed', 'pane.insert_failed', 'pane.insert',
  'pane.inputs', 'pane.spills', 'help.formula', 'help.examples', 'functions.count_some'];
/** The messages the server side (addon.js) words its menu, title and refusals with. */
const SERVER_MESSAGES = ['sidebar.title', 'sidebar.no_function', 'sidebar.no_example', 'sidebar.select_cell'];

/**
 * Messages `ids` in one language, unfilled (their {placeholders} kept for run time).
 * @param {(id: string) => string} t
 * @param {string[]} ids
 */
const messages = (t, ids) => Object.fromEntries(ids.map((id) => [id, t(id)]));

/**
 * The lead sentence as HTML: the language's words around two formulas set as code (the
 * catalogue holds the sentence with {name} and {example} where they go, as word order differs).
 * @param {(id: string, vars?: any) => string} t
 */
function leadHtml(t) {
  const code = { name: '<code>=NAME(…)</code>', example: '<code>=ROAS(B2, C2)</code>' };
  return escapeHtml(t('sidebar.lead')).replace(/\{(name|example)\}/g, (_, k) => code[k]);
}

/**
 * The sidebar page in one language: sidebar.html with its style and bundled script inlined,
 * the task pane's texts filled in that language, the script's messages inlined.
 * @param {((id: string, vars?: any) => string) & {lang: string}} t the bundle's language
 */
export async function sidebarHtml(t) {
  const bundle = await esbuild.build({
    entryPoints: [new URL('sidebar.js', here).pathname],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2020',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
    define: { SHEETKPI_SIDEBAR_LANG: JSON.stringify(t.lang), SHEETKPI_SIDEBAR_MESSAGES: JSON.stringify(messages(t, SIDEBAR_MESSAGES)) },
  });
  const script = bundle.outputFiles[0].text.replace(/<\/(script)/gi, '<\\/$1');
  const style = readFileSync(new URL('../excel/taskpane.css', here), 'utf8');
  const pane = readFileSync(new URL('../excel/taskpane.html', here), 'utf8');
  const part = (re) => {
    const m = re.exec(pane);
    if (!m) throw new Error(`[build:sheets] js/excel/taskpane.html has no ${re}: the sidebar takes its search box and list from it`);
    return m[0];
  };
  const slots = {
    LANG: t.lang,
    LEAD: leadHtml(t),
    STYLE: style,
    SCRIPT: script,
    SEARCH: part(/<label class="search">[\s\S]*?<\/label>/),
    MAIN: part(/<main>[\s\S]*?<\/main>/),
  };
  const page = source('sidebar.html').replace(/\{\{([A-Z]+)\}\}/g, (_, k) => {
    if (!(k in slots)) throw new Error(`[build:sheets] sidebar.html has an unknown slot {{${k}}}`);
    return slots[k];
  });
  return fillMessages(page, t);
}

/**
 * addon.js in one language: the catalogue, the sidebar page and the server's messages as
 * globals, then js/sheets/addon.js.
 * @param {any[]} registry the registry rows localized in `t`'s language
 * @param {string} header the bundle's "generated" comment line
 * @param {((id: string, vars?: any) => string) & {lang: string}} t the bundle's language
 */
export async function addonScript(registry, header, t) {
  const clash = registry.filter((f) => ADDON_FUNCTIONS.some((n) => n.toLowerCase() === f.sheets_name.toLowerCase()));
  if (clash.length) throw new Error(`[build:sheets] ${clash.map((f) => f.id).join(', ')}: sheets_name is one of the add-on's own functions`);
  return (
    header +
    `/** Every function's catalogue entry, from the registry (${t.lang}). */\nvar SHEETKPI_CATALOGUE_ = ${JSON.stringify(catalogue(registry, t))};\n\n` +
    `/** The sidebar page (js/sheets/sidebar.html with its style and script). */\nvar SHEETKPI_SIDEBAR_HTML_ = ${JSON.stringify(await sidebarHtml(t))};\n\n` +
    `/** The menu's, title's and refusals' words ({name} placeholders). */\nvar SHEETKPI_MESSAGES_ = ${JSON.stringify(messages(t, SERVER_MESSAGES))};\n\n` +
    source('addon.js')
  );
}

/**
 * The one-file script for the paste route: every bundle file in push order, one after
 * the other (Apps Script runs all files of a project in one global scope, so one file
 * holding them all in that order behaves the same).
 * @param {Record<string, string>} files name → text
 * @param {string[]} order push order
 */
export function oneFile(files, order) {
  // functions.js carries the /** @OnlyCurrentDoc */ annotation, which limits the scopes
  // Apps Script infers for a pasted script (it has no manifest of ours) to this file.
  return order.map((name) => `// ---- ${name} ----\n${files[name]}`).join('\n');
}
