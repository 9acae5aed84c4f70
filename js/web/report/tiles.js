// The headline numbers over all rows, the first thing a marketer looks for.
import { h, replace } from '../dom.js';
import { exactValue, formatResult } from '../format.js';
import { kpiDescription } from './i18n.js';
import { kpiName } from './units.js';

/** KPIs shown as tiles when present, in this order (at most six). */
const HEADLINE = ['ROAS', 'ROI', 'CAC', 'CPA', 'CTR', 'CVR', 'CPC', 'CPL', 'CPM', 'MER', 'CHURN_RATE', 'RETENTION_RATE', 'NPS', 'CLV'];

/**
 * @param {HTMLElement} root
 * @param {any} report
 */
export function renderTiles(root, report, currency = '') {
  const tiles = [];
  const measure = (role, label) => {
    const i = report.measures.indexOf(role);
    if (i >= 0) tiles.push({ label, id: role, value: report.total.values[i], kind: 'money' });
  };
  measure('spend', 'Spend');
  measure('revenue', 'Revenue');
  const picked = HEADLINE.filter((id) => report.kpis.some((k) => k.id === id)).slice(0, 6);
  for (const id of picked) {
    const i = report.kpis.findIndex((k) => k.id === id);
    tiles.push({ label: kpiName(id), id, value: report.total.kpis[i], kind: report.kpis[i].result, help: kpiDescription(report.kpis[i]) });
  }
  replace(
    root,
    tiles.map((t) => {
      // As the table shows the same value: the registry's display for its kind.
      const shown = formatResult(t.value, t.kind, undefined, true);
      return h(
        'div',
        { class: `tile ${shown.kind}`, title: shown.title || t.help || null, dataset: { id: t.id, value: exactValue(t.value) } },
        h('div', { class: 'label' }, t.label, t.kind === 'money' && currency ? h('span', { class: 'unit' }, currency) : null),
        h('div', { class: 'big' }, shown.text),
      );
    }),
  );
}
