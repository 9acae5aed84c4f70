// UTF-8 TextEncoder / TextDecoder for Apps Script, which has neither; the wasm-bindgen
// glue needs them to pass names in and messages out. A plain global script (Apps Script
// has no modules): it installs the two classes only where they are missing, so the same
// file is harmless in a browser or Node. Only UTF-8 is supported, as the glue only asks
// for UTF-8.
(function (global) {
  'use strict';
  if (typeof global.TextEncoder === 'function' && typeof global.TextDecoder === 'function') return;

  /**
   * Writes the UTF-8 bytes of `str` into `out` from `at`, while they fit.
   * Lone surrogates become U+FFFD, as the WHATWG encoder does.
   * @returns {{read: number, written: number}} UTF-16 units consumed, bytes written.
   */
  function encodeInto(str, out, at) {
    var i = 0;
    var o = at;
    var n = str.length;
    var end = out.length;
    while (i < n) {
      var c = str.charCodeAt(i);
      var units = 1;
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
        var d = str.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          units = 2;
        } else {
          c = 0xfffd;
        }
      } else if (c >= 0xd800 && c <= 0xdfff) {
        c = 0xfffd;
      }
      var size = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
      if (o + size > end) break;
      if (size === 1) {
        out[o++] = c;
      } else if (size === 2) {
        out[o++] = 0xc0 | (c >> 6);
        out[o++] = 0x80 | (c & 0x3f);
      } else if (size === 3) {
        out[o++] = 0xe0 | (c >> 12);
        out[o++] = 0x80 | ((c >> 6) & 0x3f);
        out[o++] = 0x80 | (c & 0x3f);
      } else {
        out[o++] = 0xf0 | (c >> 18);
        out[o++] = 0x80 | ((c >> 12) & 0x3f);
        out[o++] = 0x80 | ((c >> 6) & 0x3f);
        out[o++] = 0x80 | (c & 0x3f);
      }
      i += units;
    }
    return { read: i, written: o - at };
  }

  /** UTF-8 encoder (WHATWG `TextEncoder` subset: `encoding`, `encode`, `encodeInto`). */
  function TextEncoder() {}
  TextEncoder.prototype.encoding = 'utf-8';
  TextEncoder.prototype.encode = function (str) {
    str = str === undefined ? '' : String(str);
    var buf = new Uint8Array(str.length * 3);
    var r = encodeInto(str, buf, 0);
    return buf.slice(0, r.written);
  };
  TextEncoder.prototype.encodeInto = function (str, view) {
    return encodeInto(String(str), view, 0);
  };

  /**
   * UTF-8 decoder (WHATWG `TextDecoder` subset). Invalid sequences become U+FFFD, one per
   * maximal invalid subpart, as the WHATWG decoder does; a leading BOM is kept with
   * `ignoreBOM: true` and dropped otherwise.
   */
  function TextDecoder(label, options) {
    var l = label === undefined ? 'utf-8' : String(label).trim().toLowerCase();
    if (l !== 'utf-8' && l !== 'utf8' && l !== 'unicode-1-1-utf-8') {
      throw new RangeError('This TextDecoder supports only UTF-8, not "' + label + '".');
    }
    this.ignoreBOM = !!(options && options.ignoreBOM);
  }
  TextDecoder.prototype.encoding = 'utf-8';
  TextDecoder.prototype.decode = function (input) {
    if (input === undefined) return '';
    var b = input instanceof Uint8Array ? input
      : ArrayBuffer.isView(input) ? new Uint8Array(input.buffer, input.byteOffset, input.byteLength)
      : new Uint8Array(input);
    var n = b.length;
    var i = 0;
    if (!this.ignoreBOM && n >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) i = 3;
    var units = [];
    var parts = [];
    while (i < n) {
      var c = b[i];
      var cp = 0xfffd;
      var len = 1;
      if (c < 0x80) {
        cp = c;
      } else if (c >= 0xc2 && c <= 0xf4) {
        var need = c < 0xe0 ? 1 : c < 0xf0 ? 2 : 3;
        var lo = 0x80;
        var hi = 0xbf;
        if (c === 0xe0) lo = 0xa0;
        else if (c === 0xed) hi = 0x9f;
        else if (c === 0xf0) lo = 0x90;
        else if (c === 0xf4) hi = 0x8f;
        var v = c & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
        var k = 0;
        while (k < need && i + 1 + k < n) {
          var t = b[i + 1 + k];
          if (t < lo || t > hi) break;
          v = (v << 6) | (t & 0x3f);
          lo = 0x80;
          hi = 0xbf;
          k++;
        }
        if (k === need) cp = v;
        len = 1 + k;
      }
      if (cp >= 0x10000) {
        cp -= 0x10000;
        units.push(0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
      } else {
        units.push(cp);
      }
      i += len;
      // Flush in chunks: String.fromCharCode.apply has an argument-count limit.
      if (units.length >= 8192) {
        parts.push(String.fromCharCode.apply(null, units));
        units = [];
      }
    }
    parts.push(String.fromCharCode.apply(null, units));
    return parts.join('');
  };

  global.TextEncoder = TextEncoder;
  global.TextDecoder = TextDecoder;
})(globalThis);
