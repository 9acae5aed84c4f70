// The page's number formats (js/web/format.js), checked against values written by hand
// the way a marketer reads them (en-US).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatNumber, formatResult, exactValue } from '../../js/web/format.js';

const f = (x, kind) => formatNumber(x, kind, 'en-US');

test('money has cents and thousands separators', () => {
  assert.equal(f(1234.5, 'money'), '1,234.50');
  assert.equal(f(75, 'money'), '75.00');
  assert.equal(f(-0.004, 'money'), '-0.00');
});

test('multiples read as ratios, fractions as percentages, NPS as a signed score', () => {
  assert.equal(f(4.2, 'multiple'), '4.2:1');
  assert.equal(f(10, 'multiple'), '10:1');
  assert.equal(f(10 / 3, 'multiple'), '3.33:1');
  assert.equal(f(0.014, 'fraction'), '1.4%');
  assert.equal(f(0.5, 'fraction'), '50%');
  assert.equal(f(1 / 3, 'fraction'), '33.33%');
  assert.equal(f(42, 'score'), '+42');
  assert.equal(f(-12.5, 'score'), '-12.5');
  assert.equal(f(0, 'score'), '0');
});

test('counts, ratios and durations', () => {
  assert.equal(f(1234567, 'count'), '1,234,567');
  assert.equal(f(2.345, 'count'), '2.35');
  assert.equal(f(0.5, 'ratio'), '0.5');
  assert.equal(f(45, 'seconds'), '45 s');
  assert.equal(f(125, 'seconds'), '2 min 5 s');
  assert.equal(f(3725, 'seconds'), '1 h 2 min');
  assert.equal(f(1, 'days'), '1 day');
  assert.equal(f(12.25, 'days'), '12.3 days');
  assert.equal(f(14, 'months'), '14 months');
});

test('errors keep their code and explain themselves; exact values keep every digit', () => {
  assert.deepEqual(formatResult({ error: '#DIV/0!', message: 'Ad spend is zero.' }, 'multiple', 'en-US'), {
    text: '#DIV/0!',
    title: 'Ad spend is zero.',
    kind: 'error',
  });
  assert.match(formatResult({ error: '#REF!' }, 'money').title, /#REF!/);
  assert.equal(formatResult('Healthy', 'text').text, 'Healthy');
  assert.equal(exactValue(0.1 + 0.2), '0.30000000000000004');
  assert.equal(exactValue({ error: '#N/A' }), '#N/A');
});

test('table columns line up their decimals', () => {
  const fixed = (x, kind) => formatNumber(x, kind, 'en-US', true);
  assert.equal(fixed(0.016, 'fraction'), '1.60%');
  assert.equal(fixed(4, 'multiple'), '4.00:1');
  assert.equal(fixed(2.3, 'count'), '2.30');
  assert.equal(fixed(2, 'count'), '2.00');
  assert.equal(fixed(75, 'money'), '75.00');
  // The free form is untouched afterwards.
  assert.equal(f(0.016, 'fraction'), '1.6%');
});

test('headers name their currency; ids and roles read as words', async () => {
  const { currencyOf, kpiTitle, roleWords, unitOf } = await import('../../js/web/report/units.js');
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
  assert.equal(unitOf('multiple', ''), 'ratio x:1');
});
