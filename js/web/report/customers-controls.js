// The customer section's model controls: the options `sheetkpi clv` takes (--model, --unit,
// --horizon, --discount, --margin), filled with the page's defaults (the worker's
// CLV_DEFAULTS). Values go as typed; the Rust that reads the CLI's flags reads them, and an
// option it cannot read is marked here (aria-invalid) with its message beside the form.
import { createModelControls, selectField, textField } from './model-controls.js';

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
 */
export function createCustomerControls({ defaults, onChange }) {
  const fields = FIELDS.map((f) => ({
    ...f,
    control: f.choices ? selectField(f.choices, defaults[f.option]) : textField(defaults[f.option]),
  }));
  return createModelControls({ prefix: 'customers', fields, defaults, onChange });
}
