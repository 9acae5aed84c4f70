// The dev server (npm run serve:excel) over HTTPS with a throwaway localhost certificate:
// the right types (application/wasm), only files inside dist/excel, GET/HEAD only.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './load.mjs';
import { serve } from '../../js/excel/serve.mjs';

const dir = mkdtempSync(join(tmpdir(), 'sheetkpi-cert-'));
const cert = join(dir, 'localhost.crt');
const key = join(dir, 'localhost.key');
execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', key, '-out', cert], { stdio: 'ignore' });
const ca = readFileSync(cert);
const server = await serve({ dir: join(root, 'dist/excel'), port: 0, host: '127.0.0.1', tls: { cert: ca, key: readFileSync(key) } });
const { port } = server.address();
after(() => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** One HTTPS request that trusts only the throwaway certificate. */
function get(path, method = 'GET') {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', servername: 'localhost', port, path, method, ca }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode, type: res.headers['content-type'], cache: res.headers['cache-control'], body: Buffer.concat(chunks) }));
    });
    req.on('error', fail);
    req.end();
  });
}

test('serves the build over HTTPS with the types Office and browsers need', async () => {
  const wasm = await get('/sheetkpi_bg.wasm');
  assert.equal(wasm.status, 200);
  assert.equal(wasm.type, 'application/wasm');
  assert.deepEqual(wasm.body, readFileSync(join(root, 'dist/excel/sheetkpi_bg.wasm')));
  assert.equal(wasm.cache, 'no-store');
  assert.match((await get('/functions.json')).type, /^application\/json/);
  assert.match((await get('/manifest.xml')).type, /^application\/xml/);
  assert.match((await get('/functions.js')).type, /^text\/javascript/);
  const page = await get('/');
  assert.equal(page.status, 200);
  assert.match(page.body.toString(), /<title[^>]*>sheetkpi/);
  assert.equal((await get('/assets/icon-80.png')).type, 'image/png');
});

test('nothing outside the folder, nothing but GET and HEAD', async () => {
  assert.equal((await get('/no-such-file.js')).status, 404);
  assert.equal((await get('/../package.json')).status, 404); // normalized to /package.json, absent
  assert.equal((await get('/..%2fpackage.json')).status, 403); // an encoded slash must not escape
  assert.equal((await get('/functions.json', 'POST')).status, 405);
  const head = await get('/functions.json', 'HEAD');
  assert.equal(head.status, 200);
  assert.equal(head.body.length, 0);
});
