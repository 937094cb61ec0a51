// Cleans an HTML body for the Article `html` field: dropped elements go with their
// content (the same list and the same element bookkeeping as the text converter, so
// converting the cleaned HTML gives the same text), and so do event handlers, `style`
// attributes and URLs that are not http(s) or relative. Everything else is copied as
// written.
//
// Safety rests on one invariant: whatever this tokenizer read as text is written back
// so that a browser reads it as text too. Text gets its `<` escaped (so removing a
// `<script>` between `<` and `img …>` cannot glue a new tag together), CDATA sections are
// escaped (browsers read `<![CDATA[` in HTML as a comment ending at the first `>`), and
// tags are copied or rebuilt from attribute spans this tokenizer parsed.

import { OpenElements } from './html-open-elements.js';
import { DROPPED, VOID } from './html-elements.js';
import { Tokenizer, type Attribute, type TokenKind } from './html-tokens.js';

const MAX_DEPTH = 256;

// Attributes a browser follows or loads as a URL.
const URL_ATTRIBUTES = new Set([
  'href', 'src', 'action', 'formaction', 'poster', 'background', 'cite', 'longdesc', 'lowsrc', 'dynsrc',
  'data', 'codebase', 'xlink:href', 'ping',
]);
// Harmless in a document's head, but in a body they redirect relative links (base),
// load style sheets (link) or refresh to another page (meta).
const REMOVED_VOID_ELEMENTS = new Set(['base', 'link', 'meta']);

function isRemoved(name: string, flags: number): boolean {
  return (flags & DROPPED) !== 0 || ((flags & VOID) !== 0 && REMOVED_VOID_ELEMENTS.has(name));
}

/** Whether a URL attribute value is http(s) or relative, the way a URL parser sees it. */
export function isSafeUrl(value: string): boolean {
  // URL parsers drop tabs and newlines anywhere and controls and spaces at the ends
  // (`jav&#x09;ascript:`). Removing every control and space is stricter: at worst an odd
  // relative URL such as `a b:c` is taken for a scheme and removed.
  const compact = value.replace(/[\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200f\u2028\u2029\u202f\u205f\u3000\ufeff]/g, '');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(compact)?.[1];
  return scheme === undefined || /^https?$/i.test(scheme);
}

function isUnsafeAttribute(a: Attribute): boolean {
  if (a.name.startsWith('on') || a.name === 'style') return true;
  if (URL_ATTRIBUTES.has(a.name)) return !isSafeUrl(a.value);
  // `srcset` lists `URL [descriptor]` candidates separated by commas.
  if (a.name === 'srcset') return a.value.split(',').some((c) => !isSafeUrl(c.trim().split(/\s/)[0] ?? ''));
  return false;
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A start tag rebuilt from its safe attributes, or null when it can stay as written. */
function cleanStartTag(html: string, tok: Tokenizer): string | null {
  // `<p>`, `<br/>`: nothing to look at.
  if (tok.end - tok.nameEnd <= 2) return null;
  const kept: string[] = [];
  let removed = false;
  for (const a of tok.attrs) {
    if (isUnsafeAttribute(a)) removed = true;
    else kept.push(html.slice(a.start, a.end));
  }
  if (!removed) return null;
  const name = html.slice(tok.start + 1, tok.nameEnd);
  return `<${name}${kept.map((k) => ` ${k}`).join('')}${tok.selfClosing ? ' />' : '>'}`;
}

export function sanitizeHtml(html: string): string {
  const tok = new Tokenizer(html);
  const out = new Sanitizer(html);
  for (let kind = tok.next(); kind !== 'eof'; kind = tok.next()) out.token(kind, tok);
  return out.finish();
}

/**
 * The sanitizer as a consumer of tokens, so that one tokenizer can feed it and the
 * text converter together (html-text.ts htmlToTextAndSanitized).
 */
export class Sanitizer {
  private readonly stack = new OpenElements<{ name: string }>(MAX_DEPTH, () => {});
  // The source is copied through in runs; only tokens that change or go interrupt a run.
  private readonly parts: string[] = [];
  private copied = 0;

  constructor(private readonly html: string) {}

  private replace(start: number, end: number, text: string): void {
    if (start > this.copied) this.parts.push(this.html.slice(this.copied, start));
    if (text) this.parts.push(text);
    this.copied = end;
  }

  token(kind: TokenKind, tok: Tokenizer): void {
    const { html, stack } = this;
    if (kind === 'text') {
      if (stack.dropping) stack.beforeText(html.slice(tok.textStart, tok.textEnd));
      const lt = html.indexOf('<', tok.textStart);
      if (stack.dropping) this.replace(tok.start, tok.end, '');
      else if (lt >= 0 && lt < tok.textEnd) {
        this.replace(tok.start, tok.end, html.slice(tok.textStart, tok.textEnd).replace(/</g, '&lt;'));
      }
    } else if (kind === 'raw') {
      // Kept raw text (title, xmp, plaintext) ends where a browser ends it: at the same end tag.
      if (stack.dropping || tok.flags & DROPPED) this.replace(tok.start, tok.end, '');
    } else if (kind === 'cdata') {
      this.replace(tok.start, tok.end, stack.dropping ? '' : escapeText(html.slice(tok.textStart, tok.textEnd)));
    } else if (kind === 'comment') {
      this.replace(tok.start, tok.end, '');
    } else if (kind === 'start') {
      const { name, flags } = tok;
      stack.beforeStart(name, flags);
      if (stack.dropping || isRemoved(name, flags)) this.replace(tok.start, tok.end, '');
      else {
        const cleaned = cleanStartTag(html, tok);
        if (cleaned !== null) this.replace(tok.start, tok.end, cleaned);
      }
      // `<x/>` opens nothing: the converter reads it the same way.
      if (!(flags & VOID) && !tok.selfClosing && stack.canPush(flags)) stack.push({ name }, flags);
    } else if (kind === 'end') {
      const dropFrom = stack.dropIndex;
      const found = stack.end(tok.name, tok.flags);
      // An end tag that closes an element from outside the dropped content is kept with it.
      const outside = dropFrom < 0 || (found >= 0 && found < dropFrom);
      if (!outside || isRemoved(tok.name, tok.flags)) this.replace(tok.start, tok.end, '');
      // Browsers ignore attributes on end tags; leaving them out is one less thing to trust.
      else if (tok.end !== tok.nameEnd + 1) this.replace(tok.start, tok.end, `</${html.slice(tok.start + 2, tok.nameEnd)}>`);
    }
  }

  finish(): string {
    this.replace(this.html.length, this.html.length, '');
    return this.parts.join('');
  }
}
