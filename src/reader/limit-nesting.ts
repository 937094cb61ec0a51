// A bound on how deeply a page's elements nest, applied to the HTML text before any
// DOM exists. linkedom's parser and Readability both slow down with the square of the
// depth or worse (1,000 nested divs took Readability 10 s here; 10,000 overflowed the
// stack), so a hostile page could otherwise hang or crash `news read`. Real pages
// nest a few dozen levels; past the bounds, start tags are dropped and their text is
// kept, as htmlToText does (docs/text-rules.md).
import { OpenElements } from '../core/html-open-elements.js';
import { VOID } from '../core/html-elements.js';
import { Tokenizer } from '../core/html-tokens.js';

/** Past this depth only the elements that shape text (paragraphs, lists, quotes, links…) are kept. */
export const WRAPPER_DEPTH = 64;
/** Past this depth no start tag is kept. */
export const MAX_NESTING = 96;

const SHAPES_TEXT = new Set(
  'p pre code h1 h2 h3 h4 h5 h6 ul ol li dl dt dd blockquote a em strong b i u s sub sup q cite figure figcaption table caption thead tbody tfoot tr td th'.split(' '),
);

/** The HTML with too deeply nested start tags (and their end tags) removed; the same string when none are. */
export function limitNesting(html: string, wrapperDepth = WRAPPER_DEPTH, maxDepth = MAX_NESTING): string {
  const tok = new Tokenizer(html);
  // The browser's implied end tags (`<p>`, `<li>`…) keep unclosed paragraphs and list items from counting as depth.
  const stack = new OpenElements<{ name: string }>(maxDepth, () => {});
  const removed = new Map<string, number>();
  const parts: string[] = [];
  let copied = 0;
  const cut = (start: number, end: number): void => {
    parts.push(html.slice(copied, start));
    copied = end;
  };
  for (let kind = tok.next(); kind !== 'eof'; kind = tok.next()) {
    if (kind === 'start') {
      const { name, flags } = tok;
      stack.beforeStart(name, flags);
      if (flags & VOID) continue;
      if (stack.canPush(flags) && (stack.items.length < wrapperDepth || SHAPES_TEXT.has(name))) stack.push({ name }, flags);
      else {
        cut(tok.start, tok.end);
        removed.set(name, (removed.get(name) ?? 0) + 1);
      }
    } else if (kind === 'end') {
      // Only the end tags of removed start tags go; other stray end tags mean something to parsers (`</p>`).
      if (stack.end(tok.name, tok.flags) >= 0) continue;
      const n = removed.get(tok.name) ?? 0;
      if (n > 0) {
        cut(tok.start, tok.end);
        removed.set(tok.name, n - 1);
      }
    }
  }
  if (copied === 0) return html;
  parts.push(html.slice(copied));
  return parts.join('');
}
