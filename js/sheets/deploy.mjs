#!/usr/bin/env node
// `npm run deploy:sheets`: uploads dist/sheets/ (built by build:sheets) to an Apps Script
// project with Google's clasp, which needs a one-time `npx @google/clasp@3 login` and the
// Apps Script API switched on (docs/sheets.md).
//
//   npm run deploy:sheets                        push to the project in SHEETKPI_SCRIPT_ID
//                                                (or js/sheets/.clasp.json's "scriptId")
//   npm run deploy:sheets -- --create "Q3 KPIs"  first make a new spreadsheet with its own
//                                                script project, then push the add-on to it
//   npm run deploy:sheets -- --deploy            after the push, a versioned deployment
//                                                (what publishing an Editor add-on needs)
//
// clasp is pinned to major version 3, whose commands (create-script, create-deployment)
// these are; SHEETKPI_CLASP names another clasp executable (the tests use a stand-in).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The clasp command line: the pinned npm package, or SHEETKPI_CLASP. */
function claspCommand() {
  return process.env.SHEETKPI_CLASP ? [process.env.SHEETKPI_CLASP] : ['npx', '--yes', '@google/clasp@3'];
}

/** Runs clasp with `args` in `cwd`; `capture`: return its stdout instead of showing it. */
function clasp(args, cwd, capture = false) {
  const [cmd, ...pre] = claspCommand();
  const r = spawnSync(cmd, [...pre, ...args], { cwd, stdio: capture ? ['inherit', 'pipe', 'inherit'] : 'inherit', encoding: 'utf8' });
  if (r.error) throw r.error;
  if (r.status !== 0) throw Object.assign(new Error(`clasp ${args[0]} failed (exit ${r.status})`), { exit: r.status ?? 1 });
  return r.stdout;
}

/**
 * A new spreadsheet with a bound script project (clasp create-script --type sheets); its
 * script id goes into `dir`'s .clasp.json. clasp pulls the new project's files into the
 * folder it runs in, so it runs in an empty one: they must not replace the bundle's.
 */
function createSpreadsheet(dir, title) {
  const scratch = mkdtempSync(join(tmpdir(), 'sheetkpi-clasp-'));
  try {
    const out = clasp(['create-script', '--type', 'sheets', '--title', title, '--json'], scratch, true);
    const { scriptId, parentId } = JSON.parse(out);
    if (!scriptId) throw new Error(`clasp create-script gave no script id: ${out}`);
    const config = join(dir, '.clasp.json');
    writeFileSync(config, `${JSON.stringify({ ...JSON.parse(readFileSync(config, 'utf8')), scriptId }, null, 2)}\n`);
    console.error(`Created the spreadsheet "${title}": https://docs.google.com/spreadsheets/d/${parentId}/edit`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The bundle's version, from the generated header of functions.js. */
function bundleVersion(dir) {
  const m = /^\/\/ sheetkpi (\S+) for Google Sheets/.exec(readFileSync(join(dir, 'functions.js'), 'utf8'));
  return m ? m[1] : 'unknown';
}

/**
 * Pushes the bundle in `dir`; see the usage above.
 * @param {{dir: string, create?: string | null, deploy?: boolean}} o
 */
export function deploySheets({ dir, create = null, deploy = false }) {
  const config = join(dir, '.clasp.json');
  if (!existsSync(config)) throw Object.assign(new Error(`${dir} has no build: run \`npm run build:sheets\` first.`), { exit: 1 });
  if (create !== null) {
    if (JSON.parse(readFileSync(config, 'utf8')).scriptId) throw Object.assign(new Error('--create makes a new project, but a script id is already set.'), { exit: 1 });
    createSpreadsheet(dir, create);
  }
  if (!JSON.parse(readFileSync(config, 'utf8')).scriptId) {
    throw Object.assign(
      new Error(
        'No Apps Script project to push to. Open your spreadsheet, choose Extensions > Apps Script,\n' +
          'then Project Settings, copy the Script ID, and run\n' +
          '  SHEETKPI_SCRIPT_ID=<that id> npm run deploy:sheets\n' +
          '(or put it in js/sheets/.clasp.json as "scriptId"), or make a new spreadsheet with\n' +
          '  npm run deploy:sheets -- --create "KPI workbook"',
      ),
      { exit: 1 },
    );
  }
  // --force: the manifest (appsscript.json) is ours to overwrite.
  clasp(['push', '--force'], dir);
  if (deploy) clasp(['create-deployment', '--description', `sheetkpi ${bundleVersion(dir)}`], dir);
}

function parseArgs(argv) {
  const o = { dir: fileURLToPath(new URL('../../dist/sheets/', import.meta.url)), create: null, deploy: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--create') o.create = argv[i + 1] && !argv[i + 1].startsWith('--') ? argv[++i] : 'sheetkpi KPIs';
    else if (argv[i] === '--deploy') o.deploy = true;
    else if (argv[i] === '--dir') o.dir = resolve(argv[++i]);
    else throw Object.assign(new Error(`unknown option ${argv[i]} (use --create [TITLE], --deploy, --dir DIR)`), { exit: 2 });
  }
  return o;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    deploySheets(parseArgs(process.argv.slice(2)));
  } catch (e) {
    console.error(e.message);
    process.exit(e.exit ?? 1);
  }
}
