// Opens the built add-in's shared-runtime page (taskpane.html) in headless Chromium,
// served from localhost by the add-in's own dev server, with the office.js stand-in
// answering for Microsoft's CDN (nothing here can reach it, and nothing may try).
// Used by tests/node/excel-browser.test.mjs and bench/excel-browser-load.mjs.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { OFFICE_JS_URL } from '../metadata.mjs';
import { serve } from '../serve.mjs';

const standin = readFileSync(fileURLToPath(new URL('./office-runtime.js', import.meta.url)), 'utf8');

/** Chromium flags for this machine (TOOLCHAIN.md): no background traffic, no GPU, no sandbox. */
export const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Starts the server and the browser; returns helpers and a close().
 * @param {string} distDir
 */
export async function openBrowser(distDir) {
  const server = await serve({ dir: distDir, port: 0, host: '127.0.0.1' });
  const origin = `http://127.0.0.1:${server.address().port}`;
  const profile = mkdtempSync(join(tmpdir(), 'sheetkpi-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: FLAGS,
    viewport: { width: 360, height: 760 },
  });
  // office.js comes from Microsoft's CDN in production; here the stand-in answers for it.
  await context.route(OFFICE_JS_URL, (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: standin }));
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));

  /**
   * Opens the page and collects console errors and page errors; `displayLanguage`: the
   * language Office reports (the stand-in's Office.context.displayLanguage).
   */
  async function open(path = '/taskpane.html', { displayLanguage = null } = {}) {
    const page = await context.newPage();
    if (displayLanguage) await page.addInitScript((l) => (globalThis.officeDisplayLanguage = l), displayLanguage);
    const errors = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(origin + path);
    return { page, errors };
  }

  async function close() {
    await context.close();
    await new Promise((ok) => server.close(ok));
    rmSync(profile, { recursive: true, force: true });
  }

  /** Requests that went anywhere but this server, other than the stubbed office.js. */
  const leaks = () => requests.filter((u) => !u.startsWith(`${origin}/`) && u !== OFFICE_JS_URL);

  return { origin, open, close, requests, leaks };
}
