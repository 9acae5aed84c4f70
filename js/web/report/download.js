// Saving a file the page made in memory: a blob: link clicked at once, so nothing is
// sent anywhere (the policy forbids it anyway).

/**
 * Offers `bytes` (string or Uint8Array) as a download named `name`.
 * @param {string} name
 * @param {string | Uint8Array} bytes
 * @param {string} type MIME type
 */
export function download(name, bytes, type) {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked later, not at once: some browsers read the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** `Q3 campaigns.xlsx` → `Q3 campaigns KPI report`. */
export function reportName(fileName) {
  return `${fileName.replace(/\.[^.]+$/, '') || 'workbook'} KPI report`;
}

/**
 * One CSV field. Numbers stay numbers (their exact digits). Text that a spreadsheet would
 * run as a formula (starting with = + - @, tab or CR: OWASP's CSV-injection list) gets a
 * leading ' so it opens as text; then RFC 4180 quoting.
 * @param {unknown} v
 */
export function csvField(v) {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  let t = v === null || v === undefined ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(t)) t = `'${t}`;
  return /[",\n\r]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

/** Rows of fields as CSV text (CRLF-free: one \n per line, as the CLI writes). */
export const csvText = (rows) => rows.map((r) => r.map(csvField).join(',')).join('\n') + '\n';
