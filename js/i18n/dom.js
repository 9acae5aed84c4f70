// Static page text from the catalogue. An element says which message it shows:
//   data-i18n="id"              its text
//   data-i18n-<attr>="id"       an attribute (placeholder, aria-label, content, title)
// js/i18n/html.mjs fills in the English at build time (what a reader sees before, or
// without, JavaScript); applyMessages swaps in the reader's language at run time.

/** The attributes a page may localize this way. */
export const LOCALIZED_ATTRIBUTES = ['placeholder', 'aria-label', 'content', 'title'];

/**
 * Sets every marked text and attribute under `root` (and its `lang`, when it is <html>).
 * @param {ParentNode & {documentElement?: HTMLElement}} root usually `document`
 * @param {((id: string, vars?: any) => string) & {lang: string}} t
 */
export function applyMessages(root, t) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(/** @type {HTMLElement} */ (el).dataset.i18n);
  for (const attr of LOCALIZED_ATTRIBUTES) {
    for (const el of root.querySelectorAll(`[data-i18n-${attr}]`)) el.setAttribute(attr, t(el.getAttribute(`data-i18n-${attr}`)));
  }
  if (root.documentElement) root.documentElement.lang = t.lang;
}
