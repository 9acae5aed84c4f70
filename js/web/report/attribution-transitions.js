// The fitted Markov chain's transition probabilities, on request: a disclosure that asks
// the worker for the matrix (the import WASM's transition_matrix, as
// `sheetkpi attribute --model markov --transition-matrix` gives it) when opened, for the
// order in use. A chain of order 3 or 4 can have many thousands of transitions, so the
// first LIMIT are shown and the rest counted.
import { h, replace } from '../dom.js';
import { exactValue, formatNumber, formatResult } from '../format.js';

/** Rows shown at most. */
export const LIMIT = 500;

/**
 * @param {{importer: any, paramsOf: () => Record<string, any>}} opts `paramsOf`: the params in use
 */
export function createTransitions({ importer, paramsOf }) {
  const summary = h('summary');
  const content = h('div', { 'aria-live': 'polite' });
  const element = h('details', { class: 'box', id: 'attribution-transitions' }, summary, content);
  let loaded = false;
  let seq = 0;
  const order = () => paramsOf().order || importer.attributionDefaults.order;
  const title = () => (summary.textContent = `Markov transition matrix (order ${order()})`);
  title();

  async function load() {
    loaded = true;
    const mine = ++seq;
    replace(content, h('p', { class: 'hint' }, 'Computing the transition probabilities…'));
    let r;
    try {
      r = await importer.transitions(paramsOf(), LIMIT);
    } catch (err) {
      r = { error: { error: err.kind, message: err.message } };
    }
    if (mine !== seq) return;
    if (r.error) return replace(content, h('p', { class: 'error-box' }, `No transition matrix: ${r.error.message}`));
    const shown = r.rows.length;
    const note =
      r.total > shown
        ? `The first ${formatNumber(shown, 'count')} of ${formatNumber(r.total, 'count')} transitions; ${formatNumber(r.total - shown, 'count')} more are not shown.`
        : `All ${formatNumber(r.total, 'count')} transitions of the order-${order()} chain.`;
    const cell = (p) => {
      const s = formatResult(p, 'fraction');
      return h('td', { class: s.kind, dataset: { value: exactValue(p) } }, s.text);
    };
    replace(
      content,
      h('p', { class: 'hint', id: 'attribution-transitions-note' }, `The probability of each next step from a state (${order() === 1 ? 'a channel' : `the last ${order()} channels`}, or the start), fitted to the journeys. ${note}`),
      h(
        'div',
        { class: 'table-wrap' },
        h(
          'table',
          { class: 'kpi', dataset: { part: 'transitions', total: String(r.total) } },
          h('caption', { class: 'visually-hidden' }, 'Markov transition probabilities: from a state to the next'),
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'From'), h('th', { scope: 'col' }, 'To'), h('th', { scope: 'col' }, 'Probability'))),
          h('tbody', {}, r.rows.map((t) => h('tr', {}, h('th', { scope: 'row' }, t.from), h('td', { class: 'label' }, t.to), cell(t.probability)))),
        ),
      ),
    );
  }

  element.addEventListener('toggle', () => {
    if (element.open && !loaded) load();
  });

  return {
    element,
    /** The params changed: the matrix shown is stale (reloaded now if open). */
    refresh() {
      title();
      loaded = false;
      seq++;
      if (element.open) load();
      else replace(content);
    },
  };
}
