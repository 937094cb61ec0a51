// A tolerant HTML tokenizer for the text converter and the sanitizer. A plain loop,
// never recursion, so no input (100,000 nested tags included) can overflow the call
// stack. Where browsers and this tokenizer could disagree, the sanitizer depends on it:
// see html-sanitize.ts.

import { decodeHTMLAttribute } from './entities.js';
import { elementFlags, RAW_TEXT } from './html-elements.js';

/** `comment` also covers everything ignorable: doctypes, `<?…>`, `</>`, a tag cut off by the end of input. */
export type TokenKind = 'text' | 'raw' | 'cdata' | 'start' | 'end' | 'comment' | 'eof';

export interface Attribute {
  /** Lowercase. */
  name: string;
  /** Entities decoded the way browsers decode attribute values. */
  value: string;
  /** Span of `name=value` as written, for rewriting a tag without losing its spelling. */
  start: number;
  end: number;
}

const LT = 60, GT = 62, SLASH = 47, BANG = 33, QUESTION = 63, EQ = 61, DQUOTE = 34, SQUOTE = 39;

const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 12 || c === 13;
const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

const COMMENT_END = /--!?>/g;
const rawEndPatterns = new Map<string, RegExp>();

function rawEndPattern(name: string): RegExp {
  let re = rawEndPatterns.get(name);
  if (!re) {
    re = new RegExp(`</${name}[\\t\\n\\f\\r />]`, 'gi');
    rawEndPatterns.set(name, re);
  }
  return re;
}

/**
 * A pull tokenizer: `next()` advances and fills the public fields, which stay valid
 * until the following call. Token text is left undecoded so the sanitizer can copy it.
 */
export class Tokenizer {
  kind: TokenKind = 'eof';
  /** Span of the whole token in the source. */
  start = 0;
  end = 0;
  /** Span of the content of a text, raw or cdata token. */
  textStart = 0;
  textEnd = 0;
  /** Tag name, lowercase; for a raw token, the element whose content it is. */
  name = '';
  /** html-elements.ts bits of `name`. */
  flags = 0;
  /** Where the tag name ends in the source, to reuse its original spelling. */
  nameEnd = 0;
  selfClosing = false;
  private pos = 0;
  private parsedAttrs: Attribute[] | null = null;
  private rawOwner = '';

  constructor(private readonly src: string) {}

  /** The attributes of the current start tag. */
  get attrs(): readonly Attribute[] {
    if (!this.parsedAttrs) {
      this.parsedAttrs = [];
      this.scanAttributes(this.nameEnd, this.parsedAttrs);
    }
    return this.parsedAttrs;
  }

  next(): TokenKind {
    const s = this.src;
    const p = this.pos;
    if (this.rawOwner) return this.readRaw();
    if (p >= s.length) return (this.kind = 'eof');
    if (s.charCodeAt(p) === LT && this.opensMarkup(p)) return this.readMarkup(p);
    let q = p + 1;
    for (;;) {
      q = s.indexOf('<', q);
      if (q < 0) q = s.length;
      if (q >= s.length || this.opensMarkup(q)) break;
      q++;
    }
    return this.emit('text', p, q, p, q);
  }

  /** Whether the `<` at `p` starts something other than text (`5 < 6` does not). */
  private opensMarkup(p: number): boolean {
    const c = this.src.charCodeAt(p + 1);
    return isLetter(c) || c === BANG || c === QUESTION || (c === SLASH && p + 2 < this.src.length);
  }

  private emit(kind: TokenKind, start: number, end: number, textStart = end, textEnd = end): TokenKind {
    this.start = start;
    this.end = end;
    this.textStart = textStart;
    this.textEnd = textEnd;
    this.pos = end;
    return (this.kind = kind);
  }

  /** A bogus comment in browsers' terms: everything up to the next `>`. */
  private skipTo(start: number, from: number): TokenKind {
    const i = this.src.indexOf('>', from);
    return this.emit('comment', start, i < 0 ? this.src.length : i + 1);
  }

  private readMarkup(p: number): TokenKind {
    const s = this.src;
    const c = s.charCodeAt(p + 1);
    if (isLetter(c)) return this.readTag(p, false);
    if (c === QUESTION) return this.skipTo(p, p + 2);
    if (c === SLASH) {
      const d = s.charCodeAt(p + 2);
      if (isLetter(d)) return this.readTag(p, true);
      return d === GT ? this.emit('comment', p, p + 3) : this.skipTo(p, p + 2);
    }
    // `<!`: comment, CDATA section, doctype or bogus comment.
    if (s.startsWith('<!--', p)) {
      const q = p + 4;
      // `<!-->` and `<!--->` are complete, empty comments in browsers.
      if (s.charCodeAt(q) === GT) return this.emit('comment', p, q + 1);
      if (s.startsWith('->', q)) return this.emit('comment', p, q + 2);
      COMMENT_END.lastIndex = q;
      const m = COMMENT_END.exec(s);
      return this.emit('comment', p, m ? m.index + m[0].length : s.length);
    }
    if (s.startsWith('<![CDATA[', p)) {
      const i = s.indexOf(']]>', p + 9);
      const textEnd = i < 0 ? s.length : i;
      return this.emit('cdata', p, i < 0 ? s.length : i + 3, p + 9, textEnd);
    }
    return this.skipTo(p, p + 2);
  }

  private readTag(p: number, isEnd: boolean): TokenKind {
    const s = this.src;
    const len = s.length;
    let q = p + (isEnd ? 2 : 1);
    const nameStart = q;
    for (let c = s.charCodeAt(q); q < len && !isSpace(c) && c !== SLASH && c !== GT; c = s.charCodeAt(++q));
    this.name = s.slice(nameStart, q).toLowerCase();
    this.flags = elementFlags(this.name);
    this.nameEnd = q;
    this.parsedAttrs = null;
    const tagEnd = this.scanAttributes(q, null);
    // Browsers drop a tag that the end of input cuts off.
    if (tagEnd < 0) return this.emit('comment', p, len);
    // `<script/>` is not self-closing in HTML, but XHTML bodies in feeds mean it that way,
    // and reading it as HTML would swallow the rest of the article.
    if (!isEnd && !this.selfClosing && this.flags & RAW_TEXT) this.rawOwner = this.name;
    return this.emit(isEnd ? 'end' : 'start', p, tagEnd);
  }

  /**
   * Walks the attributes from `q` to the end of the tag and returns the index after its
   * `>`, or -1 when the input ends first. Only collects them when asked: most tags'
   * attributes are never looked at, and building them was a third of the time.
   */
  private scanAttributes(q: number, into: Attribute[] | null): number {
    const s = this.src;
    const len = s.length;
    this.selfClosing = false;
    for (;;) {
      let c = s.charCodeAt(q);
      // A `/` not followed by `>` separates attributes like a space does.
      while (q < len && (isSpace(c) || (c === SLASH && s.charCodeAt(q + 1) !== GT))) c = s.charCodeAt(++q);
      if (q >= len) return -1;
      if (c === GT) return q + 1;
      if (c === SLASH) {
        this.selfClosing = true;
        return q + 2;
      }
      const nameStart = q;
      // The first character is part of the name even when it is `=`.
      for (c = s.charCodeAt(++q); q < len && !isSpace(c) && c !== SLASH && c !== GT && c !== EQ; c = s.charCodeAt(++q));
      const nameEnd = q;
      let r = q;
      while (r < len && isSpace(s.charCodeAt(r))) r++;
      let valueStart = -1;
      let valueEnd = -1;
      if (s.charCodeAt(r) === EQ) {
        r++;
        while (r < len && isSpace(s.charCodeAt(r))) r++;
        if (r >= len) return -1;
        c = s.charCodeAt(r);
        if (c === DQUOTE || c === SQUOTE) {
          const close = s.indexOf(c === DQUOTE ? '"' : "'", r + 1);
          if (close < 0) return -1;
          valueStart = r + 1;
          valueEnd = close;
          q = close + 1;
        } else if (c !== GT) {
          valueStart = r;
          for (; r < len && !isSpace(c) && c !== GT; c = s.charCodeAt(++r));
          valueEnd = r;
          q = r;
        } else {
          q = r;
        }
      }
      if (into) {
        let value = valueStart < 0 ? '' : s.slice(valueStart, valueEnd);
        if (value.includes('&')) value = decodeHTMLAttribute(value);
        into.push({ name: s.slice(nameStart, nameEnd).toLowerCase(), value, start: nameStart, end: q });
      }
    }
  }

  private readRaw(): TokenKind {
    const s = this.src;
    const owner = this.rawOwner;
    this.rawOwner = '';
    const from = this.pos;
    let to = s.length;
    if (owner !== 'plaintext') {
      const re = rawEndPattern(owner);
      re.lastIndex = from;
      const m = re.exec(s);
      if (m) to = m.index;
    }
    // `flags` are still those of the start tag that opened the raw text.
    this.name = owner;
    return this.emit('raw', from, to, from, to);
  }
}
