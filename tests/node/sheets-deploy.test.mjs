// deploy:sheets' orchestration of clasp (js/sheets/deploy.mjs), with a stand-in clasp
// that records each call (clasp itself needs a Google login, so it cannot run here): the
// commands and options are clasp 3's own (checked against its command definitions: push
// --force, create-script --type sheets --title --json, create-deployment --description),
// run in the right folders, and a new project's script id lands in .clasp.json without the
// new project's files replacing the bundle's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST } from '../../js/sheets/emulator.mjs';
import { root } from './load.mjs';

/** A copy of dist/sheets/ and a stand-in clasp that logs its argv and cwd as JSON lines. */
function setUp() {
  const work = mkdtempSync(join(tmpdir(), 'sheetkpi-deploy-'));
  const dir = join(work, 'sheets');
  cpSync(DIST, dir, { recursive: true });
  const log = join(work, 'clasp.log');
  const fake = join(work, 'clasp');
  writeFileSync(
    fake,
    `#!${process.execPath}\n` +
      `const fs = require('fs');\n` +
      `const args = process.argv.slice(2);\n` +
      `fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify({ args, cwd: process.cwd() }) + '\\n');\n` +
      // As clasp create-script does: pull the new project's files into the folder it runs in.
      `if (args[0] === 'create-script') { fs.writeFileSync('Code.js', 'function myFunction() {}'); fs.writeFileSync('appsscript.json', '{}');\n` +
      `  console.log(JSON.stringify({ scriptId: 'NEW-SCRIPT', parentId: 'NEW-SHEET', files: ['Code.js'] })); }\n`,
  );
  chmodSync(fake, 0o755);
  const run = (...args) =>
    spawnSync(process.execPath, [join(root, 'js/sheets/deploy.mjs'), '--dir', dir, ...args], { encoding: 'utf8', env: { ...process.env, SHEETKPI_CLASP: fake } });
  const calls = () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l)) : []);
  const clasp = () => JSON.parse(readFileSync(join(dir, '.clasp.json'), 'utf8'));
  const setScript = (id) => writeFileSync(join(dir, '.clasp.json'), JSON.stringify({ ...clasp(), scriptId: id }));
  return { dir, run, calls, clasp, setScript };
}

test('without a script id it explains where to find one and calls nothing', () => {
  const t = setUp();
  t.setScript('');
  const r = t.run();
  assert.equal(r.status, 1);
  assert.match(r.stderr, /Project Settings, copy the Script ID/);
  assert.match(r.stderr, /--create/);
  assert.deepEqual(t.calls(), []);
});

test('with a script id it pushes the bundle folder, replacing the manifest', () => {
  const t = setUp();
  t.setScript('EXISTING');
  const r = t.run();
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(t.calls(), [{ args: ['push', '--force'], cwd: t.dir }]);
});

test('--create makes a spreadsheet elsewhere, keeps the bundle, records the id, then pushes; --deploy versions it', () => {
  const t = setUp();
  t.setScript('');
  const before = readdirSync(t.dir).sort();
  const manifest = readFileSync(join(t.dir, 'appsscript.json'), 'utf8');
  const r = t.run('--create', 'Q3 KPIs', '--deploy');
  assert.equal(r.status, 0, r.stderr);
  const [create, push, deploy] = t.calls();
  assert.deepEqual(create.args, ['create-script', '--type', 'sheets', '--title', 'Q3 KPIs', '--json']);
  assert.notEqual(create.cwd, t.dir, 'create-script pulls files into its folder: not the bundle');
  assert.deepEqual(push, { args: ['push', '--force'], cwd: t.dir });
  const version = /^\/\/ sheetkpi (\S+) for Google Sheets/.exec(readFileSync(join(t.dir, 'functions.js'), 'utf8'))[1];
  assert.deepEqual(deploy, { args: ['create-deployment', '--description', `sheetkpi ${version}`], cwd: t.dir });
  assert.equal(t.clasp().scriptId, 'NEW-SCRIPT');
  assert.deepEqual(t.clasp().filePushOrder, JSON.parse(readFileSync(join(DIST, '.clasp.json'), 'utf8')).filePushOrder);
  assert.deepEqual(readdirSync(t.dir).sort(), before);
  assert.equal(readFileSync(join(t.dir, 'appsscript.json'), 'utf8'), manifest);
  assert.match(r.stderr, /docs\.google\.com\/spreadsheets\/d\/NEW-SHEET/);
});

test('--create refuses to replace a project already set', () => {
  const t = setUp();
  t.setScript('EXISTING');
  const r = t.run('--create');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /already set/);
  assert.deepEqual(t.calls(), []);
});
