// The importer's column roles, for the mapping selects.

/**
 * Every column role, in the importer's order (src/import/roles.rs `Role::ALL`; the import
 * WASM does not list them, so tests/node/web-report.test.mjs checks this list against the
 * roles the CLI names when it refuses an unknown one).
 */
export const ROLES = [
  'channel', 'campaign', 'date', 'spend', 'revenue', 'impressions', 'clicks', 'conversions', 'visitors', 'bounces',
  'leads', 'mqls', 'sqls', 'new_customers', 'customers_lost', 'customers_start', 'customers_end', 'page_views', 'engagements',
];
