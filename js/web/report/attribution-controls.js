// The attribution section's model controls: the parameters `sheetkpi attribute` takes
// (--order, --lookback-days, --position-shares, --half-life, --direct), filled with the
// import WASM's defaults. Numbers are sent as typed (`40%` reads as 0.4): the Rust that
// reads the CLI's flags reads them too, and names the option it cannot read, which is
// then marked here (aria-invalid) with its message beside the form.
import { h } from '../dom.js';
import { createModelControls, selectField, textField } from './model-controls.js';

/**
 * The fields, in order: the option's name (import_attribute's), its label, a hint, and
 * for which data shape it counts (the lookback is for touch data only).
 * @param {string} shape `paths` or `touches`
 */
function fieldsFor(shape) {
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
 */
export function createControls({ defaults, shape, channels, onChange }) {
  const list = h('datalist', { id: 'attribution-channels' }, channels.map((c) => h('option', { value: c })));
  const fields = fieldsFor(shape).map((f) => ({
    ...f,
    control:
      f.option === 'order'
        ? selectField(defaults.orders.map((n) => [String(n), String(n)]), String(defaults.order))
        : f.option === 'direct'
          ? textField(defaults[f.option], { inputmode: null, list: list.id })
          : textField(defaults[f.option]),
  }));
  // The order is a number in import_attribute's options; the rest go as typed.
  const read = (option, el) => (option === 'order' ? Number(el.value) : el.value);
  return createModelControls({ prefix: 'attribution', fields, defaults, onChange, extra: list, read });
}
