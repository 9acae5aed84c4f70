// Reads the CLI's terminal report table (`sheetkpi report FILE --format table`): per line
// of each section (rows; groups and the total), the cell text under each header.
import assert from 'node:assert/strict';

/** @param {string} text the CLI's stdout */
export function cliTable(text) {
  const lines = text.split('\n');
  const out = [];
  lines.forEach((line, i) => {
    if (!/^-+( +-+)+$/.test(line)) return;
    // Columns are padded apart by two spaces or more; a cell holds single spaces at most.
    const head = lines[i - 1].split(/ {2,}/);
    for (let j = i + 1; j < lines.length && lines[j].trim() !== ''; j++) {
      const cells = lines[j].split(/ {2,}/);
      assert.equal(cells.length, head.length, `a table line splits into its columns: ${lines[j]}`);
      out.push(Object.fromEntries(head.map((h, k) => [h, cells[k]])));
    }
  });
  return out;
}
