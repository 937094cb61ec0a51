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
