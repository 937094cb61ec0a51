// The one place untrusted text is made safe for a terminal. Every string that is
// printed as text (table cells, article view, TSV, messages quoting feed data)
// passes through here last, after all HTML and entity decoding, before color.

// C0 controls except \t and \n, DEL, C1 controls (U+0080–U+009F, incl. the 8-bit
// CSI U+009B), and the bidi embeddings, overrides and isolates that can make text
// display in an order other than the one it is stored in ("Trojan Source").
// LRM/RLM marks stay: they cannot reorder text across them.
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function sanitize(text: string): string {
  return text.replace(UNSAFE, '');
}

/** For one-line contexts (table cells, TSV fields, messages): also folds tabs and newlines to spaces. */
export function sanitizeLine(text: string): string {
  return sanitize(text).replace(/[\t\n]+/g, ' ');
}
