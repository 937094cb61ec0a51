// What JavaScript's \s (and String.prototype.trim) count as whitespace, as a test
// of one UTF-16 unit, and the field steps built on it. They are written out rather
// than left to regular expressions because they run on every title, author and
// URL of every listing, start-up included: V8 compiles a regular expression on its
// first use and again, to machine code, on its second, which cost `news list`
// 0.05–0.3 ms per expression (BENCHMARKS.md, "Seventh session").
// test/core/whitespace.test.ts checks every UTF-16 unit against \s.

/** Whether the UTF-16 unit `c` is whitespace as \s means it (WhiteSpace and LineTerminator). */
export function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** Index of the first unit of `s` that is neither whitespace nor U+FEFF, or -1. */
export function firstNonSpace(s: string): number {
  for (let i = 0, n = s.length; i < n; i++) if (!isSpace(s.charCodeAt(i))) return i;
  return -1;
}

/**
 * Every run of whitespace one space, none at either end: the same as
 * `s.replace(/\s+/g, ' ').trim()`, and `s` itself (no copy) when it is already so,
 * as most titles and names are.
 */
export function collapseWhitespace(s: string): string {
  const n = s.length;
  let clean = true;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c > 0x20 && c < 0xa0) continue;
    if (c === 0x20 ? i === 0 || i === n - 1 || s.charCodeAt(i + 1) === 0x20 : isSpace(c)) {
      clean = false;
      break;
    }
  }
  if (clean) return s;
  let out = '';
  let start = -1; // start of the current run of non-space units
  for (let i = 0; i <= n; i++) {
    const space = i === n || isSpace(s.charCodeAt(i));
    if (!space) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      out = out === '' ? s.slice(start, i) : `${out} ${s.slice(start, i)}`;
      start = -1;
    }
  }
  return out;
}
