// The customers section of the built page (dist/web) in real headless Chromium, with the
// real import WASM: a transaction list written as an xlsx by a real writer (SheetJS, with
// real date cells) shows the section, whose tracking plot and table, P(alive) histogram,
// top customers by CLV and fitted parameters are `sheetkpi clv FILE --unit weeks --format
// json` number for number, and whose CSV download is byte for byte `--format csv`. The model
// controls recompute it as the CLI with the same flags; a value that cannot be read is
// explained at its control. A summary per customer has no tracking plot; a campaign workbook
// shows no section. Screenshots in test-artifacts/.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bits, root } from './load.mjs';
import { openBrowser, openWorkbook, dist } from './web-harness.mjs';
import { transactions, writeXlsx } from './customer-data.mjs';

const artifacts = join(root, 'test-artifacts');
mkdirSync(artifacts, { recursive: true });
const skip = !existsSync(join(dist, 'report.js'));
const browser = await openBrowser();
const tmp = mkdtempSync(join(tmpdir(), 'sheetkpi-web-customers-'));
after(async () => {
  await browser.close();
  rmSync(tmp, { recursive: true, force: true });
});
const { page, errors } = await browser.open('/');

/** `sheetkpi clv FILE ARGS --format FORMAT`: its stdout (must exit 0). */
function cli(file, args, format = 'json') {
  const bin = process.env.SHEETKPI_BIN || join(root, 'target/debug/sheetkpi');
  const r = spawnSync(bin, ['clv', file, ...args, '--format', format], { encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}
const cliClv = (file, args) => JSON.parse(cli(file, args));

const orders = writeXlsx(join(tmp, 'orders.xlsx'), transactions(), 'Orders');

/** Opens `file` in the page; it must read without an import error. */
async function upload(file) {
  await openWorkbook(page, file);
  assert.equal(await page.isHidden('#import-error'), true, await page.textContent('#import-error'));
}

/** Waits until the section's latest recomputation is answered. */
const idle = () => page.waitForFunction(() => !document.getElementById('customers').dataset.busy, null, { timeout: 60000 });

/** Sets the model controls (option → text) and waits until the page has recomputed or refused. */
async function setOptions(values) {
  for (const [option, v] of Object.entries(values)) {
    const sel = `#customers-${option}`;
    if (option === 'model' || option === 'unit') await page.selectOption(sel, String(v));
    else await page.fill(sel, String(v));
  }
  await page.press('#customers-margin', 'Enter');
  await idle();
}

/** A table's body as {key: row dataset value, cells: {col: data-value}}. */
function shown(selector, key) {
  return page.$$eval(`${selector} tbody tr`, (trs, key) =>
    trs.map((tr) => ({ key: tr.dataset[key], head: tr.querySelector('th')?.textContent, cells: Object.fromEntries([...tr.querySelectorAll('td[data-col]')].map((td) => [td.dataset.col, td.dataset.value])) })), key);
}

/** Everything the section shows equals the CLI's JSON `want`, bit for bit. */
async function assertSection(want) {
  // The tracking plot: one point a period in each line, and its table the CLI's series.
  const tr = want.tracking;
  assert.ok(tr.period.length > 40, `${tr.period.length} periods`);
  const rows = await shown('#tracking-table', 'period');
  assert.deepEqual(rows.map((r) => Number(r.key)), tr.period);
  assert.deepEqual(rows.map((r) => bits(Number(r.cells.actual))), tr.actual.map(bits));
  assert.deepEqual(rows.map((r) => bits(Number(r.cells.model))), tr.model.map(bits));
  const lines = await page.$$eval('#tracking-plot polyline', (ps) => ps.map((p) => [p.dataset.series, p.getAttribute('points').split(' ').length]));
  assert.deepEqual(lines, [['actual', tr.period.length], ['model', tr.period.length]]);
  const svg = await page.$eval('#tracking-plot', (s) => ({ role: s.getAttribute('role'), title: s.querySelector('title').textContent, desc: s.querySelector('desc').textContent, axes: [...s.querySelectorAll('text')].map((t) => t.textContent) }));
  assert.equal(svg.role, 'img');
  assert.equal(svg.title, 'Cumulative repeat purchases: actual and model');
  assert.ok(svg.axes.includes(`${want.unit[0].toUpperCase()}${want.unit.slice(1)} since the earliest first purchase`), svg.axes.join('|'));
  assert.match(svg.desc, new RegExp(`by ${want.unit} since`));
  // The histogram: the CLI's bins and counts, in the table and as bars.
  const bins = await shown('#alive-table', 'bin');
  assert.deepEqual(bins.map((b) => Number(b.cells.count)), want.p_alive_histogram.count);
  assert.equal(bins[9].head, '0.9–1');
  assert.deepEqual(await page.$$eval('#alive-plot rect', (rs) => rs.map((r) => Number(r.dataset.count))), want.p_alive_histogram.count);
  assert.equal(want.p_alive_histogram.count.reduce((a, b) => a + b, 0), want.customers.length);
  // The top customers: the CLI's ranking, and their numbers.
  const top = await shown('#top-customers', 'index');
  assert.equal(top.length, 20);
  assert.deepEqual(top.map((r) => Number(r.key)), want.top_by_clv);
  top.forEach((r, i) => {
    const c = want.customers[want.top_by_clv[i]];
    assert.equal(r.head, c.id);
    for (const k of ['frequency', 'recency', 'T', 'expected_purchases', 'p_alive', 'expected_spend', 'clv']) assert.equal(bits(Number(r.cells[k])), bits(c[k]), `${c.id} ${k}`);
  });
  const clvs = top.map((r) => Number(r.cells.clv));
  assert.deepEqual(clvs, [...clvs].sort((a, b) => b - a), 'highest CLV first');
  // The fits: parameters, standard errors, log-likelihood.
  const params = await shown('#customers-params', 'param');
  assert.deepEqual(params.map((p) => p.key), [...Object.keys(want.params), 'log_likelihood']);
  for (const p of params.slice(0, -1)) {
    assert.equal(bits(Number(p.cells.value)), bits(want.params[p.key]), p.key);
    assert.equal(bits(Number(p.cells.std_error)), bits(want.std_errors[p.key]), p.key);
  }
  assert.equal(bits(Number(params.at(-1).cells.value)), bits(want.log_likelihood));
  const spend = await shown('#customers-spend-params', 'param');
  assert.deepEqual(spend.slice(0, -1).map((p) => bits(Number(p.cells.value))), Object.values(want.spend.params).map(bits));
  assert.deepEqual(await page.$$eval('#customers .warnings li', (l) => l.map((x) => x.textContent)), want.warnings);
}

/** The CSV the page downloads, as text. */
async function downloadCsv(name) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#download-customers-csv')]);
  const saved = join(tmp, name);
  await dl.saveAs(saved);
  return { text: readFileSync(saved, 'utf8'), suggested: dl.suggestedFilename() };
}

test('transactions in an xlsx: the customers section is the CLI’s, plots, tables and CSV', { skip }, async () => {
  const want = cliClv(orders, ['--unit', 'weeks']);
  await upload(orders);
  assert.equal(await page.isVisible('#customers'), true);
  assert.match(await page.textContent('#status'), /CLV forecast of 400 customers/);
  assert.match(await page.textContent('#customers-source'), /^400 customers from transactions in sheet “Orders” \(header in row 1\); BG\/NBD in weeks, 52 periods ahead\.$/);
  const shownOptions = await page.$$eval('#customers-options [data-option]', (els) => Object.fromEntries(els.map((e) => [e.dataset.option, e.value])));
  assert.deepEqual(shownOptions, { model: 'bgnbd', unit: 'weeks', horizon: '', discount: '0', margin: '1' });
  await assertSection(want);
  const csv = await downloadCsv('orders.csv');
  assert.equal(csv.suggested, 'orders customers.csv');
  assert.equal(csv.text, cli(orders, ['--unit', 'weeks'], 'csv'));
  await page.screenshot({ path: join(artifacts, 'web-customers-orders.png'), fullPage: true });
});

test('the model controls: other options give the CLI numbers and CSV with the same flags; what cannot be read is explained', { skip }, async () => {
  await upload(orders);
  await setOptions({ model: 'pnbd', unit: 'days', horizon: '90', discount: '1%', margin: '30%' });
  assert.equal(await page.isHidden('#customers-options-error'), true, await page.textContent('#customers-options-error'));
  const flags = ['--model', 'pnbd', '--unit', 'days', '--horizon', '90', '--discount', '0.01', '--margin', '0.3'];
  const want = cliClv(orders, flags);
  assert.notDeepEqual(want.params, cliClv(orders, ['--unit', 'weeks']).params, 'the options change the numbers');
  await assertSection(want);
  assert.equal((await downloadCsv('options.csv')).text, cli(orders, flags, 'csv'));
  // Not a number: said at its control, the last results stay.
  await setOptions({ horizon: 'abc' });
  assert.match(await page.textContent('#customers-options-error'), /^Horizon \(periods\): "abc" is not a number\. The results below are still those of the last settings that worked\.$/);
  assert.equal(await page.getAttribute('#customers-horizon', 'aria-invalid'), 'true');
  await assertSection(want);
  // Read, but refused by the engine: its own words.
  await setOptions({ horizon: '2.5' });
  assert.match(await page.textContent('#customers-options-error'), /horizon must be a whole number of periods/);
  // Reset: the defaults again.
  await page.click('#customers-options button[type="button"]');
  await idle();
  await assertSection(cliClv(orders, ['--unit', 'weeks']));
});

test('a summary per customer: the section without a tracking plot', { skip }, async () => {
  // The orders' own histories in weeks (as the CLI counts them), each repeat buyer's mean
  // spend the mean of their repeat amounts: a summary as a user would have one.
  const tx = transactions().slice(1);
  const byId = new Map();
  for (const r of tx) byId.set(r[0], [...(byId.get(r[0]) || []), r]);
  const rows = [['customer', 'frequency', 'recency', 'T', 'monetary_value']];
  for (const c of cliClv(orders, ['--unit', 'weeks']).customers) {
    const amounts = byId.get(c.id).map((r) => r[2]);
    const repeat = amounts.slice(1);
    rows.push([c.id, c.frequency, c.recency, c.T, c.frequency ? repeat.reduce((x, y) => x + y, 0) / repeat.length : 0]);
  }
  const file = join(tmp, 'summary.csv');
  writeFileSync(file, rows.map((r) => r.join(',')).join('\n') + '\n');
  const want = cliClv(file, ['--unit', 'weeks']);
  await upload(file);
  assert.equal(await page.isVisible('#customers'), true);
  assert.equal(await page.isVisible('#tracking-none'), true);
  assert.equal(await page.$$eval('#tracking-plot', (n) => n.length), 0);
  const bins = await shown('#alive-table', 'bin');
  assert.deepEqual(bins.map((b) => Number(b.cells.count)), want.p_alive_histogram.count);
  const top = await shown('#top-customers', 'index');
  assert.deepEqual(top.map((r) => Number(r.key)), want.top_by_clv);
});

test('a campaign workbook shows no customers section', { skip }, async () => {
  await upload(join(root, 'samples/campaigns.xlsx'));
  assert.equal(await page.isHidden('#customers'), true);
  assert.equal(await page.$$eval('#customers *', (n) => n.length), 0);
});

test('no console errors, and no request left localhost', () => {
  assert.deepEqual(errors, []);
  assert.deepEqual(browser.leaks(), []);
});
