// One check among the real ones (web-format, web-report, excel-browser, sheets-jsdoc):
// no JS file re-creates what the registry exports — the old `4.2:1` multiple, a copied
// column-role list, signatures built from params, or a table keyed by every result kind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as imp from '../../pkg-import/sheetkpi_import.js';
import { glue, root } from './load.mjs';

imp.initSync({ module: readFileSync(join(root, 'pkg-import/sheetkpi_import_bg.wasm')) });

/** Every JS source under js/, as [path, text]. */
function sources(dir = join(root, 'js')) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    // Code only: comments may name kinds and roles in words.
    // (Only comments that open a line: a '/**' inside a string is code.)
    const code = () => readFileSync(path, 'utf8').replace(/^\s*\/\*[\s\S]*?\*\//gm, '').replace(/^\s*\/\/.*$/gm, '');
    return /\.(m?js)$/.test(e.name) ? [[relative(root, path), code()]] : [];
  });
}
const files = sources();
/** How many of `names` a text holds as quoted string literals or object keys. */
const quoted = (text, names) => names.filter((n) => new RegExp(`(['"\`])${n}\\1|[{,]\\s*${n}\\s*:`).test(text)).length;

test('the scan sees the hosts', () => {
  for (const f of ['js/web/format.js', 'js/core/display.js', 'js/excel/taskpane.js', 'js/sheets/jsdoc.js']) assert.ok(files.some(([p]) => p === f), f);
});

test('no multiple written as x:1', () => {
  for (const [path, text] of files) assert.doesNotMatch(text, /:1['"`]/, path);
});

test('no copy of the importer\'s column roles', () => {
  const roles = imp.import_roles();
  assert.ok(roles.length > 10);
  for (const [path, text] of files) {
    const n = quoted(text, roles);
    assert.ok(n < roles.length / 2, `${path} names ${n} of the ${roles.length} roles: take them from import_roles()`);
  }
});

test('no signature built from params, no table over every result kind', () => {
  const kinds = Object.keys(glue.result_kinds());
  for (const [path, text] of files) {
    // A parameter list joined with optional ones in brackets (a JSDoc `[name]` tag alone is fine).
    assert.doesNotMatch(text, /(`\[\$\{\s*\w+\.name\s*\}\]`|'\['\s*\+\s*\w+\.name).*\.join\(/, `${path}: use the registry's signature`);
    const n = quoted(text, kinds);
    assert.ok(n < kinds.length / 2, `${path} names ${n} of the ${kinds.length} result kinds: use result_kinds() / display`);
  }
  // The applier of a Display knows no kind at all.
  assert.equal(quoted(files.find(([p]) => p === 'js/core/display.js')[1], kinds), 0);
});
