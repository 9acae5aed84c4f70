// Names and units for people: KPI ids and role names as a marketer writes them, the
// unit line under each column header, and the currency a workbook's headers mention.
import { displayOf } from '../format.js';
import { inEnglish, t } from './i18n.js';

/** Words kept in capitals when an id becomes a title. */
const ACRONYMS = new Set(['ROI', 'ROAS', 'MER', 'ROAC', 'CAC', 'CPC', 'CPL', 'CPA', 'CPM', 'CTR', 'CVR', 'CLV', 'LTV', 'NPS', 'CSAT', 'CES', 'MQL', 'SQL', 'AOV', 'ARPU', 'SOV', 'SEO', 'A/B', 'AB', 'KPI']);

/** `BOUNCE_RATE` → `Bounce rate`, `MQL_TO_SQL` → `MQL to SQL`, `LTV_CAC` → `LTV CAC`. */
export function kpiTitle(id) {
  const words = id.split('_');
  return words
    .map((w, i) => {
      if (ACRONYMS.has(w)) return w;
      const lower = w.toLowerCase();
      return i === 0 ? lower.charAt(0).toUpperCase() + lower.slice(1) : lower;
    })
    .join(' ');
}

/**
 * A KPI's name in the page's language: its English title (`Bounce rate`), else its id as
 * typed (`BOUNCE_RATE`: KPI ids are never translated; its description says what it is).
 */
export const kpiName = (id) => (inEnglish() ? kpiTitle(id) : id);

/** Role names that are not just their words. */
const ROLE_TITLES = { mqls: 'MQLs', sqls: 'SQLs', visitors: 'Visitors (sessions)', customers_start: 'Customers at start', customers_end: 'Customers at end' };

/** `new_customers` → `New customers`, `mqls` → `MQLs`. */
export function roleTitle(role) {
  if (ROLE_TITLES[role]) return ROLE_TITLES[role];
  const s = role.replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Roles whose values are money (shown with cents). */
export const MONEY_ROLES = new Set(['spend', 'revenue']);

/** Currency codes and signs a header may carry, e.g. "Spend (USD)", "Kostnad (kr)", "花费（元）". */
const CURRENCIES = [
  [/\b(USD|EUR|GBP|NOK|SEK|DKK|CNY|RMB|JPY|CHF|CAD|AUD|HKD|TWD|SGD|INR)\b/i, (m) => m[1].toUpperCase()],
  [/\b(NT|HK|US|A|C|S|NZ)\$/, (m) => `${m[1]}$`],
  [/\$/, () => '$'],
  [/€/, () => '€'],
  [/£/, () => '£'],
  [/[¥￥]|元|人民币/, () => '¥'],
  [/\bkr\b|\bNOK\b/i, () => 'kr'],
];

/** The currency the money columns' headers name, or '' when they name none. */
export function currencyOf(headers) {
  for (const h of headers) {
    for (const [re, pick] of CURRENCIES) {
      const m = re.exec(h);
      if (m) return pick(m);
    }
  }
  return '';
}

/**
 * The unit line under a KPI header: the currency for money, `%` for a percentage display,
 * else the result kind's name in the page's language (`report.unit.<kind>`; the values
 * carry the registry's suffix themselves).
 * @param {string} kind
 * @param {string} currency
 */
export function unitOf(kind, currency) {
  if (kind === 'money') return currency || t('report.unit.money');
  const d = displayOf(kind);
  if (!d || kind === 'text') return '';
  return d.percent ? '%' : t(`report.unit.${kind}`);
}

/** A role in running text: `new customers`, `MQLs`. */
export function roleWords(role) {
  return role === 'mqls' || role === 'sqls' ? roleTitle(role) : roleTitle(role).toLowerCase();
}
