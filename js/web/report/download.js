// Saving a file the page made in memory: a blob: link clicked at once, so nothing is
// sent anywhere (the policy forbids it anyway).

/**
 * Offers `bytes` (string, Uint8Array or Blob) as a download named `name`.
 * @param {string} name
 * @param {string | Uint8Array | Blob} bytes
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
