// Writes a large campaign workbook for the benchmarks: N data rows (channel, campaign,
// month, spend, revenue, impressions, clicks, conversions, new customers) as CSV and as
// a minimal but valid xlsx (one sheet, inline strings, deflated zip built here with
// node:zlib, so no extra package is needed). Deterministic: the same N gives the same bytes.
//
// Usage: node bench/web-workbook.mjs [rows=100000] [dir=target/bench]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { crc32, deflateRawSync } from 'node:zlib';

const CHANNELS = ['Google Ads', 'Meta', 'LinkedIn', 'Email', 'TikTok', 'Display', 'Affiliates', 'Podcasts'];
const HEAD = ['Channel', 'Campaign', 'Month', 'Spend', 'Revenue', 'Impressions', 'Clicks', 'Conversions', 'New customers'];

/** Row i of the data (a small linear congruential generator keeps it reproducible). */
function* rows(n) {
  let seed = 12345;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let i = 0; i < n; i++) {
    const channel = CHANNELS[i % CHANNELS.length];
    const impressions = 1000 + Math.floor(rand() * 200000);
    const clicks = Math.floor(impressions * (0.005 + rand() * 0.03));
    const conversions = Math.floor(clicks * (0.01 + rand() * 0.05));
    const spend = Math.round((50 + rand() * 5000) * 100) / 100;
    const revenue = Math.round(spend * (0.5 + rand() * 4) * 100) / 100;
    yield [channel, `${channel} campaign ${(i % 97) + 1}`, `2024-${String((i % 12) + 1).padStart(2, '0')}`, spend, revenue, impressions, clicks, conversions, Math.floor(conversions * 0.6)];
  }
}

/** The data as CSV text. */
export function csv(n) {
  const lines = [HEAD.join(',')];
  for (const r of rows(n)) lines.push(r.join(','));
  return lines.join('\n') + '\n';
}

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const col = (c) => String.fromCharCode(65 + c);

/** A stored-deflate zip of `files` (name → Buffer). */
function zip(files) {
  const parts = [];
  const central = [];
  let offset = 0;
  for (const [name, data] of Object.entries(files)) {
    const body = deflateRawSync(data, { level: 6 });
    const nameBuf = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(crc32(data), 16);
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
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(centralBuf.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, centralBuf, end]);
}

/** The data as an xlsx workbook (sheet "Campaigns"). */
export function xlsx(n) {
  const cell = (v, r, c) =>
    typeof v === 'number' ? `<c r="${col(c)}${r}"><v>${v}</v></c>` : `<c r="${col(c)}${r}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`;
  const sheetRows = [`<row r="1">${HEAD.map((v, c) => cell(v, 1, c)).join('')}</row>`];
  let r = 2;
  for (const row of rows(n)) {
    sheetRows.push(`<row r="${r}">${row.map((v, c) => cell(v, r, c)).join('')}</row>`);
    r++;
  }
  const ns = 'http://schemas.openxmlformats.org';
  const files = {
    '[Content_Types].xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="${ns}/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
    '_rels/.rels': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="${ns}/spreadsheetml/2006/main" xmlns:r="${ns}/officeDocument/2006/relationships"><sheets><sheet name="Campaigns" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    'xl/worksheets/sheet1.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="${ns}/spreadsheetml/2006/main"><dimension ref="A1:I${n + 1}"/><sheetData>${sheetRows.join('')}</sheetData></worksheet>`,
  };
  return zip(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, Buffer.from(v)])));
}

if (import.meta.url === pathToFileURL(process.argv[1] || '').href) {
  const n = Number(process.argv[2] || 100000);
  const dir = process.argv[3] || 'target/bench';
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `campaigns-${n}.csv`), csv(n));
  writeFileSync(join(dir, `campaigns-${n}.xlsx`), xlsx(n));
  console.log(`wrote ${join(dir, `campaigns-${n}.csv`)} and .xlsx`);
}
