// help.html: the packaged function reference that every helpUrl in functions.json points
// at (one section per function, anchored by its lower-case id), generated from the registry.
import { formatDisplay, valueAndDisplay } from '../core/display.js';
import { englishTranslator } from '../i18n/load.mjs';

const escapeHtml = (s) =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

/**
 * An example's result: the number and its registry display (`10, shown as 10.00x`; en-US
 * digits, as the page is static), in the page's language.
 */
export function shownResult(v, display, t) {
  if (typeof v === 'number') {
    const plain = valueAndDisplay(v, display, 'en-US');
    return plain === String(v) ? plain : t('help.shown_as', { value: v, shown: formatDisplay(v, display, 'en-US') });
  }
  if (typeof v === 'string') return `"${v}"`;
  return v && v.error ? v.error : String(v);
}

/** An expected table (header row first) as HTML: the cells it spills, exact digits. */
function tableHtml(rows) {
  const cell = (c, tag) => `<${tag}>${escapeHtml(typeof c === 'object' && c !== null ? c.error : String(c))}</${tag}>`;
  const [head, ...body] = rows;
  return `<table><thead><tr>${head.map((c) => cell(c, 'th')).join('')}</tr></thead><tbody>${body
    .map((r) => `<tr>${r.map((c) => cell(c, 'td')).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

/** A choice parameter's options (the first is the default), after its kind. */
const optionsText = (p) => (p.choices && p.choices.length ? `: ${p.choices.map((c) => `"${c}"`).join(', ')}` : '');

/** A table function's columns: name, kind, description. */
function columnsHtml(f, t) {
  if (!f.columns.length) return '';
  const rows = f.columns
    .map((c) => `<tr><td><code>${escapeHtml(c.name)}</code></td><td>${escapeHtml(c.kind)}</td><td>${escapeHtml(c.description)}</td></tr>`)
    .join('\n');
  return `<p>${escapeHtml(t('excel.help_spills'))}</p>
<table><thead><tr><th>${escapeHtml(t('excel.help_column'))}</th><th>${escapeHtml(t('excel.help_kind'))}</th><th>${escapeHtml(t('excel.help_description'))}</th></tr></thead><tbody>
${rows}
</tbody></table>`;
}

/** Required, optional, or optional with the default as a formula spells it (registry `default_text`). */
function defaultText(p, t) {
  if (!p.optional) return t('help.required');
  return p.default_text == null ? t('help.optional') : t('help.optional_default', { default: p.default_text });
}

function section(f, t) {
  const params = f.params
    .map(
      (p) =>
        `<tr><td><code>${escapeHtml(p.name)}</code></td><td>${escapeHtml(p.describe + optionsText(p))}</td><td>${escapeHtml(defaultText(p, t))}</td><td>${escapeHtml(p.description)}</td></tr>`,
    )
    .join('\n');
  const examples = f.examples
    .map((x) => {
      const formula = `=${f.excel_name}${x.formula.slice(x.formula.indexOf('('))}`;
      const result = Array.isArray(x.expected) ? tableHtml(x.expected) : escapeHtml(shownResult(x.expected, f.display, t));
      return `<tr><td><code>${escapeHtml(formula)}</code></td><td>${result}</td></tr>`;
    })
    .join('\n');
  return `<section id="${escapeHtml(f.id.toLowerCase())}">
<h2>${escapeHtml(f.id)}</h2>
<p><code>=${escapeHtml(f.excel_signature)}</code></p>
<p>${escapeHtml(f.description)}</p>
<p><strong>${escapeHtml(t('help.formula'))}</strong> ${escapeHtml(f.formula)}<br><strong>${escapeHtml(t('help.result'))}</strong> ${escapeHtml(f.columns.length ? t('excel.help_table') : f.display.words)}<br><strong>${escapeHtml(t('help.source'))}</strong> ${escapeHtml(f.source)}</p>
<table><thead><tr><th>${escapeHtml(t('excel.help_input'))}</th><th>${escapeHtml(t('excel.help_kind'))}</th><th></th><th>${escapeHtml(t('excel.help_description'))}</th></tr></thead><tbody>
${params}
</tbody></table>
${columnsHtml(f, t)}
<table><thead><tr><th>${escapeHtml(t('excel.help_example'))}</th><th>${escapeHtml(t('excel.help_result'))}</th></tr></thead><tbody>
${examples}
</tbody></table>
</section>`;
}

/**
 * The whole help page, in the language of `t` (registry rows localized to match).
 * @param {any[]} registry
 * @param {string} version
 * @param {((id: string, vars?: any) => string) & {lang?: string}} [t]
 */
export function helpHtml(registry, version, t = englishTranslator()) {
  const toc = registry.map((f) => `<li><a href="#${escapeHtml(f.id.toLowerCase())}">${escapeHtml(f.excel_name)}</a></li>`).join('');
  return `<!doctype html>
<html lang="${escapeHtml(t.lang || 'en')}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t('excel.help_title'))}</title>
<style>
body{font-family:'Segoe UI',system-ui,sans-serif;max-width:46rem;margin:1rem auto;padding:0 1rem;color:#1f1f1f;line-height:1.45}
h2{color:#0f6b4f;border-top:1px solid #ddd;padding-top:1rem}table{border-collapse:collapse;margin:.5rem 0;font-size:.9rem}
td,th{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}code{font-family:Consolas,monospace}
ul.toc{columns:3;padding-left:1rem}
</style></head><body>
<h1>${escapeHtml(t('excel.help_title'))} <small>${escapeHtml(t('excel.help_version', { version }))}</small></h1>
<p>${escapeHtml(t('excel.help_intro'))}</p>
<ul class="toc">${toc}</ul>
${registry.map((f) => section(f, t)).join('\n')}
</body></html>
`;
}
