// The office.js stand-in and the error conversion, against Microsoft's own type
// definitions of the custom-functions runtime (@types/custom-functions-runtime), read
// with the TypeScript parser: the stand-in offers exactly the documented values, and
// the shim attaches messages and chooses codes exactly as the documentation allows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import vm from 'node:vm';
import ts from 'typescript';
import { excelConverters } from '../../js/excel/convert.js';

const require = createRequire(import.meta.url);
const dtsPath = require.resolve('@types/custom-functions-runtime/index.d.ts');
const source = ts.createSourceFile(dtsPath, readFileSync(dtsPath, 'utf8'), ts.ScriptTarget.Latest, true);

/** The `declare namespace CustomFunctions { … }` body. */
const namespace = source.statements.find((s) => ts.isModuleDeclaration(s) && s.name.text === 'CustomFunctions');
const members = namespace.body.statements;
const enumDecl = members.find((s) => ts.isEnumDeclaration(s) && s.name.text === 'ErrorCode');
/** ErrorCode members: name, value, and what their doc comment says. */
const codes = enumDecl.members.map((m) => {
  const doc = ts.getJSDocCommentsAndTags(m).map((d) => d.getText()).join('\n');
  return {
    name: m.name.getText(),
    value: m.initializer.text,
    message: /custom error message can be used/i.test(doc) ? true : /custom error message can't be used/i.test(doc) ? false : null,
    inputOnly: /not as a custom function output error/i.test(doc),
  };
});

const context = vm.createContext({});
vm.runInContext(readFileSync(new URL('../../js/excel/emulation/office-runtime.js', import.meta.url), 'utf8'), context);
const CF = context.CustomFunctions;

test('the typings document what we rely on', () => {
  assert.ok(codes.length >= 7);
  assert.ok(codes.every((c) => c.message !== null), 'every code says whether it takes a message');
  assert.deepEqual(codes.filter((c) => c.message).map((c) => c.name).sort(), ['invalidValue', 'notAvailable']);
  assert.deepEqual(codes.filter((c) => c.inputOnly).map((c) => c.name).sort(), ['invalidName', 'invalidReference']);
});

test('the stand-in offers exactly the runtime values the typings declare', () => {
  const declared = members
    .filter((s) => ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s) || ts.isEnumDeclaration(s))
    .map((s) => s.name.text);
  assert.deepEqual([...new Set(declared)].sort(), Object.keys(CF).sort());
  assert.deepEqual({ ...CF.ErrorCode }, Object.fromEntries(codes.map((c) => [c.name, c.value])));
  const e = new CF.Error(CF.ErrorCode.invalidValue, 'why');
  assert.deepEqual({ code: e.code, message: e.message }, { code: '#VALUE!', message: 'why' });
});

test('every core error becomes an Excel error the documentation allows, with a message only where allowed', () => {
  const convert = excelConverters(CF);
  for (const c of codes) {
    const e = convert.error({ error: c.value, message: 'A reason for the marketer.' });
    assert.ok(e instanceof CF.Error);
    const out = codes.find((d) => d.value === e.code && !d.inputOnly);
    assert.ok(out, `${c.value} becomes ${e.code}, which a custom function may return`);
    if (!c.inputOnly) assert.equal(e.code, c.value, `${c.value} passes through unchanged`);
    assert.equal(e.message !== undefined, out.message, `${e.code}: a message exactly when the docs allow one`);
  }
});
