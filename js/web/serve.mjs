#!/usr/bin/env node
// A static server for the built page (dist/web) on localhost: any static host works the
// same; this one is for trying the page and for the tests and benchmarks. Serves only
// files inside its folder, with the right types, and nothing else.
//
// Usage: node js/web/serve.mjs [--dir dist/web] [--port 8080]
import { createServer } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
};

/**
 * Starts serving `dir`; resolves with the listening http.Server.
 * @param {{dir: string, port?: number, host?: string}} opts
 */
export function serve({ dir, port = 8080, host = '127.0.0.1' }) {
  const rootDir = resolve(dir);
  const server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    let path;
    try {
      path = decodeURIComponent(new URL(req.url || '/', 'http://x').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (path.endsWith('/')) path += 'index.html';
    const file = resolve(rootDir, '.' + path);
    if (!file.startsWith(rootDir + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    const body = readFileSync(file);
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] || 'application/octet-stream', 'Content-Length': body.length, 'Cache-Control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => ok(server));
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] || '').href) {
  const arg = (name, dflt) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : dflt;
  };
  const dir = arg('--dir', fileURLToPath(new URL('../../dist/web', import.meta.url)));
  const server = await serve({ dir, port: Number(arg('--port', 8080)) });
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  console.log(`sheetkpi page: http://127.0.0.1:${port}/ (Ctrl-C to stop)`);
}
