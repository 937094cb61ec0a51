// The character-level pieces of the XML scanner in xml.ts: names, start-tag
// attributes and the DOCTYPE, read tolerantly (unquoted values, bare names,
// stray quotes) the way browsers read sloppy markup.
import { decodeXmlText } from './xml-entities.js';

// Attribute bags are plain fast objects whose prototype chain holds no
// Object.prototype: `__proto__` or `constructor` is then only a name, while V8
// keeps its fast property layout (Object.create(null) objects are hash tables,
// and a 10,000-item feed makes a hundred thousand of them).
const Attrs = function Attrs() {} as unknown as new () => Record<string, string>;
Attrs.prototype = Object.create(null) as object;
Object.freeze(Attrs.prototype);
const NO_ATTRS: Record<string, string> = Object.freeze(new Attrs());

export function isNameStart(c: number): boolean {
  // ASCII letters, '_', ':' and anything non-ASCII (names may be in any script)
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x3a || c >= 0x80;
}

export function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
}

/** End of a tag or attribute name: whitespace, `/`, `>`, `=`, or the end. */
export function nameEnd(text: string, i: number): number {
  const len = text.length;
  while (i < len) {
    const c = text.charCodeAt(i);
    if (c === 0x3e || c === 0x2f || c === 0x3d || isSpace(c)) break;
    i++;
  }
  return i;
}

/** Skips `<!DOCTYPE …>` including an internal subset; returns the index after it, or -1. */
export function skipDoctype(text: string, i: number): number {
  const len = text.length;
  let inSubset = false;
  while (i < len) {
    const c = text.charCodeAt(i);
    if (c === 0x22 || c === 0x27) {
      const close = text.indexOf(c === 0x22 ? '"' : "'", i + 1);
      if (close === -1) return -1;
      i = close + 1;
      continue;
    }
    if (inSubset && c === 0x3c && text.startsWith('<!--', i)) {
      const close = text.indexOf('-->', i + 4);
      if (close === -1) return -1;
      i = close + 3;
      continue;
    }
    if (c === 0x5b) inSubset = true;
    else if (c === 0x5d) inSubset = false;
    else if (c === 0x3e && !inSubset) return i + 1;
    i++;
  }
  return -1;
}

/** What one start tag holds; one instance is reused for every tag of a document. */
export class TagScan {
  attrs: Record<string, string> = NO_ATTRS;
  /** Qualified names of the attributes that have a prefix. */
  prefixed: string[] | null = null;
  /** `[prefix, uri]` of each namespace declaration, '' being the default namespace. */
  xmlns: [string, string][] | null = null;
  selfClosing = false;
  /** Index after the tag's `>`. */
  end = 0;
}

/** The source text from `start` to `end`, decoded (see parseXml). */
export type Span = (start: number, end: number) => string;

/** Reads the attributes after a tag name ending at `i`; false when the text ends inside the tag. */
export function scanAttributes(text: string, i: number, out: TagScan, span: Span): boolean {
  const len = text.length;
  out.attrs = NO_ATTRS;
  out.prefixed = null;
  out.xmlns = null;
  out.selfClosing = false;
  while (i < len) {
    const ch = text.charCodeAt(i);
    if (isSpace(ch)) {
      i++;
      continue;
    }
    if (ch === 0x3e) {
      out.end = i + 1;
      return true;
    }
    if (ch === 0x2f) {
      i++;
      if (text.charCodeAt(i) === 0x3e) {
        out.selfClosing = true;
        out.end = i + 1;
        return true;
      }
      continue;
    }
    const aEnd = nameEnd(text, i);
    if (aEnd === i) {
      i++; // a stray '=' or quote where a name should be
      continue;
    }
    const name = span(i, aEnd);
    i = aEnd;
    while (i < len && isSpace(text.charCodeAt(i))) i++;
    let value = '';
    if (text.charCodeAt(i) === 0x3d) {
      i++;
      while (i < len && isSpace(text.charCodeAt(i))) i++;
      const q = text.charCodeAt(i);
      if (q === 0x22 || q === 0x27) {
        const close = text.indexOf(q === 0x22 ? '"' : "'", i + 1);
        if (close === -1) return false;
        value = decodeXmlText(span(i + 1, close));
        i = close + 1;
      } else {
        const start = i;
        while (i < len && !isSpace(text.charCodeAt(i)) && text.charCodeAt(i) !== 0x3e) i++;
        value = decodeXmlText(span(start, i));
      }
    }
    if (name === 'xmlns' || name.startsWith('xmlns:')) {
      (out.xmlns ??= []).push([name.slice(6), value.trim()]);
      continue;
    }
    if (out.attrs === NO_ATTRS) out.attrs = new Attrs();
    else if (name in out.attrs) continue; // the first of duplicate attributes wins, as in HTML
    out.attrs[name] = value;
    if (name.indexOf(':') > 0) (out.prefixed ??= []).push(name);
  }
  return false;
}
