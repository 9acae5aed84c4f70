// The report table on a terminal: in a real pseudo-terminal (util-linux `script`) of 80
// and 120 columns no line of the table is wider than the window, figures line up on their
// decimal point, --kpis chooses the columns, and piped output keeps every column.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { nativeRun } from './load.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = process.env.SHEETKPI_BIN || `${root}target/debug/sheetkpi`;
const quote = (s) => `'${s.replaceAll("'", "'\\''")}'`;

/** stdout of the CLI run in a pseudo-terminal `cols` wide (stderr's progress bar dropped). */
function inTerminal(cols, ...args) {
  const cmd = `stty cols ${cols} rows 50; ${[bin, ...args].map(quote).join(' ')} 2>/dev/null`;
  const r = spawnSync('script', ['-q', '-e', '-c', cmd, '/dev/null'], { cwd: root, encoding: 'utf8' });
  if (r.error) throw r.error;
  return { status: r.status, text: r.stdout.replaceAll('\r', '') };
}

// A terminal gives East Asian wide characters two columns.
const width = (s) => [...s].reduce((w, c) => w + (c.codePointAt(0) >= 0x1100 ? 2 : 1), 0);

const files = ['samples/campaigns.xlsx', 'tests/fixtures/zh_hant_merged.xlsx', 'tests/fixtures/zh_hans_1904.xlsx'];

for (const cols of [80, 120]) {
  for (const file of files) {
    test(`${file} fits a terminal ${cols} columns wide`, () => {
      const { status, text } = inTerminal(cols, 'report', file);
      assert.equal(status, 0);
      assert.match(text, /By |Total:/);
      const lines = text.split('\n');
      for (const line of lines) assert.ok(width(line) <= cols, `${width(line)} > ${cols}: ${line}`);
      // The total's ROAS is there (the key figure), whatever else had to go.
      if (file === 'samples/campaigns.xlsx') {
        assert.match(lines.find((l) => l.startsWith('Total ')), /2\.85x/);
        assert.match(text, /Not shown \(--kpis to choose, --wide for every column\):/);
      }
    });
  }
}

test('figures line up on the decimal point', () => {
  const { text } = inTerminal(120, 'report', 'samples/campaigns.xlsx', '--kpis', 'ROAS,CAC');
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith('Channel '));
  const table = lines.slice(start + 2, lines.findIndex((l, i) => i > start && l.startsWith('Total ')) + 1);
  assert.equal(table.length, 6);
  const head = lines[start];
  // Revenue has whole and fractional figures (38,523 and 35,547.60): the point, or where it
  // would be, sits in one column for every line.
  const col = head.indexOf('Revenue (USD)');
  const end = head.indexOf('ROAS');
  const points = table.map((l) => {
    const cell = l.slice(col, end).trimEnd();
    const dot = cell.indexOf('.');
    return dot >= 0 ? col + dot : col + cell.length;
  });
  assert.equal(new Set(points).size, 1, table.join('\n'));
  assert.ok(table.some((l) => l.slice(col, end).includes('.')) && table.some((l) => !l.slice(col, end).includes('.')));
});

test('--kpis chooses the columns, in its order, and refuses an id the report lacks', () => {
  const { text } = inTerminal(120, 'report', 'samples/campaigns.xlsx', '--kpis', 'cac,ROAS');
  const head = text.split('\n').find((l) => l.startsWith('Channel '));
  assert.deepEqual(head.split(/ {2,}/), ['Channel', 'Rows', 'Spend (USD)', 'Revenue (USD)', 'ROAS', 'CAC']);
  const bad = nativeRun('report', 'samples/campaigns.xlsx', '--kpis', 'ROAS,NPS');
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--kpis: this report has no NPS; it computes ROI, ROAS/);
});

test('piped output and --wide keep every column', () => {
  const piped = nativeRun('report', 'samples/campaigns.xlsx').stdout;
  const wide = inTerminal(80, 'report', 'samples/campaigns.xlsx', '--wide').text;
  for (const text of [piped, wide]) {
    const head = text.split('\n').find((l) => l.startsWith('Channel '));
    assert.match(head, /Impressions .* MQL_TO_SQL/);
    assert.doesNotMatch(text, /Not shown/);
  }
  assert.equal(wide, piped);
});
