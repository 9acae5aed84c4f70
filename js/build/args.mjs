// The command line of the builds that write for a base URL (build:excel, build:hosted):
// `--base-url URL` (or `--base-url=URL`) and `--out DIR`, the URL defaulting to an
// environment variable and then to the Excel dev server's.
import { resolve } from 'node:path';
import { DEFAULT_BASE_URL } from '../excel/metadata.mjs';

/**
 * @param {string[]} argv the arguments after the script
 * @param {string} envVar the environment variable that may hold the base URL
 * @returns {{baseUrl: string, outDir: string | undefined}}
 */
export function baseUrlArgs(argv, envVar) {
  const o = { baseUrl: process.env[envVar] || DEFAULT_BASE_URL, outDir: undefined };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    if (flag === '--base-url') o.baseUrl = value();
    else if (flag === '--out') o.outDir = resolve(value());
    else throw new Error(`unknown option ${argv[i]} (use --base-url URL, --out DIR)`);
  }
  return o;
}
