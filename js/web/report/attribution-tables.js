// The attribution section's tables: channel × model for one part (conversions, value or
// share) with the total line, and the Markov removal effects. Cells are shown by their
// result kind (format.js, the page's one display rule), the exact number in data-value.
import { h } from '../dom.js';
import { exactValue, formatResult, isError } from '../format.js';

/** The channels in display order (the first model that ran; every model lists them all alike). */
export function channelsOf(att) {
  const ok = Object.values(att.models).find((r) => Array.isArray(r));
  return ok ? ok.map((c) => c.channel) : [];
}

/** A model's value for a channel (`part`: conversions, value or share), or its error object. */
export function cellOf(result, channel, part) {
  if (!Array.isArray(result)) return result;
  const row = result.find((c) => c.channel === channel);
  return row ? row[part] : null;
}

/** A table cell: formatted for people by kind, exact in data-value (as table.js does). */
function td(v, kind, model, col) {
  const shown = formatResult(v, kind);
  return h(
    'td',
    { class: shown.kind, title: shown.title || null, dataset: { value: exactValue(v), kind, model, col } },
    shown.text,
    shown.kind === 'error' ? h('span', { class: 'visually-hidden' }, ` (${shown.title})`) : null,
  );
}

/** The total of a part over all channels: the journeys' totals (a share's is 1 when anything converted). */
function totalOf(att, part) {
  if (part === 'share') return att.totals.conversions > 0 ? 1 : 0;
  return att.totals[part];
}

/** A channel × model table of one part, with the total line. */
export function partTable(att, part, kind, caption) {
  const models = Object.keys(att.models);
  const channels = channelsOf(att);
  const total = totalOf(att, part);
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'kpi', dataset: { part } },
      h('caption', { class: 'visually-hidden' }, caption),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Channel'), models.map((m) => h('th', { scope: 'col' }, m)))),
      h(
        'tbody',
        {},
        channels.map((ch) => h('tr', { dataset: { channel: ch } }, h('th', { scope: 'row' }, ch), models.map((m) => td(cellOf(att.models[m], ch, part), kind, m)))),
      ),
      h('tfoot', {}, h('tr', { class: 'total' }, h('th', { scope: 'row' }, 'Total'), models.map((m) => td(isError(att.models[m]) ? att.models[m] : total, kind, m)))),
    ),
  );
}

/** The removal effects table (Markov): of conversions and of value; or why it failed. */
export function removalTable(att) {
  const r = att.removal_effects;
  if (r === undefined) return null;
  if (isError(r)) return h('p', { class: 'hint' }, `Markov removal effects: ${r.error} ${r.message}`);
  const cols = [
    ['conversions', 'Of conversions'],
    ['value', 'Of value'],
  ];
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'kpi', dataset: { part: 'removal' } },
      h('caption', { class: 'visually-hidden' }, 'Markov removal effects by channel, of conversions and of value'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Channel'), cols.map(([, title]) => h('th', { scope: 'col' }, title)))),
      h(
        'tbody',
        {},
        channelsOf(att).map((ch) =>
          h('tr', { dataset: { channel: ch } }, h('th', { scope: 'row' }, ch), cols.map(([col]) => td(r[ch] ? r[ch][col] : null, 'fraction', 'markov', col))),
        ),
      ),
    ),
  );
}
