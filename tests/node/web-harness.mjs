// Real headless Chromium (playwright-core, /usr/bin/chromium) on the built page in
// dist/web, served from localhost by js/web/serve.mjs. Records every request, console
// error and page error, so tests can require that nothing left localhost.
// Shared by tests/node/web-*.test.mjs and bench/web-*.mjs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../js/web/serve.mjs';

export const root = fileURLToPath(new URL('../../', import.meta.url));
/** The built page (SHEETKPI_WEB_DIST: another copy of it, e.g. a deployed folder). */
export const dist = process.env.SHEETKPI_WEB_DIST || join(root, 'dist/web');

/** Chromium flags for this machine (TOOLCHAIN.md): no background traffic, no GPU, no sandbox. */
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Starts the server and a fresh browser profile.
 * `bypassCSP`: only for injecting a test tool (axe-core) into the page; never for checks of the page itself.
 * @param {{viewport?: {width: number, height: number}, locale?: string, bypassCSP?: boolean}} [opts]
 */
export async function openBrowser(opts = {}) {
  const server = await serve({ dir: dist, port: 0 });
  const origin = `http://127.0.0.1:${/** @type {any} */ (server.address()).port}`;
  const profile = mkdtempSync(join(tmpdir(), 'sheetkpi-web-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: FLAGS,
    viewport: opts.viewport || { width: 1280, height: 900 },
    locale: opts.locale || 'en-US',
    acceptDownloads: true,
    bypassCSP: Boolean(opts.bypassCSP),
  });
  /** @type {string[]} */
  const requests = [];
  /** Pages whose requests are deliberate probes of the policy, not the page's own. */
  const probes = new WeakSet();
  context.on('request', (r) => {
    let page = null;
    try {
      page = r.frame().page();
    } catch {
      // Service-worker and browser requests have no frame: they count.
    }
    if (!page || !probes.has(page)) requests.push(r.url());
  });

  /**
   * Opens a page (a path on the server, or a full URL such as file://…) and waits until
   * the page says it is interactive. `probe`: the test will make this page try to
   * connect out on purpose, so its requests are not counted as leaks.
   */
  async function open(path = '/', { wait = true, probe = false } = {}) {
    const page = await context.newPage();
    if (probe) probes.add(page);
    /** @type {string[]} */
    const errors = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`pageerror: ${e}`));
    await page.goto(path.includes('://') ? path : origin + path);
    if (wait) await page.waitForSelector('html[data-ready="true"]', { state: 'attached', timeout: 30000 });
    return { page, errors };
  }

  async function close() {
    await context.close();
    await new Promise((ok) => server.close(ok));
    rmSync(profile, { recursive: true, force: true });
  }

  /** Requests that went anywhere but this server or the page's own file:// folder. */
  const leaks = () =>
    requests.filter(
      (u) => !u.startsWith(`${origin}/`) && !u.startsWith(pathToFileURL(dist).href) && !u.startsWith('data:') && !u.startsWith('blob:'),
    );

  return { origin, open, close, requests, leaks, context };
}

/**
 * Opens `file` through the page's file input (`#file`) and waits until the page has read it
 * (its status line says `Read NAME:`) or shows an import error.
 */
export async function openWorkbook(page, file) {
  await page.evaluate(() => {
    document.getElementById('status').textContent = '';
    document.getElementById('import-error').hidden = true;
  });
  await page.setInputFiles('#file', file);
  await page.waitForFunction(
    (name) => document.getElementById('status').textContent.startsWith(`Read ${name}:`) || !document.getElementById('import-error').hidden,
    basename(file),
    { timeout: 60000 },
  );
}
