// Writes the import benchmark's workbook: N data rows × 10 columns (channel, campaign,
// month, spend, revenue, impressions, clicks, conversions, sessions, new customers) as
// a valid xlsx (inline strings, deflated zip built with node:zlib), or the same rows as
// CSV when `out` ends in .csv. Made at benchmark time, never committed; the same N gives
// the same bytes.
//
// Usage: node bench/import-workbook.mjs [rows=1000000] [out=target/bench-import/campaigns-N.xlsx|.csv]
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';

const HEAD = ['Channel', 'Campaign', 'Month', 'Spend', 'Revenue', 'Impressions', 'Clicks', 'Conversions', 'Sessions', 'New customers'];
const CHANNELS = ['Google Ads', 'Meta', 'LinkedIn', 'Email', 'TikTok', 'Display', 'Affiliates', 'Podcasts'];
const n = Number(process.argv[2] || 1_000_000);
const out = process.argv[3] || `target/bench-import/campaigns-${n}.xlsx`;

let seed = 12345;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const col = (c) => String.fromCharCode(65 + c);
const str = (v, ref) => `<c r="${ref}" t="inlineStr"><is><t>${v}</t></is></c>`;
const num = (v, ref) => `<c r="${ref}"><v>${v}</v></c>`;

const csv = out.endsWith('.csv');
const lines = [HEAD.join(',')];
const chunks = [`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:J${n + 1}"/><sheetData>`];
chunks.push(`<row r="1">${HEAD.map((h, c) => str(h, `${col(c)}1`)).join('')}</row>`);
for (let i = 0; i < n; i++) {
  const r = i + 2;
  const channel = CHANNELS[i % CHANNELS.length];
  const impressions = 1000 + Math.floor(rand() * 200000);
  const clicks = Math.floor(impressions * (0.005 + rand() * 0.03));
  const sessions = Math.floor(clicks * 0.9);
  const conversions = Math.floor(sessions * (0.01 + rand() * 0.05));
  const spend = Math.round((50 + rand() * 5000) * 100) / 100;
  const revenue = Math.round(spend * (0.5 + rand() * 4) * 100) / 100;
  const v = [channel, `${channel} ${(i % 97) + 1}`, `2024-${String((i % 12) + 1).padStart(2, '0')}`, spend, revenue, impressions, clicks, conversions, sessions, Math.floor(conversions * 0.6)];
  if (csv) {
    lines.push(v.join(','));
    continue;
  }
  chunks.push(`<row r="${r}">${v.map((x, c) => (typeof x === 'number' ? num : str)(x, `${col(c)}${r}`)).join('')}</row>`);
}
if (csv) {
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, lines.join('\n') + '\n');
  console.log(`${out}: ${n} rows × ${HEAD.length} columns`);
  process.exit(0);
}
chunks.push('</sheetData></worksheet>');
const sheet = Buffer.concat(chunks.map((c) => Buffer.from(c)));

const ns = 'http://schemas.openxmlformats.org';
const files = [
  ['[Content_Types].xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="${ns}/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`],
  ['_rels/.rels', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
  ['xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="${ns}/spreadsheetml/2006/main" xmlns:r="${ns}/officeDocument/2006/relationships"><sheets><sheet name="Campaigns" sheetId="1" r:id="rId1"/></sheets></workbook>`],
  ['xl/_rels/workbook.xml.rels', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`],
  ['xl/worksheets/sheet1.xml', sheet],
];

const parts = [];
const central = [];
let offset = 0;
for (const [name, content] of files) {
  const data = Buffer.isBuffer(content) ? content : Buffer.from(content);
  const body = deflateRawSync(data, { level: 6 });
  const nameBuf = Buffer.from(name);
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(body.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(nameBuf.length, 26);
  const dir = Buffer.alloc(46);
  dir.writeUInt32LE(0x02014b50, 0);
  dir.writeUInt16LE(20, 4);
  dir.writeUInt16LE(20, 6);
  dir.writeUInt16LE(8, 10);
  dir.writeUInt32LE(crc, 16);
  dir.writeUInt32LE(body.length, 20);
  dir.writeUInt32LE(data.length, 24);
  dir.writeUInt16LE(nameBuf.length, 28);
  dir.writeUInt32LE(offset, 42);
  parts.push(local, nameBuf, body);
  central.push(dir, nameBuf);
  offset += local.length + nameBuf.length + body.length;
}
const centralBuf = Buffer.concat(central);
const end = Buffer.alloc(22);
end.writeUInt32LE(0x06054b50, 0);
end.writeUInt16LE(files.length, 8);
end.writeUInt16LE(files.length, 10);
end.writeUInt32LE(centralBuf.length, 12);
end.writeUInt32LE(offset, 16);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, Buffer.concat([...parts, centralBuf, end]));
console.log(`${out}: ${n} rows × ${HEAD.length} columns, ${(offset / 1e6).toFixed(1)} MB`);
