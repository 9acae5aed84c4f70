// The catalogue for Node (build scripts, tests): src/i18n/<lang>.json read from disk.
import { readFileSync } from 'node:fs';
import { DEFAULT_LANGUAGE, LANGUAGES, translator } from './catalogue.js';

const dir = new URL('../../src/i18n/', import.meta.url);

/** Every language's messages, by tag, as js/i18n/bundled.js gives them to the bundles. */
export function loadCatalogues() {
  return Object.fromEntries(LANGUAGES.map(({ tag }) => [tag, JSON.parse(readFileSync(new URL(`${tag}.json`, dir), 'utf8'))]));
}

/** @type {((id: string, vars?: any) => string) | null} */
let english = null;

/** The English translator, for generators called without a language (made once). */
export function englishTranslator() {
  english ||= translator(loadCatalogues(), DEFAULT_LANGUAGE);
  return english;
}
