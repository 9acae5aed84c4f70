// The Excel add-in's one description (manifest/excel/addin.json) and what both manifest
// writers derive from it: absolute URLs under a base URL, the icon sizes, the version as
// Office wants it. manifest-xml.mjs and manifest-json.mjs take everything from here.

import { readFileSync } from 'node:fs';
import { normalizeBaseUrl } from './metadata.mjs';

/** The add-in's ids, names, files, icons and permission (manifest/excel/addin.json). */
export const ADDIN = JSON.parse(readFileSync(new URL('../../manifest/excel/addin.json', import.meta.url), 'utf8'));

/**
 * `path` (relative to the hosted folder) as an absolute URL under `baseUrl`.
 * @param {string} baseUrl
 * @param {string} path
 */
export function hostedUrl(baseUrl, path) {
  return `${normalizeBaseUrl(baseUrl)}/${path}`;
}

/** Every icon's pixel size and path, the size read from the file name (`icon-32.png`). */
export function iconFiles() {
  return Object.values(ADDIN.icons).map((path) => {
    const m = /-(\d+)\.png$/.exec(path);
    if (!m) throw new Error(`icon ${path} must be named …-SIZE.png`);
    return { size: Number(m[1]), path };
  });
}

/** The icon sizes a ribbon group or button takes (Office: 16, 32 and 80 pixels). */
export const RIBBON_ICON_SIZES = [16, 32, 80];

/** The ribbon's icons, one file per size of RIBBON_ICON_SIZES; fails when addin.json lacks one. */
export function ribbonIconFiles() {
  return RIBBON_ICON_SIZES.map((size) => {
    const file = iconFiles().find((f) => f.size === size);
    if (!file) throw new Error(`addin.json has no ${size}-pixel icon for the ribbon`);
    return file;
  });
}

/** The pixel size of icon `key` of addin.json's `icons`. */
export function iconSize(key) {
  return iconFiles().find((f) => f.path === ADDIN.icons[key]).size;
}

/**
 * A package version (x.y.z, a pre-release or build tail dropped) as its three numbers;
 * both manifests require plain numbers.
 * @param {string} version
 */
export function numericVersion(version) {
  const numeric = version.split(/[-+]/)[0].split('.').map(Number);
  if (numeric.length !== 3 || numeric.some((n) => !Number.isInteger(n))) throw new Error(`version ${version} is not x.y.z`);
  return numeric;
}

/**
 * Fails unless the registry's Excel names use the namespace the manifests declare.
 * @param {string} namespace the registry's (`KPI` of `KPI.ROAS`)
 */
export function checkNamespace(namespace) {
  if (namespace !== ADDIN.namespace) throw new Error(`manifest namespace ${ADDIN.namespace} differs from the registry's ${namespace}`);
}
