// The detected column mapping, one select per header column: change a column's role and
// the report is recomputed at once (the importer's `map` option, `role=COLUMN`, as the
// CLI's --map takes it). Also the column to group by.
import { h, replace } from '../dom.js';
import { t } from './i18n.js';
import { roleTitle } from './units.js';

/** Roles that label rows rather than hold numbers (possible group-by columns). */
const LABEL_ROLES = new Set(['channel', 'campaign', 'date']);

/**
 * Renders the mapping panel.
 * @param {HTMLElement} root
 * @param {any} report
 * @param {{roles: string[], unmap: string|null, overrides: Map<string, string>, groupBy: string|null,
 *          onChange: (overrides: Map<string, string>, groupBy: string|null) => void}} opts
 *   `overrides`: role → column letter chosen by the user. `unmap`: the role name the
 *   importer takes to mean "not used", or null if it has none.
 */
export function renderMapping(root, report, { roles, unmap, overrides, groupBy, onChange }) {
  const fields = report.mapping.map((m) => {
    const id = `map-${m.column}`;
    const select = h(
      'select',
      { id, dataset: { column: m.column, header: m.header } },
      // Without an "unused" role in the importer, a recognised column can only be moved, not dropped.
      h('option', { value: '', selected: !m.role, disabled: Boolean(m.role) && !unmap }, t('report.not_used')),
      roles.map((r) => h('option', { value: r, selected: m.role === r }, roleTitle(r))),
    );
    select.addEventListener('change', () => {
      const next = new Map([...overrides].filter(([, col]) => col !== m.column));
      const role = select.value || unmap;
      if (role) next.set(role, m.column);
      onChange(next, groupBy);
    });
    const how = t(m.by === 'user' ? 'report.by_user' : m.role ? 'report.recognised' : 'report.not_recognised');
    return h(
      'div',
      { class: 'field' },
      h('label', { for: id }, h('strong', {}, `${m.column}: ${m.header}`), h('span', { class: `mapped-by${m.role ? '' : ' none'}` }, how)),
      select,
    );
  });

  const candidates = report.mapping.filter((m) => !m.role || LABEL_ROLES.has(m.role));
  const current = report.group_by;
  const group = h(
    'select',
    { id: 'group-by' },
    candidates.map((m) => h('option', { value: m.header, selected: m.header === current }, `${m.header}${m.role ? ` (${roleTitle(m.role).toLowerCase()})` : ''}`)),
  );
  if (!current) group.prepend(h('option', { value: '', selected: true, disabled: true }, t('report.no_label')));
  group.addEventListener('change', () => onChange(overrides, group.value || null));

  replace(
    root,
    h('div', { class: 'toolbar' }, h('label', { for: 'group-by' }, t('report.group_by')), group),
    h('div', { class: 'mapping' }, fields),
  );
}
