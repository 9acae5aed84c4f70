// The built page (dist/web) in real headless Chromium: the formula bar answers exactly as
// `sheetkpi eval` for every registry example, the catalogue lists and searches the
// registry, the page works by keyboard, on a phone and from file://, its policy blocks
// every connection, and nothing leaves localhost. Screenshots in test-artifacts/.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { kpi, root, bits } from './load.mjs';
import { openBrowser, dist } from './web-harness.mjs';
import { CSP } from '../../js/web/csp.js';

const artifacts = join(root, 'test-artifacts');
mkdirSync(artifacts, { recursive: true });
const browser = await openBrowser();
after(() => browser.close());
const { page, errors } = await browser.open('/');

/** `sheetkpi eval --json` on many formulas at once (exit 1 just means some are errors). */
function cliEval(formulas) {
  const bin = process.env.SHEETKPI_BIN || join(root, 'target/debug/sheetkpi');
  const r = spawnSync(bin, ['eval', '--json', ...formulas], { encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.ok(r.status === 0 || r.status === 1, `sheetkpi eval failed: ${r.stderr}`);
  return r.stdout.trim().split('\n').map((l) => JSON.parse(l));
}

/** Types `text` into the formula bar the way a keyboard would, and reads the answer. */
async function formulaResult(text) {
  return page.evaluate((t) => {
    const input = document.getElementById('formula');
    input.value = t;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    const out = document.getElementById('formula-result');
    return { value: out.dataset.value, kind: out.dataset.kind, text: out.textContent };
  }, text);
}

test('the page carries the policy: own scripts, wasm-unsafe-eval, no connections', async () => {
  const meta = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert.equal(meta, CSP);
  assert.match(meta, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.match(meta, /connect-src 'none'/);
  assert.match(meta, /default-src 'none'/);
  // A fresh page, so its deliberate violations stay out of the main page's console.
  const probe = await browser.open('/', { probe: true });
  const blocked = await probe.page.evaluate(async () => {
    const violations = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
    const attempt = async (url) => fetch(url).then(() => 'fetched', () => 'refused');
    const out = { remote: await attempt('http://example.com/collect'), local: await attempt(location.href) };
    const img = new Image();
    await new Promise((ok) => {
      img.onerror = ok;
      img.onload = ok;
      img.src = 'http://example.com/pixel.png';
    });
    await new Promise((ok) => setTimeout(ok, 50));
    return { ...out, violations };
  });
  assert.deepEqual(blocked, { remote: 'refused', local: 'refused', violations: ['connect-src', 'connect-src', 'img-src'] });
  await probe.page.close();
  assert.ok(readFileSync(join(dist, 'index.html'), 'utf8').includes('never uploaded'));
  assert.match(await page.textContent('#privacy'), /Nothing leaves your device/);
});

test('the formula bar gives the same result as `sheetkpi eval` for every registry example', async () => {
  const examples = kpi.functions.flatMap((f) => f.examples.map((e) => e.formula));
  assert.ok(examples.length > 100, `${examples.length} examples`);
  const native = cliEval(examples);
  assert.equal(native.length, examples.length);
  for (let i = 0; i < examples.length; i++) {
    // Typed with the leading '=' as in a spreadsheet; the CLI takes it without.
    const got = await formulaResult(`=${examples[i]}`);
    const want = native[i];
    const where = `=${examples[i]}: page ${JSON.stringify(got)}, CLI ${JSON.stringify(want)}`;
    if (typeof want === 'number') {
      assert.equal(got.kind, 'number', where);
      assert.equal(bits(Number(got.value)), bits(want), where);
    } else if (typeof want === 'string') {
      assert.equal(got.kind, want === '' ? 'blank' : 'text', where);
      assert.equal(got.value, want, where);
    } else {
      assert.equal(got.kind, 'error', where);
      assert.equal(got.value, want.error, where);
      assert.ok(got.text.includes(want.message), where);
    }
  }
});

test('typed formulas show formatted results, and unreadable ones say where', async () => {
  await page.fill('#formula', '');
  await page.type('#formula', '=CAC({100,200}, {1,3})');
  assert.equal(await page.getAttribute('#formula-result', 'data-value'), '75');
  assert.match(await page.textContent('#formula-result .value'), /^75\.00$/);
  await page.fill('#formula', '=ROAS(1000, 100)');
  // Each result kind as the registry displays it (the CLI's report table shows the same).
  const kinds = kpi.resultKinds;
  for (const [formula, text, kind] of [
    ['=ROAS(1000, 100)', '10.00x', 'multiple'],
    ['=CTR(14, 1000)', '1.40%', 'fraction'],
    ['=AVG_SESSION_DURATION(1250, 10)', '125.0 s', 'seconds'],
    ['=SALES_CYCLE({45000;45010;45020}, {45030;45070;45050})', '40.0 days', 'days'],
    ['=NPS(50, 30, 20)', '+30.0', 'score'],
  ]) {
    await page.fill('#formula', formula);
    assert.equal(await page.textContent('#formula-result .value'), text, formula);
    assert.ok(text.endsWith(kinds[kind].suffix), `${formula}: the ${kind} suffix`);
  }
  await page.fill('#formula', '=ROAS(1000, 0)');
  assert.equal(await page.textContent('#formula-result .code'), '#DIV/0!');
  assert.equal(await page.getAttribute('#formula', 'aria-invalid'), 'true');
  await page.fill('#formula', '=ROAS(1000,, 5');
  assert.equal(await page.textContent('#formula-result .code'), '#VALUE!');
  assert.match(await page.textContent('#formula-result .message'), /cannot be read/);
  assert.equal(await page.$$eval('#formula-result mark', (m) => m.length), 1);
  await page.fill('#formula', '=NOSUCH(1)');
  assert.match(await page.textContent('#formula-result'), /#NAME\?/);
  await page.fill('#formula', '=ROAS(1000, 100)');
});

test('the catalogue lists every registry function, searches, and fills the bar', async () => {
  const listed = await page.$$eval('#catalogue li', (lis) => lis.map((li) => li.dataset.id));
  assert.deepEqual(listed, kpi.functions.map((f) => f.id));
  assert.equal(await page.textContent('#catalogue-count'), `${listed.length} functions`);
  await page.fill('#search', 'churn');
  const shown = await page.$$eval('#catalogue li:not([hidden])', (lis) => lis.map((li) => li.dataset.id));
  assert.ok(shown.length > 0 && shown.length < listed.length, `churn: ${shown}`);
  for (const id of shown) {
    const f = kpi.functions.find((x) => x.id === id);
    assert.ok(JSON.stringify(f).toLowerCase().includes('churn'), id);
  }
  await page.fill('#search', 'zzzz-nothing');
  assert.equal(await page.textContent('#catalogue-count'), `0 of ${listed.length} functions`);
  await page.fill('#search', '');

  const cac = kpi.functions.find((f) => f.id === 'CAC');
  await page.click('#catalogue li[data-id="CAC"] button');
  assert.equal(await page.isVisible('#function-details'), true);
  assert.match(await page.textContent('#function-details .formula'), new RegExp(cac.formula.replace(/[()+*?.[\]\\/]/g, '\\$&')));
  // Signatures, what each input takes and the result in the registry's own words.
  assert.equal(await page.textContent('#function-details h3 code'), cac.signature);
  const takes = await page.$$eval('#function-details .takes', (s) => s.map((x) => x.textContent));
  assert.deepEqual(takes, cac.params.map((p) => ` Takes: ${p.describe}.`));
  assert.equal(await page.textContent('#function-details .result-kind'), `Result: ${cac.display.words}.`);
  const hint = await page.textContent('#function-details .hint');
  assert.ok(hint.includes(`In Excel: =${cac.excel_signature} · In Google Sheets: =${cac.sheets_signature}`), hint);
  const buttons = await page.$$eval('#function-details button.example', (b) => b.map((x) => x.textContent));
  assert.deepEqual(buttons, cac.examples.map((e) => `=${e.formula}`));
  await page.click('#function-details button.example >> nth=1');
  assert.equal(await page.inputValue('#formula'), `=${cac.examples[1].formula}`);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'formula');
  await page.screenshot({ path: join(artifacts, 'web-formula-bar.png'), fullPage: true });
});

test('usable with the keyboard alone', async () => {
  // Search, Enter takes the first match, its example lands in the formula bar.
  await page.focus('#search');
  await page.keyboard.type('cost per click');
  await page.keyboard.press('Enter');
  assert.match(await page.inputValue('#formula'), /^=CPC\(/);
  // Down moves from the search box into the list, Up back out.
  await page.focus('#search');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement.closest('li')?.dataset.id), 'CPC');
  await page.keyboard.press('ArrowUp');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'search');
  await page.fill('#search', '');
  // Tab from the top reaches the file picker and the sample button before the formula bar.
  await page.focus('.skip');
  const order = [];
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Tab');
    order.push(await page.evaluate(() => document.activeElement.id || document.activeElement.className));
  }
  const at = (id) => order.indexOf(id);
  assert.ok(at('file') >= 0 && at('sample') > at('file') && at('formula') > at('sample') && at('search') > at('formula'), order.join(' → '));
  // The focused file picker shows its focus ring on the visible button.
  await page.focus('#file');
  const ring = await page.$eval('label[for="file"]', (l) => getComputedStyle(l).outlineStyle);
  assert.equal(ring, 'solid');
});

test('fits a phone screen: no sideways scrolling, catalogue under the bar', async () => {
  const phone = await browser.context.newPage();
  await phone.setViewportSize({ width: 390, height: 844 });
  await phone.goto(`${browser.origin}/`);
  await phone.waitForSelector('html[data-ready="true"]', { state: 'attached' });
  const layout = await phone.evaluate(() => ({
    overflow: document.documentElement.scrollWidth - window.innerWidth,
    bar: document.getElementById('formula').getBoundingClientRect(),
    list: document.getElementById('catalogue').getBoundingClientRect(),
  }));
  assert.ok(layout.overflow <= 0, `page is ${layout.overflow}px wider than the phone`);
  assert.ok(layout.list.top > layout.bar.bottom, 'catalogue stacks under the formula bar');
  await phone.screenshot({ path: join(artifacts, 'web-phone.png'), fullPage: true });
  await phone.close();
});

test('works when opened from disk (file://)', async () => {
  const local = await browser.open(pathToFileURL(join(dist, 'index.html')).href);
  await local.page.fill('#formula', '=CAC({100,200}, {1,3})');
  assert.equal(await local.page.getAttribute('#formula-result', 'data-value'), '75');
  assert.deepEqual(local.errors, []);
  await local.page.close();
});

test('no console errors, and no request left localhost', () => {
  assert.deepEqual(errors, []);
  assert.deepEqual(browser.leaks(), []);
});
