// The pieces Apps Script lacks and the add-on brings: the UTF-8 TextEncoder/TextDecoder
// polyfill and the base64 decoder, against Node's own implementations as the reference.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import { decodeBase64 } from '../../js/sheets/base64.js';

const polyfill = readFileSync(new URL('../../js/sheets/polyfill.js', import.meta.url), 'utf8');
const ctx = vm.createContext({});
vm.runInContext(polyfill, ctx);
const { TextEncoder: PolyEncoder, TextDecoder: PolyDecoder } = vm.runInContext('({ TextEncoder, TextDecoder })', ctx);

const strings = [
  '', 'ROAS', 'Kundelivstidsverdi (CLV) – æøå ÆØÅ', '客户终身价值', '行銷投資報酬率', '€ 1 000,50', '😀 emoji 🚀',
  'lone \ud800 high', 'lone \udc00 low', 'end \ud83d', '\u0000nul', '\u007f\u0080\u07ff\u0800\uffff', '\ufeffBOM first',
  'x'.repeat(20000) + '✓'.repeat(9000),
];

test('encode and decode agree with the WHATWG implementations (Node)', () => {
  const enc = new TextEncoder();
  const dec = new TextDecoder('utf-8', { ignoreBOM: true });
  for (const s of strings) {
    const mine = new PolyEncoder().encode(s);
    assert.deepEqual([...mine], [...enc.encode(s)], JSON.stringify(s.slice(0, 40)));
    assert.equal(new PolyDecoder('utf-8', { ignoreBOM: true }).decode(mine), dec.decode(enc.encode(s)));
  }
  assert.equal(new PolyDecoder().decode(), '');
  assert.equal(new PolyDecoder().decode(enc.encode('\ufeffabc')), 'abc', 'BOM dropped by default');
  assert.equal(new PolyDecoder('utf-8', { ignoreBOM: true }).decode(enc.encode('\ufeffabc')), '\ufeffabc');
});

test('invalid UTF-8 becomes U+FFFD exactly as the WHATWG decoder does', () => {
  const dec = new TextDecoder();
  const bad = [
    [0x80], [0xc0, 0x80], [0xc2], [0xe2, 0x82], [0xe2, 0x28, 0xa1], [0xed, 0xa0, 0x80], [0xf0, 0x8f, 0xbf, 0xbf],
    [0xf4, 0x90, 0x80, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0x61, 0xf0, 0x9f, 0x98, 0x62], [0xff, 0xfe, 0x41],
  ];
  for (const b of bad) assert.equal(new PolyDecoder().decode(new Uint8Array(b)), dec.decode(new Uint8Array(b)), b.join(','));
  // Every 2-byte sequence, against the reference.
  const all = new Uint8Array(2);
  for (let a = 0x80; a < 0x100; a++) {
    for (let b = 0; b < 0x100; b += 7) {
      all[0] = a;
      all[1] = b;
      assert.equal(new PolyDecoder().decode(all), dec.decode(all), `${a},${b}`);
    }
  }
});

test('encodeInto stops where the target is full, as the reference does', () => {
  for (const s of ['abc€😀x', '客户😀', 'a\ud800b']) {
    for (let size = 0; size <= 12; size++) {
      const mine = new Uint8Array(size);
      const ref = new Uint8Array(size);
      const r1 = new PolyEncoder().encodeInto(s, mine);
      const r2 = new TextEncoder().encodeInto(s, ref);
      assert.deepEqual({ read: r1.read, written: r1.written }, r2, `${s} into ${size}`);
      assert.deepEqual([...mine], [...ref]);
    }
  }
});

test('the polyfill leaves a platform that has the classes alone', () => {
  const withNative = vm.createContext({ TextEncoder, TextDecoder });
  vm.runInContext(polyfill, withNative);
  assert.equal(vm.runInContext('TextEncoder', withNative), TextEncoder);
  assert.throws(() => new PolyDecoder('latin1'), /only UTF-8/);
});

test('base64 decodes like Buffer, every length and byte value', () => {
  for (let n = 0; n < 70; n++) {
    const bytes = Buffer.from(Array.from({ length: n }, (_, i) => (i * 97 + n * 31) & 0xff));
    assert.deepEqual([...decodeBase64(bytes.toString('base64'))], [...bytes], `length ${n}`);
    assert.deepEqual([...decodeBase64(bytes.toString('base64').replace(/=+$/, ''))], [...bytes], `unpadded ${n}`);
  }
  const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
  assert.deepEqual([...decodeBase64(all.toString('base64'))], [...all]);
  assert.throws(() => decodeBase64('ab$d'), /Invalid base64 character/);
  assert.throws(() => decodeBase64('abcde'), /impossible length/);
});
