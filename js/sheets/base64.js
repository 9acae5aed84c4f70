// Base64 → bytes in plain JavaScript: Apps Script has no atob, and its
// Utilities.base64Decode returns a Java-backed array of signed bytes, slower to copy.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Uint8Array(128).fill(255);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;

/**
 * Decodes standard base64 (with or without `=` padding, no whitespace).
 * @param {string} text
 * @returns {Uint8Array}
 */
export function decodeBase64(text) {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 61) end--; // '='
  if (end % 4 === 1) throw new Error('Invalid base64: impossible length.');
  const out = new Uint8Array(Math.floor((end * 3) / 4));
  const sextet = (i) => {
    const c = text.charCodeAt(i);
    const v = c < 128 ? LOOKUP[c] : 255;
    if (v === 255) throw new Error(`Invalid base64 character at ${i}.`);
    return v;
  };
  // Whole groups of four characters → three bytes (the hot loop: a 300 KB module each execution).
  const whole = end - (end % 4);
  let o = 0;
  for (let i = 0; i < whole; i += 4) {
    const n = (sextet(i) << 18) | (sextet(i + 1) << 12) | (sextet(i + 2) << 6) | sextet(i + 3);
    out[o++] = n >> 16;
    out[o++] = (n >> 8) & 0xff;
    out[o++] = n & 0xff;
  }
  // The unpadded tail: 2 characters → 1 byte, 3 → 2.
  if (end - whole >= 2) {
    const n = (sextet(whole) << 18) | (sextet(whole + 1) << 12) | (end - whole === 3 ? sextet(whole + 2) << 6 : 0);
    out[o++] = n >> 16;
    if (end - whole === 3) out[o++] = (n >> 8) & 0xff;
  }
  return out;
}
