// A static file server for the built add-in: HTTPS on localhost:3000 for sideloading
// (Office requires HTTPS), plain HTTP for tests. Serves only files inside its folder,
// with the right types (application/wasm lets the browser compile the WASM as it streams).
//
// Usage: node js/excel/serve.mjs [--dir dist/excel] [--port 3000] [--cert F --key F] [--http]
// Without --cert/--key it uses the certificate that Microsoft's office-addin-dev-certs
// installs (~/.office-addin-dev-certs/localhost.crt and localhost.key).

import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { extname, join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
};

/**
 * A request handler serving the files under `dir`.
 * @param {string} dir
 */
export function staticHandler(dir) {
  const rootDir = resolve(dir);
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (path.endsWith('/')) path += 'taskpane.html';
    const file = resolve(rootDir, '.' + path);
    if (file !== rootDir && !file.startsWith(rootDir + sep)) {
      res.writeHead(403).end();
      return;
    }
    if (!existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    const body = readFileSync(file);
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] || 'application/octet-stream',
      'Content-Length': body.length,
      // A development server: Excel must see a rebuild at once.
      'Cache-Control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}

/**
 * Starts serving `dir`; resolves to the server once it listens.
 * @param {{dir: string, port?: number, host?: string, tls?: {cert: Buffer, key: Buffer}}} o
 */
export function serve({ dir, port = 3000, host = 'localhost', tls }) {
  const handler = staticHandler(dir);
  const server = tls ? createHttpsServer(tls, handler) : createHttpServer(handler);
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => ok(server));
  });
}

function parseArgs(argv) {
  const certDir = join(homedir(), '.office-addin-dev-certs');
  const o = { dir: 'dist/excel', port: 3000, cert: join(certDir, 'localhost.crt'), key: join(certDir, 'localhost.key'), http: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    if (flag === '--dir') o.dir = value();
    else if (flag === '--port') o.port = Number(value());
    else if (flag === '--cert') o.cert = value();
    else if (flag === '--key') o.key = value();
    else if (flag === '--http') o.http = true;
    else throw new Error(`unknown option ${argv[i]}`);
  }
  return o;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const o = parseArgs(process.argv.slice(2));
  if (!existsSync(join(o.dir, 'manifest.xml'))) {
    console.error(`${o.dir} has no build: run npm run build:excel first.`);
    process.exit(1);
  }
  let tls;
  if (!o.http) {
    if (!existsSync(o.cert) || !existsSync(o.key)) {
      console.error(
        `No HTTPS certificate at ${o.cert} / ${o.key}.\n` +
          'Create and trust one with: npx office-addin-dev-certs install\n' +
          '(or pass --cert and --key; --http serves plain HTTP, which Excel will not load).',
      );
      process.exit(1);
    }
    tls = { cert: readFileSync(o.cert), key: readFileSync(o.key) };
  }
  const server = await serve({ dir: o.dir, port: o.port, tls });
  const { port } = server.address();
  console.error(`Serving ${resolve(o.dir)} at ${tls ? 'https' : 'http'}://localhost:${port}/ (manifest: ${o.dir}/manifest.xml). Ctrl+C stops.`);
}
