// Test helper: an xlsx's parts, to compare two workbooks written at different moments.
import XLSX from 'xlsx';

/** The parts of an xlsx (a zip) by path, as text; the creation time is left out (it is the clock's). */
export function xlsxParts(bytes) {
  const zip = XLSX.CFB.read(Buffer.from(bytes), { type: 'buffer' });
  const parts = {};
  zip.FullPaths.forEach((path, i) => {
    const content = zip.FileIndex[i].content;
    if (content && content.length && !path.endsWith('/docProps/core.xml') && !path.includes('Sh33tJ5')) parts[path] = Buffer.from(content).toString('utf8');
  });
  return parts;
}
