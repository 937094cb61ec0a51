// FNV-1a (32 bits) over UTF-16 code units: tiny and stable across Node versions.
// Names derived from it (derived slugs, bodies file names, the listing index's
// slug table) must not change, so this is the one copy.

export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** As 8 hex digits. */
export function fnv1aHex(s: string): string {
  return fnv1a(s).toString(16).padStart(8, '0');
}
