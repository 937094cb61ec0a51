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

/** Whether `c` is ASCII whitespace as HTML means it: space, tab, LF, FF, CR (not VT, not NBSP). */
function isHtmlSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;
}

/**
 * Every run of HTML whitespace one space, as text in normal flow is laid out:
 * the same as `s.replace(/[\t\n\f\r][ \t\n\f\r]*| [ \t\n\f\r]+/g, ' ')`, and `s`
 * itself when it has no run but single spaces. A scan, because the expression
 * tried a match at every space of every body: 94 ms of the 2.2 s of
 * `news list --source big.xml --json` (BENCHMARKS.md, "Eighth session").
 */
export function collapseHtmlSpace(s: string): string {
  const n = s.length;
  let i = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c > 0x20) continue;
    if (c === 0x20 ? i + 1 < n && isHtmlSpace(s.charCodeAt(i + 1)) : isHtmlSpace(c)) break;
  }
  if (i === n) return s;
  // i starts the first run to replace; `from` is where the text not yet copied starts.
  let out = '';
  let from = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (!isHtmlSpace(c)) {
      i++;
      continue;
    }
    let end = i + 1;
    while (end < n && isHtmlSpace(s.charCodeAt(end))) end++;
    if (end - i > 1 || c !== 0x20) {
      out += `${s.slice(from, i)} `;
      from = end;
    }
    i = end;
  }
  return out + s.slice(from);
}
