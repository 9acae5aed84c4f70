// The hosted build (js/hosted/build.mjs) served from localhost under a sub-path, as GitHub
// Pages serves a project site (https://OWNER.github.io/REPO/): every URL either manifest
// names resolves to a file of the build, every link of the front page resolves, and the
// Excel task pane and the browser page, opened there in headless Chromium, load
// everything from under that sub-path and request nothing from anywhere else (office.js,
// which comes from Microsoft's CDN, answered by the stand-in).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { buildHosted, PARTS } from '../../js/hosted/build.mjs';
import { staticHandler } from '../../js/excel/serve.mjs';
import { FLAGS } from '../../js/excel/emulation/browser.mjs';
import { OFFICE_JS_URL } from '../../js/excel/metadata.mjs';
import { kpi, root } from './load.mjs';

const PREFIX = '/team/sheetkpi/';
const dir = mkdtempSync(join(tmpdir(), 'sheetkpi-hosted-'));
// A static host that has the folder at PREFIX and nothing else (anything outside is a 404).
const files = staticHandler(dir);
const server = createServer((req, res) => {
  if (!req.url.startsWith(PREFIX)) return res.writeHead(404).end();
  req.url = `/${req.url.slice(PREFIX.length)}`;
  return files(req, res);
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const origin = `http://127.0.0.1:${server.address().port}`;
const base = `${origin}${PREFIX}`;
await buildHosted({ baseUrl: base, outDir: dir });
after(async () => {
  await new Promise((ok) => server.close(ok));
  rmSync(dir, { recursive: true, force: true });
});

/** GET `url` from the test server: its status and content type. */
async function head(url) {
  const r = await fetch(url);
  await r.arrayBuffer();
  return { status: r.status, type: r.headers.get('content-type') };
}

test('every URL of manifest.xml, manifest.json and functions.json resolves under the base URL', async () => {
  const xml = readFileSync(join(dir, PARTS.excel, 'manifest.xml'), 'utf8');
  const json = JSON.parse(readFileSync(join(dir, PARTS.excel, 'manifest.json'), 'utf8'));
  const meta = JSON.parse(readFileSync(join(dir, PARTS.excel, 'functions.json'), 'utf8'));
  const fromXml = [...xml.matchAll(/DefaultValue="(https?:\/\/[^"]+)"/g)].map((m) => m[1]);
  const fromJson = JSON.stringify(json).match(/https?:\/\/[^"]+/g).filter((u) => u !== json.$schema && u !== origin);
  const fromMeta = meta.functions.map((f) => f.helpUrl.split('#')[0]);
  // The icons a manifest.json names by relative path travel beside it.
  const relative = [json.icons.outline, json.icons.color].map((p) => new URL(p, `${base}${PARTS.excel}/manifest.json`).href);
  assert.ok(fromXml.length >= 10 && fromJson.length >= 10);
  assert.deepEqual(json.validDomains, [origin]);
  for (const url of new Set([...fromXml, ...fromJson, ...fromMeta, ...relative])) {
    assert.ok(url.startsWith(`${base}${PARTS.excel}/`), `${url} is under ${base}${PARTS.excel}/`);
    const r = await head(url);
    assert.equal(r.status, 200, url);
    if (url.endsWith('.png')) assert.equal(r.type, 'image/png', url);
  }
});

test("every link of the front page resolves, and it names the build's version", async () => {
  const page = readFileSync(join(dir, 'index.html'), 'utf8');
  assert.doesNotMatch(page, /\{\{[A-Z]+\}\}/);
  assert.ok(page.includes(`<title>sheetkpi ${kpi.version}:`), 'the title names the version');
  const links = [...page.matchAll(/\b(?:href|src)="([^"]+)"/g)].map((m) => m[1]);
  assert.ok(links.length >= 8, links);
  for (const link of links) {
    assert.doesNotMatch(link, /^(\/|[a-z]+:)/i, `${link} is relative`);
    assert.equal((await head(new URL(link, base).href)).status, 200, link);
  }
});

test('the Excel task pane and the browser page load under the sub-path and request nothing elsewhere', async () => {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: FLAGS });
  try {
    const context = await browser.newContext();
    const standin = readFileSync(join(root, 'js/excel/emulation/office-runtime.js'), 'utf8');
    await context.route(OFFICE_JS_URL, (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: standin }));
    const requests = [];
    const failed = [];
    context.on('request', (r) => requests.push(r.url()));
    context.on('response', (r) => r.status() >= 400 && failed.push(`${r.status()} ${r.url()}`));
    const errors = [];
    const open = async (path) => {
      const page = await context.newPage();
      page.on('pageerror', (e) => errors.push(`${path}: ${e}`));
      page.on('console', (m) => m.type() === 'error' && errors.push(`${path}: ${m.text()}`));
      await page.goto(base + path);
      return page;
    };
    const pane = await open(`${PARTS.excel}/taskpane.html`);
    await pane.waitForFunction(() => performance.getEntriesByName('sheetkpi:wasm-ready').length === 1);
    await pane.waitForSelector('#catalogue li');
    const web = await open(`${PARTS.web}/index.html`);
    await web.waitForSelector('html[data-ready="true"]', { state: 'attached', timeout: 30000 });
    await open('index.html');

    assert.deepEqual(failed, []);
    assert.deepEqual(errors, []);
    const elsewhere = requests.filter((u) => !u.startsWith(base) && u !== OFFICE_JS_URL && !/^(data|blob):/.test(u));
    assert.deepEqual(elsewhere, [], 'nothing is requested from outside the base URL');
    for (const part of [`${PARTS.excel}/sheetkpi_bg.wasm`, `${PARTS.excel}/functions.js`, `${PARTS.web}/app.js`]) {
      assert.ok(requests.includes(base + part), `${part} was loaded from under the sub-path`);
    }
  } finally {
    await browser.close();
  }
});

test('the Sheets download is the one-file add-on and its manifest', () => {
  const gs = readFileSync(join(dir, PARTS.sheets, 'sheetkpi.gs'), 'utf8');
  assert.equal(gs, readFileSync(join(root, 'dist/sheets-one-file/sheetkpi.gs'), 'utf8'));
  assert.match(gs, /^function onOpen\(e\)/m);
  const manifest = JSON.parse(readFileSync(join(dir, PARTS.sheets, 'appsscript.json'), 'utf8'));
  assert.equal(manifest.runtimeVersion, 'V8');
});

test('the GitHub Pages workflow builds this folder and publishes it on v* tags', () => {
  // Drift guard: the workflow must call the same npm script and upload the folder the
  // build writes by default; a renamed script or folder would publish nothing.
  const wf = readFileSync(join(root, '.github/workflows/pages.yml'), 'utf8');
  const scripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts;
  assert.match(scripts['build:hosted'], /js\/hosted\/build\.mjs/);
  assert.match(wf, /^\s+run: npm run build:hosted -- --base-url "\$BASE_URL"$/m);
  assert.match(wf, /^\s+path: dist\/hosted$/m);
  assert.match(wf, /^\s+tags: \['v\*'\]$/m);
  assert.match(wf, /uses: actions\/deploy-pages@v\d+/);
});
