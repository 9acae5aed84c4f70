// The customer section's model controls: the options `sheetkpi clv` takes (--model, --unit,
// --horizon, --discount, --margin), filled with the page's defaults (the worker's
// CLV_DEFAULTS). Values go as typed; the Rust that reads the CLI's flags reads them, and an
// option it cannot read is marked here (aria-invalid) with its message beside the form.
import { h } from '../dom.js';

/** The fields, in order: the option (import_clv's), its label, a hint, the choices of a select. */
const FIELDS = [
  { option: 'model', label: 'Purchase model', hint: 'BG/NBD and Pareto/NBD: continuous time; BG/BB: one opportunity a period', choices: [['bgnbd', 'BG/NBD'], ['pnbd', 'Pareto/NBD'], ['bgbb', 'BG/BB']] },
  { option: 'unit', label: 'Time unit', hint: 'transactions are counted in it; for a summary, the unit its recency and age are in', choices: [['days', 'days'], ['weeks', 'weeks'], ['months', 'months']] },
  { option: 'horizon', label: 'Horizon (periods)', hint: 'blank: a year in the unit' },
  { option: 'discount', label: 'Discount rate per period', hint: 'e.g. 0.01 or 1%' },
  { option: 'margin', label: 'Margin on spend', hint: 'e.g. 0.3 or 30%' },
];

/**
 * Builds the controls.
 * @param {{defaults: Record<string, string>, onChange: () => void}} opts
 * @returns {{element: HTMLElement, params: () => Record<string, string>, showError: (err: any) => void, clearError: () => void}}
 */
export function createCustomerControls({ defaults, onChange }) {
  const error = h('p', { class: 'error-box', id: 'customers-options-error', role: 'alert', hidden: true });
  /** option → its input or select */
  const inputs = new Map();
  const parts = FIELDS.map((f) => {
    const id = `customers-${f.option}`;
    const hintId = `${id}-hint`;
    const control = f.choices
      ? h('select', { id, 'aria-describedby': hintId }, f.choices.map(([v, label]) => h('option', { value: v, selected: v === defaults[f.option] }, label)))
      : h('input', { id, type: 'text', value: String(defaults[f.option]), autocomplete: 'off', spellcheck: 'false', inputmode: 'decimal', 'aria-describedby': hintId });
    control.dataset.option = f.option;
    control.addEventListener('change', onChange);
    inputs.set(f.option, control);
    return h('div', { class: 'field' }, h('label', { for: id }, f.label), control, h('span', { class: 'hint', id: hintId }, f.hint));
  });
  const reset = () => {
    for (const [option, el] of inputs) el.value = String(defaults[option]);
    onChange();
  };
  const element = h(
    'form',
    { class: 'attribution-options', id: 'customers-options', novalidate: true, on: { submit: (e) => (e.preventDefault(), onChange()) } },
    h(
      'fieldset',
      {},
      h('legend', {}, 'Model settings'),
      h('div', { class: 'mapping' }, parts),
      h('div', { class: 'toolbar' }, h('button', { type: 'submit', class: 'button' }, 'Recompute'), h('button', { type: 'button', class: 'button', on: { click: reset } }, 'Reset to defaults')),
    ),
    error,
  );

  function clearError() {
    error.hidden = true;
    error.textContent = '';
    for (const el of inputs.values()) {
      el.removeAttribute('aria-invalid');
      el.setAttribute('aria-describedby', `${el.id}-hint`);
    }
  }

  return {
    element,
    /** The params as typed: import_clv's options. */
    params: () => Object.fromEntries([...inputs].map(([option, el]) => [option, el.value])),
    /** Shows why the params do not work, marking the control the importer named (if it did). */
    showError(err) {
      clearError();
      const el = err && err.option ? inputs.get(err.option) : null;
      const label = el ? element.querySelector(`label[for="${el.id}"]`).textContent : '';
      error.textContent = `${label ? `${label}: ` : ''}${err && err.message ? err.message : String(err)}. The results below are still those of the last settings that worked.`;
      error.hidden = false;
      if (el) {
        el.setAttribute('aria-invalid', 'true');
        el.setAttribute('aria-describedby', `${el.id}-hint ${error.id}`);
      }
    },
    clearError,
  };
}
