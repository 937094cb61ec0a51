// Atom 1.0 and 0.3 entries as ArticleDrafts (docs/feed-mapping.md). Text
// constructs follow their `type`: text is plain, html is escaped HTML, xhtml is
// inline markup written back out as HTML.
import type { ArticleDraft } from '../article.js';
import { categoriesField, urlField } from '../core/fields.js';
import { NS } from './namespaces.js';
import { isElement, type XmlElement } from './xml.js';
import { attr, childElements, childNamed, childrenNamed, hasElementChildren, innerMarkup, textOf, type NsSet } from './xml-tree.js';
import { Enclosures, lazyDraft, firstAuthors, firstText, idField, type RawText } from './draft-fields.js';
import { NONE, add, baseOf, dateOf, mediaDescriptions, mediaThumbnails, textRaw } from './xml-fields.js';
import type { FeedContent } from './feed-content.js';
import { EarlyItems, type FeedLevel } from './early-items.js';

/** Atom 1.0, Atom 0.3, and no namespace at all (feeds that forgot to declare it). */
const ATOM: NsSet = [NS.atom, NS.atom03, null];

const IANA_REL = 'http://www.iana.org/assignments/relation/';

interface AtomFeed extends FeedLevel {
  link: string | null;
  authors: string[];
}

function feedLevel(root: XmlElement, url: string | null): AtomFeed {
  const alternate = linksOf(childrenNamed(root, 'link', ATOM), 'alternate')[0];
  const fetchedBase = baseOf(root, url);
  const link = alternate === undefined ? null : urlField(attr(alternate, 'href'), baseOf(alternate, fetchedBase));
  return {
    link,
    // Relative links resolve against xml:base, else the fetched URL, else the feed's alternate link.
    base: baseOf(root, url ?? link),
    source: firstText([textConstruct(childNamed(root, 'title', ATOM))]),
    authors: authorNames(childrenNamed(root, 'author', ATOM)),
  };
}

/** Atom entries drafted as they close (early-items.ts). */
export function atomEntries(url: string | null): EarlyItems<AtomFeed> {
  return new EarlyItems<AtomFeed>({
    isItem: (el, parent, root) => parent === root && root.local === 'feed' && el.local === 'entry' && ATOM.includes(el.ns),
    level: (root) => feedLevel(root, url),
    draft: (el, feed) => atomEntry(el, baseOf(el, feed.base), feed.source, feed.authors),
  });
}

/** The feed; null when `early` drafted its entries with a feed level that turned out different (parse again without). */
export function parseAtom(root: XmlElement, url: string | null, early?: EarlyItems<AtomFeed>): FeedContent | null {
  const feed = feedLevel(root, url);
  const drafts = early === undefined ? [] : early.finish(feed);
  if (drafts === null) return null;
  for (const entry of childrenNamed(root, 'entry', ATOM)) {
    // An entry the document ended inside is incomplete; the caller warns about it.
    if (!entry.closed) break;
    drafts.push(atomEntry(entry, baseOf(entry, feed.base), feed.source, feed.authors));
  }
  return { format: 'atom', title: feed.source, link: feed.link, ttlMinutes: null, drafts };
}

/**
 * An entry's children sorted into the elements atomEntry reads, in one pass
 * (as rss.ts's ItemParts). A single element is the first of its name; the
 * lists are in document order.
 */
class EntryParts {
  title: XmlElement | undefined = undefined;
  summary: XmlElement | undefined = undefined;
  content: XmlElement | undefined = undefined;
  id: XmlElement | undefined = undefined;
  links: readonly XmlElement[] = NONE;
  categories: readonly XmlElement[] = NONE;
  authors: readonly XmlElement[] = NONE;
  updated: readonly XmlElement[] = NONE;
  modified: readonly XmlElement[] = NONE;
  published: readonly XmlElement[] = NONE;
  issued: readonly XmlElement[] = NONE;
  /** Whether any Media RSS element is among them. */
  media = false;

  constructor(entry: XmlElement) {
    for (const c of entry.children) {
      if (!isElement(c)) continue;
      if (!ATOM.includes(c.ns)) {
        if (c.ns === NS.media) this.media = true;
        continue;
      }
      switch (c.local) {
        case 'link': this.links = add(this.links, c); break;
        case 'title': this.title ??= c; break;
        case 'summary': this.summary ??= c; break;
        case 'content': this.content ??= c; break;
        case 'id': this.id ??= c; break;
        case 'category': this.categories = add(this.categories, c); break;
        case 'author': this.authors = add(this.authors, c); break;
        case 'updated': this.updated = add(this.updated, c); break;
        case 'modified': this.modified = add(this.modified, c); break;
        case 'published': this.published = add(this.published, c); break;
        case 'issued': this.issued = add(this.issued, c); break;
      }
    }
  }
}

function atomEntry(entry: XmlElement, base: string | null, source: string | null, feedAuthors: string[]): ArticleDraft {
  const parts = new EntryParts(entry);
  const alternate = linksOf(parts.links, 'alternate')[0];
  const url = alternate === undefined ? null : urlField(attr(alternate, 'href'), baseOf(alternate, base));

  const summaryText = textConstruct(parts.summary);
  const bodyCandidates = [textConstruct(parts.content), summaryText];
  if (parts.media) bodyCandidates.push(...mediaDescriptions(entry));
  const title = textConstruct(parts.title);

  const enclosures = new Enclosures();
  for (const l of linksOf(parts.links, 'enclosure')) {
    enclosures.add(attr(l, 'href'), baseOf(l, base), attr(l, 'type'), attr(l, 'length'));
  }

  let image: string | null = null;
  for (const [raw, b] of parts.media ? mediaThumbnails(entry, base) : []) {
    image = urlField(raw, b);
    if (image !== null) break;
  }

  const categories = categoriesField(
    parts.categories.map((c) => {
      const term = attr(c, 'term');
      return term !== null && term.trim() !== '' ? term : attr(c, 'label');
    }),
  );
  const updatedAt = dateOf(parts.updated, parts.modified);
  return lazyDraft(
    {
    id: idField(parts.id === undefined ? null : textOf(parts.id)) ?? url,
    url,
    source,
    category: categories[0] ?? null,
    categories,
    author: firstAuthors([authorNames(parts.authors), feedAuthors]),
    publishedAt: dateOf(parts.published, parts.issued) ?? updatedAt,
    updatedAt,
    enclosures: enclosures.list,
    image,
    },
    title,
    bodyCandidates,
    [summaryText],
  );
}

/** Of these `link` elements, those with the given relation; a link without `rel` is an alternate. */
function linksOf(links: readonly XmlElement[], rel: string): XmlElement[] {
  return links.filter((l) => {
    let r = attr(l, 'rel')?.trim().toLowerCase() ?? 'alternate';
    if (r.startsWith(IANA_REL)) r = r.slice(IANA_REL.length);
    return r === rel;
  });
}

/** `author/name` of every one of these authors; a bare `<author>Name</author>` is read as a name too. */
function authorNames(authors: readonly XmlElement[]): string[] {
  const names: string[] = [];
  for (const a of authors) {
    const name = childNamed(a, 'name', ATOM);
    if (name !== undefined) names.push(textOf(name));
    else if (!hasElementChildren(a)) names.push(textOf(a));
  }
  return names;
}

/**
 * An Atom text construct (or content) as raw text and whether it is HTML.
 * Atom 1.0 says `type="text|html|xhtml"`; Atom 0.3 says a MIME type and a
 * `mode` of xml, escaped or base64. Out-of-line (`src`) and binary content has
 * no text.
 */
export function textConstruct(el: XmlElement | undefined): RawText | null {
  if (el === undefined || attr(el, 'src') !== null) return null;
  const type = attr(el, 'type')?.trim().toLowerCase() ?? 'text';
  const mode = attr(el, 'mode')?.trim().toLowerCase() ?? '';
  if (mode === 'base64') {
    if (!isTextual(type)) return null;
    return { raw: Buffer.from(textOf(el), 'base64').toString('utf8'), isHtml: type.includes('html') };
  }
  if (type === 'xhtml' || type === 'application/xhtml+xml') {
    const elements = childElements(el);
    const div = elements.length === 1 && elements[0]!.local === 'div' ? elements[0]! : el;
    return { raw: innerMarkup(div), isHtml: true };
  }
  if (type === 'html' || type === 'text/html') {
    return hasElementChildren(el) ? { raw: innerMarkup(el), isHtml: true } : textRaw(el, true);
  }
  if (!isTextual(type)) return null;
  return textRaw(el, false);
}

function isTextual(type: string): boolean {
  return type === 'text' || type.startsWith('text/') || type.endsWith('+xml') || type.endsWith('/xml');
}
