// The catalogue inside a browser bundle: esbuild inlines the JSON files (the page and the
// task pane work offline and from file://, so nothing is fetched). Only for esbuild
// bundles; Node code uses js/i18n/load.mjs.
import en from '../../src/i18n/en.json';
import nb from '../../src/i18n/nb.json';
import zhHans from '../../src/i18n/zh-Hans.json';
import zhHant from '../../src/i18n/zh-Hant.json';

/** Every language's messages, by tag. */
export const catalogues = { en, 'zh-Hans': zhHans, 'zh-Hant': zhHant, nb };
