// The report table: one line per group and the total, KPIs first (formatted for people,
// exact in data-value), the summed inputs after them. Click a header to sort the groups;
// each group shows its source rows on demand, a page at a time.
import { h, replace } from '../dom.js';
import { exactValue, formatResult } from '../format.js';
import { kpiDescription, t } from './i18n.js';
import { MONEY_ROLES, kpiName, roleWords, unitOf } from './units.js';

/** Source rows shown per click. */
export const ROWS_PAGE = 100;

/**
 * The table's columns for a report.
 * @param {any} report
 * @param {string} currency
 */
export function columnsOf(report, currency) {
  const kpis = report.kpis.map((k, i) => ({
    key: `kpi:${k.id}`,
    title: kpiName(k.id),
    unit: unitOf(k.result, currency),
    kind: k.result,
    help: `${k.id}: ${kpiDescription(k)}`,
    get: (line) => line.kpis[i],
  }));
  const measures = report.measures.map((role, i) => ({
    key: `measure:${role}`,
    title: report.measure_headers[i],
    unit: roleWords(role),
    kind: MONEY_ROLES.has(role) ? 'money' : 'count',
    help: t('report.sum_of', { header: report.measure_headers[i], role: roleWords(role) }),
    measure: true,
    get: (line) => line.values[i],
  }));
  return [...kpis, ...measures];
}

/** A sort key: numbers by value; text, blanks and errors after every number. */
function sortKey(v) {
  return typeof v === 'number' ? v : null;
}

/** One value cell. */
function valueCell(col, v) {
  // KPI columns line up their decimals; summed inputs keep whole numbers whole.
  const shown = formatResult(v, col.kind, undefined, !col.measure);
  return h(
    'td',
    {
      class: `${shown.kind}${col.measure ? ' measure' : ''}`,
      title: shown.title || null,
      dataset: { value: exactValue(v), kind: shown.kind },
    },
    shown.text,
    shown.kind === 'error' ? h('span', { class: 'visually-hidden' }, ` (${shown.title})`) : null,
  );
}

/**
 * Renders the table into `root`.
 * @param {HTMLElement} root
 * @param {any} report
 * @param {{currency: string, rowsOf: (group: string|null, from: number, count: number) => Promise<{rows: any[], total: number}>}} opts
 */
export function renderTable(root, report, { currency, rowsOf }) {
  const cols = columnsOf(report, currency);
  const grouped = report.groups.length > 0;
  let sort = { key: '', dir: 0 };
  const table = h('table', { class: 'kpi', dataset: { level: 'summary' } });
  const caption = h(
    'caption',
    { class: 'visually-hidden' },
    grouped ? t('report.caption_grouped', { group: report.group_by }) : t('report.caption'),
  );

  const headCell = (key, title, unit, help) =>
    h(
      'th',
      { scope: 'col', dataset: { col: key }, title: help || null, 'aria-sort': sort.key === key ? (sort.dir > 0 ? 'ascending' : 'descending') : null },
      h('button', { type: 'button', on: { click: () => sortBy(key) } }, title),
      unit ? h('span', { class: 'unit' }, unit) : null,
    );

  /** Source rows of `group` (null: all), shown below `tr`, a page at a time from the importer. */
  async function toggleRows(tr, button, group) {
    const open = tr.nextElementSibling && tr.nextElementSibling.classList.contains('rows-line');
    if (open) {
      tr.nextElementSibling.remove();
      button.setAttribute('aria-expanded', 'false');
      return;
    }
    button.setAttribute('aria-expanded', 'true');
    const body = h('tbody');
    const more = h('button', { type: 'button', class: 'rows-toggle', hidden: true });
    const note = h('p', { class: 'hint' }, t('report.fetching'));
    let shown = 0;
    const page = async () => {
      more.disabled = true;
      const { rows, total } = await rowsOf(group, shown, ROWS_PAGE);
      for (const line of rows) {
        body.append(
          h(
            'tr',
            { dataset: { row: line.row } },
            h('th', { scope: 'row' }, String(line.row)),
            report.labels.map((_, i) => h('td', { class: 'label', dataset: { value: line.labels[i] ?? '' } }, line.labels[i] ?? '')),
            cols.map((c) => valueCell(c, c.get(line))),
          ),
        );
      }
      shown += rows.length;
      note.textContent = t(`report.rows_read${group === null ? '' : '_group'}${total === 1 ? '_one' : ''}`, { n: total, group });
      more.hidden = shown >= total;
      more.disabled = false;
      more.textContent = t('report.show_more', { n: Math.min(ROWS_PAGE, total - shown), left: total - shown });
    };
    more.addEventListener('click', () => page().catch((err) => (note.textContent = err.message)));
    const inner = h(
      'table',
      { class: 'kpi rows', dataset: { level: 'rows' } },
      h(
        'thead',
        {},
        h('tr', {}, h('th', { scope: 'col' }, t('report.row')), report.labels.map((l) => h('th', { scope: 'col' }, l)), cols.map((c) => h('th', { scope: 'col', title: c.help }, c.title, h('span', { class: 'unit' }, c.unit)))),
      ),
      body,
    );
    tr.after(h('tr', { class: 'rows-line' }, h('td', { colspan: String(cols.length + 2) }, note, h('div', { class: 'table-wrap' }, inner), more)));
    await page();
  }

  function lineRow(line, level) {
    const group = level === 'total' ? null : line.group;
    const label = level === 'total' ? t('report.total') : line.group === '' ? t('report.blank') : line.group;
    const button = h('button', { type: 'button', class: 'rows-toggle', 'aria-expanded': 'false', 'aria-label': t('report.source_rows_of', { label }) }, t('report.rows_button'));
    const tr = h(
      'tr',
      { class: level, dataset: { level, group: group ?? '' } },
      h('th', { scope: 'row', class: 'label' }, label, button),
      h('td', { dataset: { value: String(line.count), kind: 'number' } }, formatResult(line.count, 'count').text),
      cols.map((c) => valueCell(c, c.get(line))),
    );
    button.addEventListener('click', () => toggleRows(tr, button, group).catch((err) => button.replaceWith(h('span', { class: 'error' }, ` ${err.message}`))));
    return tr;
  }

  function draw() {
    let groups = report.groups.slice();
    if (sort.dir !== 0) {
      const col = cols.find((c) => c.key === sort.key);
      const get = sort.key === 'group' ? (l) => l.group : sort.key === 'count' ? (l) => l.count : (l) => sortKey(col.get(l));
      groups.sort((a, b) => {
        const x = get(a);
        const y = get(b);
        if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
        if (typeof x === 'string') return sort.dir * x.localeCompare(y);
        return sort.dir * (x - y);
      });
    }
    replace(
      table,
      caption,
      h('thead', {}, h('tr', {}, headCell('group', grouped ? report.group_by : t('report.all_rows'), '', ''), headCell('count', t('report.rows'), unitOf('count', currency), t('report.rows_help')), cols.map((c) => headCell(c.key, c.title, c.unit, c.help)))),
      h('tbody', {}, groups.map((g) => lineRow(g, 'group'))),
      h('tfoot', {}, lineRow(report.total, 'total')),
    );
  }

  function sortBy(key) {
    // Numbers sort high to low first (the best channel on top), names A to Z.
    const first = key === 'group' ? 1 : -1;
    sort = sort.key === key ? { key, dir: -sort.dir } : { key, dir: first };
    draw();
    const th = table.querySelector(`th[data-col="${CSS.escape(key)}"] button`);
    if (th) /** @type {HTMLElement} */ (th).focus();
  }

  draw();
  replace(root, h('div', { class: 'table-wrap' }, table));
  return { columns: cols };
}
