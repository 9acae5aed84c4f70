// The form the page's model sections (attribution, customers) share: one labelled control
// per option with its hint, Recompute and Reset to defaults, and the box that says why a
// setting does not work, marking the control the importer named (aria-invalid). Values go
// as typed: the Rust that reads the CLI's flags reads them.
import { h } from '../dom.js';

/** A text field holding `value`, for a number or a name as typed; `attrs` adds or overrides. */
export const textField = (value, attrs = {}) => (a) =>
  h('input', { ...a, type: 'text', value: String(value), autocomplete: 'off', spellcheck: 'false', inputmode: 'decimal', ...attrs });

/** A select of `[value, label]` choices with `selected` chosen. */
export const selectField = (choices, selected) => (a) =>
  h('select', a, choices.map(([v, label]) => h('option', { value: v, selected: v === selected }, label)));

/**
 * Builds the controls.
 * @param {{
 *   prefix: string,                        // of the element ids: `${prefix}-options`, `${prefix}-${option}`
 *   fields: {option: string, label: string, hint: string, control: (attrs: object) => HTMLElement}[],
 *   defaults: Record<string, any>,         // what Reset puts back, by option
 *   onChange: () => void,
 *   extra?: HTMLElement | null,            // placed after the fields (a datalist)
 *   read?: (option: string, el: HTMLInputElement) => any,  // a control's param (default: its text)
 * }} o
 * @returns {{element: HTMLElement, params: () => Record<string, any>, showError: (err: any) => void, clearError: () => void}}
 */
export function createModelControls({ prefix, fields, defaults, onChange, extra = null, read = (_, el) => el.value }) {
  const error = h('p', { class: 'error-box', id: `${prefix}-options-error`, role: 'alert', hidden: true });
  /** option → its input or select */
  const inputs = new Map();
  const parts = fields.map((f) => {
    const id = `${prefix}-${f.option}`;
    const hintId = `${id}-hint`;
    const control = f.control({ id, 'aria-describedby': hintId });
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
    { class: 'attribution-options', id: `${prefix}-options`, novalidate: true, on: { submit: (e) => (e.preventDefault(), onChange()) } },
    h(
      'fieldset',
      {},
      h('legend', {}, 'Model settings'),
      h('div', { class: 'mapping' }, parts),
      extra,
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
    /** The params, one per control. */
    params: () => Object.fromEntries([...inputs].map(([option, el]) => [option, read(option, el)])),
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
