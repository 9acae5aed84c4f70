// Builds the WASM a host bundle loads when it is missing or older than the Rust sources, so
// that `npm run build:excel`, `build:sheets` and `build:web` each work on a fresh clone by
// themselves (running the set-up first: toolchain, wasm-bindgen, wasm-pack, npm ci) and cost
// nothing when the WASM is current. The npm scripts run it before their build script:
//   node js/build/wasm.mjs functions [import]
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The bundles: where each is built and what `scripts/build-wasm.sh` calls it. */
const BUNDLES = {
  functions: 'pkg/sheetkpi_bg.wasm',
  import: 'pkg-import/sheetkpi_import_bg.wasm',
};

/** The newest modification time of the files the WASM is built from. */
function newestSource() {
  let newest = 0;
  const visit = (path) => {
    const s = statSync(path);
    if (s.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
    else newest = Math.max(newest, s.mtimeMs);
  };
  for (const p of ['src', 'Cargo.toml', 'Cargo.lock']) visit(join(root, p));
  return newest;
}

/** Builds each of `kinds` ('functions', 'import') whose WASM is missing or stale. */
export function ensureWasm(...kinds) {
  const stale = kinds.filter((k) => {
    const wasm = join(root, BUNDLES[k]);
    return !existsSync(wasm) || statSync(wasm).mtimeMs < newestSource();
  });
  // The host builds need the npm packages (esbuild) too; build-wasm.sh sets up the rest.
  if (!existsSync(join(root, 'node_modules/.package-lock.json'))) execFileSync('bash', ['scripts/setup.sh'], { cwd: root, stdio: 'inherit' });
  for (const k of stale) {
    console.error(`[build] ${BUNDLES[k]} is missing or older than the Rust sources: building it`);
    execFileSync('bash', ['scripts/build-wasm.sh', ...(k === 'import' ? ['import'] : [])], { cwd: root, stdio: 'inherit' });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const kinds = process.argv.slice(2);
  const unknown = kinds.filter((k) => !(k in BUNDLES));
  if (kinds.length === 0 || unknown.length > 0) {
    console.error(`usage: node js/build/wasm.mjs ${Object.keys(BUNDLES).join('|')}…`);
    process.exit(2);
  }
  ensureWasm(...kinds);
}
