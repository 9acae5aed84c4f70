// functions.json against Microsoft's own generator, and against the registry it comes from.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kpi, root } from './load.mjs';
import { excelMetadata, DEFAULT_BASE_URL } from '../../js/excel/metadata.mjs';
import { jsdocSource } from '../../js/excel/jsdoc.mjs';

const require = createRequire(import.meta.url);
// The library entry, not the CLI: same parser and generator, without the CLI's usage-data reporting.
const { generateCustomFunctionsMetadata } = require('custom-functions-metadata/lib/generate.js');

const dist = join(root, 'dist/excel');
const shipped = JSON.parse(readFileSync(join(dist, 'functions.json'), 'utf8'));
const byId = (a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

test('Microsoft custom-functions-metadata, run on a JSDoc view of the registry, gives our functions.json', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sheetkpi-cfm-'));
  const file = join(dir, 'functions.js');
  writeFileSync(file, jsdocSource(kpi.functions, DEFAULT_BASE_URL));
  const generated = await generateCustomFunctionsMetadata(file);
  assert.deepEqual(generated.errors, []);
  const tool = JSON.parse(generated.metadataJson);
  // The one deliberate difference is the top-level flag: the generator always writes
  // allowCustomDataForDataTypeAny and cannot write allowErrorForDataTypeAny (Microsoft's
  // docs: that flag needs hand-made metadata), which we need for error cells to reach us.
  assert.deepEqual(Object.keys(tool).sort(), ['allowCustomDataForDataTypeAny', 'functions']);
  assert.deepEqual(Object.keys(shipped).sort(), ['allowErrorForDataTypeAny', 'functions']);
  assert.equal(shipped.allowErrorForDataTypeAny, true);
  assert.deepEqual([...shipped.functions].sort(byId), [...tool.functions].sort(byId));
  assert.equal(tool.functions.length, kpi.functions.length);
});

test('the shipped functions.json is the one the current WASM registry gives', () => {
  assert.deepEqual(shipped, excelMetadata(kpi.functions, DEFAULT_BASE_URL));
});

test('every registry function and parameter is declared as Excel needs it', () => {
  const ids = new Set();
  for (const [i, f] of kpi.functions.entries()) {
    const m = shipped.functions[i];
    assert.equal(m.id, f.id.toUpperCase());
    assert.match(m.id, /^[A-Z0-9._]{1,128}$/);
    assert.ok(!ids.has(m.id), `duplicate id ${m.id}`);
    ids.add(m.id);
    assert.equal(`KPI.${m.name}`, f.excel_name);
    assert.ok(m.description.length > 0);
    // A table spills as a dynamic array: a matrix of any cells (numbers, texts, errors).
    const table = f.columns.length > 0;
    assert.deepEqual(m.result, table ? { dimensionality: 'matrix' } : { type: f.result === 'text' ? 'string' : 'number' }, f.id);
    assert.equal(m.parameters.length, f.params.length);
    let seenOptional = false;
    for (const [j, p] of f.params.entries()) {
      const q = m.parameters[j];
      assert.equal(q.name, p.name);
      // Only `any` parameters receive error cells; a choice is an option's name, text.
      assert.equal(q.type, p.kind === 'choice' ? 'string' : 'any', `${f.id}.${p.name} type`);
      assert.equal(q.dimensionality === 'matrix', p.takes_range, `${f.id}.${p.name} dimensionality`);
      assert.equal(q.optional === true, p.optional, `${f.id}.${p.name} optional`);
      if (seenOptional) assert.ok(p.optional, `${f.id}: a required parameter after an optional one`);
      seenOptional ||= p.optional;
    }
  }
});

test('every helpUrl points at a section of the packaged help.html', () => {
  const help = readFileSync(join(dist, 'help.html'), 'utf8');
  for (const m of shipped.functions) {
    const url = new URL(m.helpUrl);
    assert.equal(`${url.origin}${url.pathname}`, `${DEFAULT_BASE_URL}/help.html`);
    assert.ok(help.includes(`<section id="${url.hash.slice(1)}">`), `no section for ${m.helpUrl}`);
  }
});

test('a table function with texts, block and choice parameters: Microsoft’s generator agrees with us', async () => {
  // A row in the registry's shape, so the agreement holds before the first real table function.
  const param = (name, kind, takes_range, optional) => ({ name, description: `The ${name}.`, kind, takes_range, optional });
  const row = {
    id: 'SPLIT_T',
    description: 'Splits conversions by channel.',
    params: [param('paths', 'texts', true, false), param('touches', 'block', true, false), param('model', 'choice', false, true)],
    result: 'text',
    columns: [{ name: 'channel', kind: 'text', description: 'The channel.', tolerance: null }],
  };
  const dir = mkdtempSync(join(tmpdir(), 'sheetkpi-cfm-'));
  const file = join(dir, 'functions.js');
  writeFileSync(file, jsdocSource([row], DEFAULT_BASE_URL));
  const generated = await generateCustomFunctionsMetadata(file);
  assert.deepEqual(generated.errors, []);
  const ours = excelMetadata([row], DEFAULT_BASE_URL).functions;
  assert.deepEqual(JSON.parse(generated.metadataJson).functions, ours);
  assert.deepEqual(ours[0].result, { dimensionality: 'matrix' });
  assert.deepEqual(
    ours[0].parameters.map((p) => [p.type, p.dimensionality]),
    [['any', 'matrix'], ['any', 'matrix'], ['string', undefined]],
  );
});
