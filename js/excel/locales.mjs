// Excel in the catalogue's languages, as Microsoft documents custom-functions localization
// ("Custom functions naming and localization"): one functions JSON per language
// (functions-<lang>.json, `name`, `description` and the parameters' descriptions in that
// language; `id` never localized), named in the manifest by a <bt:Override Locale=…> of the
// Functions.Metadata.Url resource; the manifest's own strings get Overrides too.
//
// Function names stay the KPI ids in every language (ROAS, CAC…: the articles use them
// untranslated too), so a formula reads the same in every Excel and in Sheets; parameter
// names stay as well, as the names a formula's tooltip shows match the docs.
import { DEFAULT_LANGUAGE, LANGUAGES } from '../i18n/catalogue.js';

/**
 * Office culture names for each catalogue language, first the one Office uses for its
 * display language (zh-CN, zh-TW, nb-NO), then the others that read the same script.
 */
export const OFFICE_LOCALES = {
  'zh-Hans': ['zh-CN', 'zh-SG'],
  'zh-Hant': ['zh-TW', 'zh-HK', 'zh-MO'],
  nb: ['nb-NO'],
};

/** The languages beyond the default (English) one, which get files of their own. */
export const EXTRA_LANGUAGES = LANGUAGES.map((l) => l.tag).filter((t) => t !== DEFAULT_LANGUAGE);

/** A file's name for a language: `functions.json` in English, `functions-zh-Hans.json` else. */
export function localizedFile(base, ext, lang) {
  return lang === DEFAULT_LANGUAGE ? `${base}.${ext}` : `${base}-${lang}.${ext}`;
}

/** Manifest elements whose text has a catalogue message (`manifest.<name>`). */
const TOP_LEVEL = ['DisplayName', 'Description'];
/** Resource strings that are not text for people: the namespace is what formulas type. */
const NOT_TEXT = new Set(['Functions.Namespace']);

/**
 * The manifest's texts for people, by catalogue id (`manifest.DisplayName`,
 * `manifest.Group.Label`…), in English, as the manifest holds them.
 * @param {string} xml
 * @returns {Map<string, string>}
 */
export function manifestStrings(xml) {
  const out = new Map();
  for (const name of TOP_LEVEL) {
    const m = new RegExp(`<${name} DefaultValue="([^"]*)"`).exec(xml);
    if (m) out.set(`manifest.${name}`, m[1]);
  }
  for (const m of xml.matchAll(/<bt:String id="([^"]+)" DefaultValue="([^"]*)"/g)) {
    if (!NOT_TEXT.has(m[1])) out.set(`manifest.${m[1]}`, m[2]);
  }
  return out;
}

const escapeXml = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]);

/** `<bt:Override …/>` (or `<Override …/>` at the top level) children, one per Office locale. */
function overrides(prefix, valueOf, indent) {
  return EXTRA_LANGUAGES.flatMap((lang) =>
    OFFICE_LOCALES[lang].map((locale) => `${indent}<${prefix}Override Locale="${locale}" Value="${escapeXml(valueOf(lang))}"/>`),
  ).join('\n');
}

/** Replaces the self-closing element matched by `re` by the same element holding `children`. */
function withChildren(xml, re, children, what) {
  let hit = false;
  const out = xml.replace(re, (all, indent, open, tag) => {
    hit = true;
    return `${indent}${open}>\n${children}\n${indent}</${tag}>`;
  });
  if (!hit) throw new Error(`manifest has no ${what} to localize`);
  return out;
}

/**
 * The rendered manifest with its localized Overrides: the functions metadata URL per
 * language, and every text for people from the catalogue.
 * @param {string} xml the rendered manifest (base URL filled in)
 * @param {(lang: string) => (id: string) => string} translate a translator per language
 */
export function localizeManifest(xml, translate) {
  const url = /<bt:Url id="Functions\.Metadata\.Url" DefaultValue="([^"]*)"/.exec(xml);
  if (!url) throw new Error('manifest has no Functions.Metadata.Url');
  const metadataUrl = (lang) => url[1].replace(/functions\.json$/, localizedFile('functions', 'json', lang));
  let out = withChildren(
    xml,
    /^([ \t]*)(<(bt:Url) id="Functions\.Metadata\.Url" DefaultValue="[^"]*")\/>/m,
    overrides('bt:', metadataUrl, `${/^([ \t]*)<bt:Url id="Functions\.Metadata\.Url"/m.exec(xml)[1]}  `),
    'Functions.Metadata.Url',
  );
  for (const id of manifestStrings(xml).keys()) {
    const name = id.slice('manifest.'.length);
    const top = TOP_LEVEL.includes(name);
    const re = top
      ? new RegExp(`^([ \\t]*)(<(${name}) DefaultValue="[^"]*")/>`, 'm')
      : new RegExp(`^([ \\t]*)(<(bt:String) id="${name.replace(/\./g, '\\.')}" DefaultValue="[^"]*")/>`, 'm');
    const indent = re.exec(out)[1];
    out = withChildren(out, re, overrides(top ? '' : 'bt:', (lang) => translate(lang)(id), `${indent}  `), id);
  }
  return out;
}

/**
 * The unified manifest's localization, as Microsoft's converter writes it from the XML
 * Overrides: `localizationInfo.additionalLanguages`, one language file per Office locale
 * (`zh-tw.json`…) whose keys are JSON paths into manifest.json. Returns the manifest with
 * the list filled in, and the files to write beside it.
 * @param {any} manifest manifest.json (English)
 * @param {(lang: string) => (id: string) => string} translate
 * @returns {{manifest: any, files: Array<{name: string, json: any}>}}
 */
export function localizeManifestJson(manifest, translate) {
  const schema = manifest.$schema.replace(/MicrosoftTeams\.schema\.json$/, 'MicrosoftTeams.Localization.schema.json');
  const files = EXTRA_LANGUAGES.flatMap((lang) => {
    const t = translate(lang);
    const button = t('manifest.TaskpaneButton.Label');
    // The same texts the XML's Overrides carry, at the places manifest.json holds them
    // (the short description stays English: it has no message of its own yet).
    const json = {
      $schema: schema,
      'name.short': t('manifest.DisplayName'),
      'name.full': t('manifest.DisplayName'),
      'description.full': t('manifest.Description'),
      'extensions[0].runtimes[0].actions[0].displayName': button,
      'extensions[0].ribbons[0].tabs[0].groups[0].label': t('manifest.Group.Label'),
      'extensions[0].ribbons[0].tabs[0].groups[0].controls[0].label': button,
      'extensions[0].ribbons[0].tabs[0].groups[0].controls[0].supertip.title': button,
      'extensions[0].ribbons[0].tabs[0].groups[0].controls[0].supertip.description': t('manifest.TaskpaneButton.Tooltip'),
      'extensions[0].getStartedMessages[0].title': t('manifest.GetStarted.Title'),
      'extensions[0].getStartedMessages[0].description': t('manifest.GetStarted.Description'),
    };
    return OFFICE_LOCALES[lang].map((locale) => ({ name: `${locale.toLowerCase()}.json`, json }));
  });
  const additionalLanguages = files.map((f) => ({ languageTag: f.name.replace(/\.json$/, ''), file: f.name }));
  return { manifest: { ...manifest, localizationInfo: { ...manifest.localizationInfo, additionalLanguages } }, files };
}
