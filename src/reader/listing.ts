// Index pages (a category, a tag, a home page) pass Readability's "probably
// readerable" test when their teasers are long enough, and Readability then returns
// the list of teasers as if it were the article. A list of stories is told apart by
// its headings: each teaser's heading is a link to the story, while an article's
// headings are text and its paragraphs are what it is made of.
import type { DomElement } from './page-meta.js';

export interface ContentElement extends DomElement {
  querySelectorAll(selector: string): Iterable<ContentElement>;
}

const MIN_PARAGRAPH = 140; // Readability's own "this is prose" length
const LINKED = 0.8;

export function looksLikeListing(content: ContentElement): boolean {
  let linkedHeadings = 0;
  for (const h of content.querySelectorAll('h1, h2, h3, h4')) {
    const text = length(h);
    let linked = 0;
    for (const a of h.querySelectorAll('a[href]')) linked += length(a);
    if (text > 0 && linked / text >= LINKED) linkedHeadings++;
  }
  if (linkedHeadings < 2) return false;
  let paragraphs = 0;
  for (const p of content.querySelectorAll('p')) if (length(p) >= MIN_PARAGRAPH) paragraphs++;
  // A "related stories" box left in an article adds a few linked headings to many paragraphs.
  return linkedHeadings * 2 >= paragraphs;
}

function length(el: DomElement): number {
  return (el.textContent ?? '').replace(/\s+/g, ' ').trim().length;
}
