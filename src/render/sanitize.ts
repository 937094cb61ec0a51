// The one place untrusted text is made safe for a terminal. Every string that is
// printed as text (table cells, article view, TSV, messages quoting feed data)
// passes through here last, after all HTML and entity decoding, before color.

// C0 controls except \t and \n, DEL, C1 controls (U+0080–U+009F, incl. the 8-bit
// CSI U+009B), and the bidi embeddings, overrides and isolates that can make text
// display in an order other than the one it is stored in ("Trojan Source").
// LRM/RLM marks stay: they cannot reorder text across them.
const UNSAFE_CHARS = '\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f\\u202a-\\u202e\\u2066-\\u2069';
const UNSAFE = new RegExp(`[${UNSAFE_CHARS}]`, 'g');

// Nearly all text is clean, and one test of a non-global pattern (no lastIndex state)
// costs a quarter of the replaces that find nothing: clean text is returned as is.
const HAS_UNSAFE = new RegExp(`[${UNSAFE_CHARS}]`);
const HAS_UNSAFE_OR_BREAK = new RegExp(`[\\t\\n${UNSAFE_CHARS}]`);

export function sanitize(text: string): string {
  return HAS_UNSAFE.test(text) ? text.replace(UNSAFE, '') : text;
}

/** For one-line contexts (table cells, TSV fields, messages): also folds tabs and newlines to spaces. */
export function sanitizeLine(text: string): string {
  return HAS_UNSAFE_OR_BREAK.test(text) ? text.replace(UNSAFE, '').replace(/[\t\n]+/g, ' ') : text;
}

/**
 * Whether UTF-8 bytes hold any character sanitize() removes, for text printed as
 * the bytes it is (the listing index's TSV). A regular expression takes ~2 ns a
 * byte; this tests four bytes at a time for anything below 0x20, DEL or non-ASCII,
 * and looks closer only there.
 */
export function hasUnsafeUtf8(b: Uint8Array): boolean {
  const start = Math.min((4 - (b.byteOffset & 3)) & 3, b.length);
  const words = (b.length - start) >> 2;
  for (let i = 0; i < start; i++) if (unsafeAt(b, i)) return true;
  const w = new Uint32Array(b.buffer, b.byteOffset + start, words);
  for (let k = 0; k < words; k++) {
    const x = w[k]!;
    const del = x ^ 0x7f7f7f7f; // a zero byte where x has DEL
    if (((((x - 0x20202020) & ~x) | x | ((del - 0x01010101) & ~del)) & 0x80808080) !== 0) {
      const i = start + 4 * k;
      if (unsafeAt(b, i) || unsafeAt(b, i + 1) || unsafeAt(b, i + 2) || unsafeAt(b, i + 3)) return true;
    }
  }
  for (let i = start + 4 * words; i < b.length; i++) if (unsafeAt(b, i)) return true;
  return false;
}

// Whether a sanitize()d character begins at byte i: C0 but tab and newline, DEL,
// C1 (C2 80–9F), U+202A–U+202E (E2 80 AA–AE), U+2066–U+2069 (E2 81 A6–A9).
function unsafeAt(b: Uint8Array, i: number): boolean {
  const c = b[i]!;
  if (c < 0x20) return c !== 0x09 && c !== 0x0a;
  if (c === 0x7f) return true;
  if (c === 0xc2) return b[i + 1]! >= 0x80 && b[i + 1]! <= 0x9f;
  if (c === 0xe2) {
    const d = b[i + 1];
    const e = b[i + 2]!;
    return (d === 0x80 && e >= 0xaa && e <= 0xae) || (d === 0x81 && e >= 0xa6 && e <= 0xa9);
  }
  return false;
}
