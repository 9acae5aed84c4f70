// Customer data for the page's tests: a transaction list made the same way every run, and
// an xlsx of it written by a real writer (SheetJS).
import XLSX from 'xlsx';

/**
 * A transaction list: 400 customers whose first purchases fall in the first 12 weeks of
 * 2024, each then buying at their own rate until they drop out (a linear congruential
 * generator's high bits, so the file is the same every run), with amounts.
 */
export function transactions() {
  let seed = 2024;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed / 2147483648);
  const rows = [['Customer ID', 'Order date', 'Amount']];
  const day0 = Date.UTC(2024, 0, 1);
  const last = 52 * 7;
  for (let c = 1; c <= 400; c++) {
    const rate = 0.02 + 0.2 * rand() * rand();
    const life = -Math.log(1 - rand()) * 200;
    const spend = 10 + 40 * rand();
    let d = Math.floor(rand() * 84);
    const first = d;
    while (d <= last && d - first <= life) {
      rows.push([`C${String(c).padStart(4, '0')}`, new Date(day0 + d * 86400000), Math.round(spend * (0.5 + rand()) * 100) / 100]);
      d += 1 + Math.floor(-Math.log(1 - rand()) / rate);
    }
  }
  return rows;
}

/** Writes `rows` to `file` as an xlsx with SheetJS (dates as date cells); returns `file`. */
export function writeXlsx(file, rows, sheet) {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows, { cellDates: true, dateNF: 'yyyy-mm-dd' }), sheet);
  XLSX.writeFile(wb, file, { cellDates: true });
  return file;
}
