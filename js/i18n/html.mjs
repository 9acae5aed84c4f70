// Build-time half of js/i18n/dom.js: a page template's marked elements filled with their
// messages (English, for the page as it is served), so the text lives only in the catalogue.
import { LOCALIZED_ATTRIBUTES } from './dom.js';

/** Text as HTML (element content or a quoted attribute). */
export const escapeHtml = (s) =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

/**
 * The template with every `data-i18n` element's (empty) content and every
 * `data-i18n-<attr>` attribute filled from `t`. A marked element must be empty in the
 * template: a text written there too would be the English twice.
 * @param {string} html
 * @param {(id: string) => string} t
 */
export function fillMessages(html, t) {
  let filled = 0;
  let out = html.replace(/(<([a-z0-9]+)\b[^>]*\bdata-i18n="([^"]+)"[^>]*>)([^<]*)(<\/\2>)/g, (all, open, tag, id, inner, close) => {
    if (inner.trim()) throw new Error(`<${tag} data-i18n="${id}"> must be empty in the template, not "${inner.trim()}"`);
    filled++;
    return `${open}${escapeHtml(t(id))}${close}`;
  });
  // An element left over holds markup, which applyMessages (text only) would wipe out.
  const marked = (html.match(/\bdata-i18n="/g) || []).length;
  if (marked !== filled) throw new Error('a data-i18n element holds markup: give each text its own element');
  for (const attr of LOCALIZED_ATTRIBUTES) {
    out = out.replace(new RegExp(`\\bdata-i18n-${attr}="([^"]+)"`, 'g'), (all, id) => `${all} ${attr}="${escapeHtml(t(id))}"`);
  }
  return out;
}
