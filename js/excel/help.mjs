// help.html: the packaged function reference that every helpUrl in functions.json points
// at (one section per function, anchored by its lower-case id), generated from the registry.
import { valueAndDisplay } from '../core/display.js';

const escapeHtml = (s) =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

/** An example's result: the number and its registry display (`10, shown as 10.00x`; en-US, as the page is static). */
function shown(v, display) {
  if (typeof v === 'number') return valueAndDisplay(v, display, 'en-US');
  if (typeof v === 'string') return `"${v}"`;
  return v && v.error ? v.error : String(v);
}

/** Required, optional, or optional with the default as a formula spells it (registry `default_text`). */
function defaultText(p) {
  if (!p.optional) return 'required';
  return p.default_text == null ? 'optional' : `optional, default ${p.default_text}`;
}

function section(f) {
  const params = f.params
    .map(
      (p) =>
        `<tr><td><code>${escapeHtml(p.name)}</code></td><td>${escapeHtml(p.describe)}</td><td>${escapeHtml(defaultText(p))}</td><td>${escapeHtml(p.description)}</td></tr>`,
    )
    .join('\n');
  const examples = f.examples
    .map((x) => {
      const formula = `=${f.excel_name}${x.formula.slice(x.formula.indexOf('('))}`;
      return `<tr><td><code>${escapeHtml(formula)}</code></td><td>${escapeHtml(shown(x.expected, f.display))}</td></tr>`;
    })
    .join('\n');
  return `<section id="${escapeHtml(f.id.toLowerCase())}">
<h2>${escapeHtml(f.id)}</h2>
<p><code>=${escapeHtml(f.excel_signature)}</code></p>
<p>${escapeHtml(f.description)}</p>
<p><strong>Formula:</strong> ${escapeHtml(f.formula)}<br><strong>Result:</strong> ${escapeHtml(f.display.words)}<br><strong>Source:</strong> ${escapeHtml(f.source)}</p>
<table><thead><tr><th>input</th><th>kind</th><th></th><th>description</th></tr></thead><tbody>
${params}
</tbody></table>
<table><thead><tr><th>example</th><th>result</th></tr></thead><tbody>
${examples}
</tbody></table>
</section>`;
}

/**
 * The whole help page.
 * @param {any[]} registry
 * @param {string} version
 */
export function helpHtml(registry, version) {
  const toc = registry.map((f) => `<li><a href="#${escapeHtml(f.id.toLowerCase())}">${escapeHtml(f.excel_name)}</a></li>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>sheetkpi functions</title>
<style>
body{font-family:'Segoe UI',system-ui,sans-serif;max-width:46rem;margin:1rem auto;padding:0 1rem;color:#1f1f1f;line-height:1.45}
h2{color:#0f6b4f;border-top:1px solid #ddd;padding-top:1rem}table{border-collapse:collapse;margin:.5rem 0;font-size:.9rem}
td,th{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}code{font-family:Consolas,monospace}
ul.toc{columns:3;padding-left:1rem}
</style></head><body>
<h1>sheetkpi functions <small>(version ${escapeHtml(version)})</small></h1>
<p>In Excel every function is typed as <code>=KPI.NAME(…)</code>. Additive inputs (spend, revenue, clicks, customers…) take a cell or a range; a range is summed, so a KPI over ranges is the blended KPI. Errors in input cells are passed on; text where a number belongs gives #VALUE! with an explanation in the cell's error menu.</p>
<ul class="toc">${toc}</ul>
${registry.map(section).join('\n')}
</body></html>
`;
}
