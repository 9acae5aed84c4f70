// The page's number formats (js/web/format.js) against the registry's one display per
// result kind: the Display table from the real functions WASM, and the CLI's own
// rendering of it (`sheetkpi report --format table` uses format_plain; `sheetkpi eval`
// prints the exact digits) for the same values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliTable } from './cli-table.mjs';
import { glue, nativeCli } from './load.mjs';
import { displayOf, exactValue, formatNumber, formatResult, initFormats, plainNumber } from '../../js/web/format.js';

initFormats(glue.result_kinds());
const f = (x, kind) => formatNumber(x, kind, 'en-US');
const fixed = (x, kind) => formatNumber(x, kind, 'en-US', true);

test('each kind shows as the registry documents it (src/registry/display.rs)', () => {
  assert.equal(f(16890, 'money'), '16,890.00');
  assert.equal(f(-4132.8, 'money'), '-4,132.80');
  assert.equal(f(-0.001, 'money'), '0.00');
  assert.equal(f(4.2, 'multiple'), '4.20x');
  assert.equal(f(10, 'multiple'), '10.00x');
  assert.equal(f(0.014, 'fraction'), '1.40%');
  assert.equal(f(0.5, 'ratio'), '0.50');
  assert.equal(f(5, 'count'), '5');
  assert.equal(fixed(5, 'count'), '5.00');
  assert.equal(f(2.346, 'count'), '2.35');
  assert.equal(f(65.5, 'seconds'), '65.5 s');
  assert.equal(f(125, 'seconds'), '125.0 s');
  assert.equal(f(1, 'days'), '1.0 day');
  assert.equal(f(12.26, 'days'), '12.3 days');
  assert.equal(f(1, 'months'), '1.0 month');
  assert.equal(f(14, 'months'), '14.0 months');
  assert.equal(f(25, 'score'), '+25.0');
  assert.equal(f(-12.5, 'score'), '-12.5');
  assert.equal(f(0, 'score'), '0.0');
  assert.equal(f(0.01, 'score'), '0.0', 'no sign on a value that rounds to zero');
});

test('every kind of result_kinds() is applied from its Display alone', () => {
  const kinds = glue.result_kinds();
  assert.ok(Object.keys(kinds).length >= 10);
  for (const [kind, d] of Object.entries(kinds)) {
    assert.deepEqual(displayOf(kind), d);
    for (const x of [0, 1, 2, 1234.5678, -7.25]) {
      const text = f(x, kind);
      const suffix = x === 1 ? d.suffix_one : d.suffix;
      assert.ok(text.endsWith(suffix), `${kind} ${x}: "${text}" ends with "${suffix}"`);
      const digits = text.slice(0, text.length - suffix.length);
      const decimals = d.trim_whole && Number.isInteger(x) ? 0 : d.decimals;
      assert.equal(digits.split('.')[1]?.length ?? 0, decimals, `${kind} ${x}: "${text}" has ${decimals} decimals`);
      const shown = d.percent ? x * 100 : x;
      const off = Math.abs(Number(digits.replace(/,/g, '')) - shown);
      assert.ok(off <= 0.5 * 10 ** -decimals, `${kind} ${x}: "${text}" is ${shown} rounded`);
      if (d.signed && x > 0) assert.match(text, /^\+/, `${kind} ${x}`);
    }
  }
  // No multiple as "4.2:1" and no duration in words any more: the registry's display wins.
  assert.doesNotMatch(f(4.2, 'multiple'), /:1$/);
  assert.doesNotMatch(f(125, 'seconds'), /min/);
});

test('ties round to even and the exact double decides, as Rust does (not as Intl would)', () => {
  assert.equal(f(0.125, 'money'), '0.12');
  assert.equal(f(0.375, 'money'), '0.38');
  assert.equal(f(0.625, 'multiple'), '0.62x');
  assert.equal(f(12.25, 'days'), '12.2 days');
  assert.equal(f(12.35, 'days'), '12.3 days', '12.35 is 12.3499… as a double');
  assert.equal(f(1.005, 'money'), '1.00');
  assert.equal(f(2.5, 'count'), '2.50');
  assert.equal(f(-0.00001, 'fraction'), '0.00%');
  assert.equal(f(-0.0001, 'fraction'), '-0.01%');
});

test('the locale groups and marks decimals; the registry sets decimals, sign and suffix', () => {
  assert.equal(formatNumber(1234.5, 'money', 'de-DE'), '1.234,50');
  assert.equal(formatNumber(0.014, 'fraction', 'de-DE'), '1,40%');
  assert.equal(formatNumber(4.2, 'multiple', 'fr-FR'), '4,20x');
  assert.equal(formatNumber(25, 'score', 'de-DE'), '+25,0');
});

test('beyond 1e15, non-finite, and an unknown kind: the exact digits, as `sheetkpi eval` prints them', () => {
  const formulas = ['CTR(1, 300000000000000)', 'ROAS(1, 3)', 'ROAS(100000000000000000, 1)', 'CTR(3, 20000000)', 'CPC(0.0000001, 1)', 'ROAS(1e21, 1)', 'ROAS(0, 1)'];
  const cli = nativeCli('eval', ...formulas).trim().split('\n').map((l) => l.split('  →  ')[1]);
  formulas.forEach((text, i) => {
    const x = glue.evaluate_formula(text);
    assert.equal(plainNumber(x), cli[i], text);
    assert.equal(formatNumber(x, 'no_such_kind', 'en-US'), cli[i], text);
  });
  assert.equal(f(1e17, 'multiple'), '100000000000000000');
});

/** A workbook whose rows give the values worth checking: ties, 1, 0, negatives, big and tiny. */
const CSV = `Channel,Spend,Revenue,Impressions,Clicks,Conversions,Sessions,Bounces,Page views
A,8,1,800,1,1,8,1,1
B,8,3,8000,3,3,3,1,15
C,10,42,1000,14,7,3,2,7
D,10,12345678.91,123456789,2,1,8,3,20
E,1,100000000000000000,3,3,3,3,3,3
F,3,3,3,3,3,3,3,3
G,0.005,0.01,1000000,1,0,1,0,3
H,2.5,0.0625,40,1,1,2,1,5
I,7,2.5,16,2,1,16,2,10
J,1000,999.995,1000,999,1,7,1,9
K,1,12.345,3,1,1,9,4,13
L,1,2.675,7,3,2,5,4,12
M,1,1.005,9,1,1,16,10,17
N,16,10,8,5,5,8,5,5
O,5,2,1600,8,3,6,2,8`;

test('the report table: every KPI and summed input the CLI shows, the page shows the same', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sheetkpi-format-'));
  try {
    const file = join(dir, 'kinds.csv');
    writeFileSync(file, `${CSV}\n`);
    const json = JSON.parse(nativeCli('report', file, '--format', 'json'));
    const table = cliTable(nativeCli('report', file, '--format', 'table'));
    const kinds = new Set(json.kpis.map((k) => k.result));
    for (const kind of ['money', 'multiple', 'fraction', 'count']) assert.ok(kinds.has(kind), `the report shows ${kind} KPIs`);
    const lines = [...json.rows.map((r) => ['Row', String(r.row), r]), ...json.groups.map((g) => ['Channel', g.group, g]), ['Channel', 'Total', json.total]];
    let compared = 0;
    for (const [key, id, line] of lines) {
      const shown = table.find((t) => t[key] === id && (key === 'Row' || 'Rows' in t));
      assert.ok(shown, `the CLI table has ${key} ${id}`);
      json.kpis.forEach((k, i) => {
        const v = line.kpis[i];
        if (typeof v !== 'number') return;
        assert.equal(f(v, k.result), shown[k.id], `${key} ${id} ${k.id} (${k.result}) = ${v}`);
        compared++;
      });
      // A summed input has no result kind: the CLI shows it as a count.
      json.measure_headers.forEach((h, i) => {
        if (typeof line.values[i] === 'number') assert.equal(f(line.values[i], 'count'), shown[h], `${key} ${id} ${h}`);
      });
    }
    assert.ok(compared > 150, `only ${compared} KPI values compared`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('errors keep their code and explain themselves; exact values keep every digit', () => {
  assert.deepEqual(formatResult({ error: '#DIV/0!', message: 'Ad spend is zero.' }, 'multiple', 'en-US'), {
    text: '#DIV/0!',
    title: 'Ad spend is zero.',
    kind: 'error',
  });
  assert.match(formatResult({ error: '#REF!' }, 'money').title, /#REF!/);
  assert.equal(formatResult('Healthy', 'text').text, 'Healthy');
  assert.equal(formatResult(4.2, 'multiple', 'en-US').text, '4.20x');
  assert.equal(exactValue(0.1 + 0.2), '0.30000000000000004');
  assert.equal(exactValue({ error: '#N/A' }), '#N/A');
});

test('a value beside its display where that says more than the digits (Excel task pane and help)', async () => {
  const { valueAndDisplay } = await import('../../js/core/display.js');
  const kinds = glue.result_kinds();
  assert.equal(valueAndDisplay(10, kinds.multiple, 'en-US'), '10, shown as 10.00x');
  assert.equal(valueAndDisplay(0.014, kinds.fraction, 'en-US'), '0.014, shown as 1.40%');
  assert.equal(valueAndDisplay(600, kinds.money, 'en-US'), '600');
  assert.equal(valueAndDisplay(2 / 3, kinds.ratio, 'en-US'), '0.6666666666666666, shown as 0.67');
});

test('table columns line up their decimals', () => {
  assert.equal(fixed(0.016, 'fraction'), '1.60%');
  assert.equal(fixed(4, 'multiple'), '4.00x');
  assert.equal(fixed(2.3, 'count'), '2.30');
  assert.equal(fixed(2, 'count'), '2.00');
  assert.equal(fixed(75, 'money'), '75.00');
  // The free form is untouched afterwards.
  assert.equal(f(2, 'count'), '2');
});

test('headers name their currency; ids and roles read as words', async () => {
  const { currencyOf, kpiName, kpiTitle, roleWords, unitOf } = await import('../../js/web/report/units.js');
  const { useLanguage } = await import('../../js/web/report/i18n.js');
  const { translator } = await import('../../js/i18n/catalogue.js');
  const { loadCatalogues } = await import('../../js/i18n/load.mjs');
  // The report view speaks the page's language, handed to it at mount (here English).
  const speak = (lang) => useLanguage({ t: translator(loadCatalogues(), lang), functions: [], onChange() {} });
  speak('en');
  assert.equal(currencyOf(['Spend (USD)', 'Revenue (USD)']), 'USD');
  assert.equal(currencyOf(['花費（NT$）']), 'NT$');
  assert.equal(currencyOf(['Kostnad (kr)']), 'kr');
  assert.equal(currencyOf(['花费（元）']), '¥');
  assert.equal(currencyOf(['Cost €']), '€');
  assert.equal(currencyOf(['Spend', 'Revenue']), '');
  assert.equal(kpiTitle('BOUNCE_RATE'), 'Bounce rate');
  assert.equal(kpiTitle('MQL_TO_SQL'), 'MQL to SQL');
  assert.equal(kpiTitle('ROAS'), 'ROAS');
  assert.equal(roleWords('new_customers'), 'new customers');
  assert.equal(roleWords('mqls'), 'MQLs');
  assert.equal(unitOf('money', 'kr'), 'kr');
  assert.equal(unitOf('multiple', ''), 'multiple');
  assert.equal(unitOf('fraction', ''), '%');
  assert.equal(unitOf('days', ''), 'days');
  assert.equal(unitOf('text', ''), '');
  assert.equal(kpiName('BOUNCE_RATE'), 'Bounce rate');
  // In another language a unit is its word there, a KPI its id as typed.
  speak('nb');
  assert.equal(unitOf('days', ''), 'dager');
  assert.equal(unitOf('money', ''), 'beløp');
  assert.equal(kpiName('BOUNCE_RATE'), 'BOUNCE_RATE');
});
