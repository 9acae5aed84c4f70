// The attribution section's model controls: the parameters `sheetkpi attribute` takes
// (--order, --lookback-days, --position-shares, --half-life, --direct), filled with the
// import WASM's defaults. Numbers are sent as typed (`40%` reads as 0.4): the Rust that
// reads the CLI's flags reads them too, and names the option it cannot read, which is
// then marked here (aria-invalid) with its message beside the form.
import { h } from '../dom.js';

/**
 * The fields, in order: the option's name (import_attribute's), its label, a hint, and
 * for which data shape it counts (the lookback is for touch data only).
 * @param {string} shape `paths` or `touches`
 */
function fields(shape) {
  const unit = shape === 'paths' ? 'touches' : 'days';
  return [
    { option: 'order', label: 'Markov order', hint: 'how many past channels a state remembers' },
    shape === 'touches' ? { option: 'lookbackDays', label: 'Lookback (days)', hint: 'touches longer before a conversion are left out' } : null,
    { option: 'firstShare', label: 'Position: first touch share', hint: 'e.g. 0.4 or 40%' },
    { option: 'lastShare', label: 'Position: last touch share', hint: 'e.g. 0.4 or 40%' },
    { option: 'halfLife', label: `Time decay: half-life (${unit})`, hint: shape === 'paths' ? 'paths have no times: counted in touches' : 'a touch this long before the last weighs half' },
    { option: 'direct', label: 'Last non-direct: direct channel', hint: 'the channel passed over' },
  ].filter(Boolean);
}

/**
 * Builds the controls.
 * @param {{defaults: Record<string, any>, shape: string, channels: string[], onChange: () => void}} opts
 * @returns {{element: HTMLElement, params: () => Record<string, string|number>, showError: (err: any) => void, clearError: () => void}}
 */
export function createControls({ defaults, shape, channels, onChange }) {
  const error = h('p', { class: 'error-box', id: 'attribution-options-error', role: 'alert', hidden: true });
  /** option → its input or select */
  const inputs = new Map();
  const list = h('datalist', { id: 'attribution-channels' }, channels.map((c) => h('option', { value: c })));
  const parts = fields(shape).map((f) => {
    const id = `attribution-${f.option}`;
    const hintId = `${id}-hint`;
    const control =
      f.option === 'order'
        ? h('select', { id, 'aria-describedby': hintId }, defaults.orders.map((n) => h('option', { value: String(n), selected: n === defaults.order }, String(n))))
        : h('input', {
            id,
            type: 'text',
            value: String(defaults[f.option]),
            autocomplete: 'off',
            spellcheck: 'false',
            inputmode: f.option === 'direct' ? null : 'decimal',
            list: f.option === 'direct' ? list.id : null,
            'aria-describedby': hintId,
          });
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
    { class: 'attribution-options', id: 'attribution-options', novalidate: true, on: { submit: (e) => (e.preventDefault(), onChange()) } },
    h(
      'fieldset',
      {},
      h('legend', {}, 'Model settings'),
      h('div', { class: 'mapping' }, parts),
      list,
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
    /** The params as typed: import_attribute's options. */
    params: () => Object.fromEntries([...inputs].map(([option, el]) => [option, option === 'order' ? Number(el.value) : el.value])),
    /** Shows why the params do not work, marking the control the importer named. */
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
