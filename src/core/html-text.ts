// HTML to plain text by the rules in docs/text-rules.md. Hand-written rather than
// html-to-text: a 27 MB feed must convert in well under a second, deep nesting must not
// overflow the stack, and wrapping belongs to the renderer (it wraps by display width).

import { decodeHTML } from './entities.js';
import { OpenElements } from './html-open-elements.js';
import { DROPPED, VOID } from './html-elements.js';
import { Tokenizer, type TokenKind } from './html-tokens.js';
import { Sanitizer } from './html-sanitize.js';
import { TextLayout, type Link } from './html-text-layout.js';

export { sanitizeHtml } from './html-sanitize.js';

export interface HtmlToTextOptions {
  /** Reader view: http(s) links get `[N]` markers and a closing list of URLs. */
  footnotes?: boolean;
  /** Elements nested deeper than this are flattened. */
  maxDepth?: number;
}

const DEFAULT_MAX_DEPTH = 256;
/**
 * The "HTML or plain text?" test: a `<` followed by a letter, `/` or `!`. A scan
 * for `<` rather than a regular expression, as it runs on every title at
 * start-up (see whitespace.ts).
 */
export function looksLikeHtml(s: string): boolean {
  for (let i = s.indexOf('<'); i !== -1; i = s.indexOf('<', i + 1)) {
    const c = s.charCodeAt(i + 1);
    const lower = c | 0x20;
    if ((lower >= 0x61 && lower <= 0x7a) || c === 0x2f || c === 0x21) return true;
  }
  return false;
}

/** HTML5 character references: `&#150;` is an en dash, `&#0;` U+FFFD, `&amp` works without `;`. */
export function decodeEntities(s: string): string {
  return s.includes('&') ? decodeHTML(s) : s;
}

const enum Role { Inline, Block, Pre, Quote, List, Item, Term, Definition, DefinitionList, Table, Row, Cell, Anchor }

const ROLES = new Map<string, Role>([
  ['pre', Role.Pre], ['blockquote', Role.Quote], ['ul', Role.List], ['ol', Role.List], ['li', Role.Item],
  ['dl', Role.DefinitionList], ['dt', Role.Term], ['dd', Role.Definition], ['table', Role.Table],
  ['tr', Role.Row], ['td', Role.Cell], ['th', Role.Cell], ['a', Role.Anchor],
  // caption is no block in the rules, but without a break it would run into the first row.
  ['caption', Role.Row],
]);
for (const name of [
  'p', 'div', 'section', 'article', 'header', 'footer', 'main', 'aside', 'nav', 'h1', 'h2', 'h3', 'h4',
  'h5', 'h6', 'figure', 'figcaption', 'address', 'details', 'summary',
]) {
  ROLES.set(name, Role.Block);
}

interface Frame {
  readonly name: string;
  readonly role: Role;
  /** Whether the layout saw it open (elements inside dropped content never are). */
  opened: boolean;
  link: Link | null;
}

export function htmlToText(html: string, options: HtmlToTextOptions = {}): string {
  const tok = new Tokenizer(html);
  const out = new TextConverter(html, options);
  for (let kind = tok.next(); kind !== 'eof'; kind = tok.next()) out.token(kind, tok);
  return out.finish();
}

/**
 * A feed body as text and as sanitized HTML (both are shown or written): one
 * tokenizer feeds the converter and the sanitizer, rather than each tokenizing the
 * body again. The same results as htmlToText(html) and sanitizeHtml(html).
 */
export function htmlToTextAndSanitized(html: string): { text: string; html: string } {
  const tok = new Tokenizer(html);
  const text = new TextConverter(html, {});
  const clean = new Sanitizer(html);
  for (let kind = tok.next(); kind !== 'eof'; kind = tok.next()) {
    text.token(kind, tok);
    clean.token(kind, tok);
  }
  return { text: text.finish(), html: clean.finish() };
}

/** The converter as a consumer of tokens (see htmlToTextAndSanitized). */
class TextConverter {
  private readonly footnotes: boolean;
  private readonly out = new TextLayout();
  private readonly stack: OpenElements<Frame>;
  private afterPre = false;
  private flattened = false;

  constructor(
    private readonly html: string,
    options: HtmlToTextOptions,
  ) {
    this.footnotes = options.footnotes === true;
    const depth = options.maxDepth;
    const maxDepth = depth !== undefined && Number.isFinite(depth) ? Math.max(1, Math.floor(depth)) : DEFAULT_MAX_DEPTH;
    const out = this.out;
    this.stack = new OpenElements<Frame>(maxDepth, (f) => {
      if (f.opened) close(out, f);
    });
  }

  token(kind: TokenKind, tok: Tokenizer): void {
    const { html, out, stack } = this;
    // Browsers drop a newline that directly follows `<pre>`.
    const skipNewline = this.afterPre;
    this.afterPre = false;
    if (kind === 'text') {
      const raw = html.slice(tok.textStart, tok.textEnd);
      if (stack.dropping) stack.beforeText(raw);
      if (stack.dropping) return;
      const text = decodeEntities(raw);
      out.text(skipNewline ? text.replace(/^\r?\n|^\r/, '') : text);
    } else if (kind === 'raw' || kind === 'cdata') {
      if (stack.dropping || (kind === 'raw' && tok.flags & DROPPED)) return;
      // title is RCDATA (entities decoded); xmp, plaintext and CDATA are not.
      const raw = html.slice(tok.textStart, tok.textEnd);
      out.text(kind === 'raw' && tok.name === 'title' ? decodeEntities(raw) : raw);
    } else if (kind === 'start') {
      const { flags } = tok;
      const name = tok.name === 'image' ? 'img' : tok.name;
      stack.beforeStart(name, flags);
      if (name === 'html' || name === 'body') return;
      if (flags & VOID) {
        if (!stack.dropping) emptyElement(out, name, tok);
        return;
      }
      if (!stack.canPush(flags)) {
        this.flattened = true;
        return;
      }
      const frame: Frame = { name, role: ROLES.get(name) ?? Role.Inline, opened: false, link: null };
      stack.push(frame, flags);
      if (!stack.dropping) {
        frame.opened = true;
        open(out, frame, tok, this.footnotes);
        this.afterPre = name === 'pre';
      }
      // XHTML spelling (`<p/>`) in feeds means an empty element.
      if (tok.selfClosing) stack.popTo(stack.items.length - 1);
    } else if (kind === 'end') {
      const found = stack.end(tok.name, tok.flags);
      // Browsers read a stray `</p>` as `<p></p>` and `</br>` as `<br>`.
      if (stack.dropping) return;
      if (tok.name === 'br') out.lineBreak();
      else if (found < 0 && tok.name === 'p' && !this.flattened) out.requestBreak(2);
    }
  }

  finish(): string {
    this.stack.popTo(0);
    return this.out.finish();
  }
}

function emptyElement(out: TextLayout, name: string, tok: Tokenizer): void {
  if (name === 'br') out.lineBreak();
  else if (name === 'hr') out.requestBreak(2);
  else if (name === 'img') {
    const alt = attr(tok, 'alt')?.replace(/[ \t\n\f\r]+/g, ' ').trim();
    out.inline(alt ? `[image: ${alt}]` : '[image]');
  }
}

/** Reads the tag's attributes only for the few elements that need one. */
function attr(tok: Tokenizer, name: string): string | undefined {
  // The first of duplicate attributes wins, as in browsers.
  return tok.attrs.find((a) => a.name === name)?.value;
}

/** The href as a URL parser reads it when it is http(s), else null (text only). */
function httpUrl(href: string | undefined): string | null {
  if (href === undefined) return null;
  const url = href.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
  return /^https?:/i.test(url) ? url : null;
}

function open(out: TextLayout, frame: Frame, tok: Tokenizer, footnotes: boolean): void {
  switch (frame.role) {
    case Role.Inline:
      return;
    case Role.Block:
      return out.requestBreak(2);
    case Role.Pre:
      return out.preStart();
    case Role.Quote:
      return out.quoteStart();
    case Role.List: {
      const start = frame.name === 'ol' ? Number.parseInt(attr(tok, 'start') ?? '', 10) : Number.NaN;
      return out.listStart(frame.name === 'ol', Number.isNaN(start) ? 1 : start);
    }
    case Role.Item:
      return out.itemStart();
    case Role.DefinitionList:
      return out.listStart(false, 1);
    case Role.Term:
      return out.requestBreak(1);
    case Role.Definition:
      return out.definitionStart();
    case Role.Table:
      return out.tableStart();
    case Role.Row:
      return out.rowStart();
    case Role.Cell:
      return out.cellStart();
    case Role.Anchor: {
      const url = footnotes ? httpUrl(attr(tok, 'href')) : null;
      if (url) frame.link = out.linkStart(url);
      return;
    }
  }
}

function close(out: TextLayout, frame: Frame): void {
  switch (frame.role) {
    case Role.Inline:
      return;
    case Role.Block:
      return out.requestBreak(2);
    case Role.Pre:
      return out.preEnd();
    case Role.Quote:
      return out.quoteEnd();
    case Role.List:
    case Role.DefinitionList:
      return out.listEnd();
    case Role.Item:
      return out.itemEnd();
    case Role.Term:
      return out.requestBreak(1);
    case Role.Definition:
      return out.definitionEnd();
    case Role.Table:
      return out.tableEnd();
    case Role.Row:
      return out.rowEnd();
    case Role.Cell:
      return out.cellEnd();
    case Role.Anchor:
      if (frame.link) out.linkEnd(frame.link);
      return;
  }
}
