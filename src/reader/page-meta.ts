// What a page says about itself, read from its DOM before Readability rewrites it:
// <meta> tags (Open Graph, article:*), schema.org JSON-LD, <link rel=canonical>,
// <base> and <time datetime>. Only reads; the caller decides which value wins.

/** The little of the DOM this module touches (linkedom's types need the DOM lib). */
export interface DomElement {
  readonly localName: string;
  textContent: string | null;
  getAttribute(name: string): string | null;
  closest(selector: string): DomElement | null;
}

export interface DomDocument {
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): Iterable<DomElement>;
}

/**
 * `<meta>` values by lower-cased `property`, `name` or `itemprop`, first one wins.
 * RDFa allows several space-separated names in one `property`.
 */
export function readMetaTags(doc: DomDocument): Map<string, string[]> {
  const values = new Map<string, string[]>();
  for (const meta of doc.querySelectorAll('meta[content]')) {
    const content = collapse(meta.getAttribute('content') ?? '');
    if (content === '') continue;
    const keys = [meta.getAttribute('property'), meta.getAttribute('name'), meta.getAttribute('itemprop')]
      .flatMap((k) => (k ?? '').toLowerCase().split(/\s+/))
      .filter(Boolean);
    for (const key of new Set(keys)) {
      const list = values.get(key);
      if (list) list.push(content);
      else values.set(key, [content]);
    }
  }
  return values;
}

/** The first value of the first key that has one. */
export function firstMeta(meta: Map<string, string[]>, ...keys: string[]): string | null {
  for (const key of keys) {
    const v = meta.get(key)?.[0];
    if (v !== undefined) return v;
  }
  return null;
}

export function linkHref(doc: DomDocument, rel: string): string | null {
  for (const link of doc.querySelectorAll('link[rel][href]')) {
    const rels = (link.getAttribute('rel') ?? '').toLowerCase().split(/\s+/);
    if (rels.includes(rel)) return link.getAttribute('href');
  }
  return null;
}

/** The page's own title: `<title>`, else og:title; for messages about pages that are not articles. */
export function documentTitle(doc: DomDocument, meta: Map<string, string[]>): string | null {
  const title = collapse(doc.querySelector('title')?.textContent ?? '');
  return title || firstMeta(meta, 'og:title', 'twitter:title');
}

/** What schema.org JSON-LD says about the article (all fields optional). */
export interface JsonLdArticle {
  datePublished: string | null;
  dateModified: string | null;
  sections: string[];
  description: string | null;
  image: string | null;
}

// Readability's list (REGEXPS.jsonLdArticleTypes) in short: every Article, Posting and Report type.
const ARTICLE_TYPE = /(?:Article|Posting|Report|APIReference)$/;

/**
 * The first Article-like node of the page's JSON-LD blocks (top level, arrays and
 * `@graph`), else the first node with a `datePublished` (Yoast puts it on the WebPage).
 * Broken JSON is skipped: a page's metadata is a hint, never a reason to fail.
 */
export function readJsonLd(doc: DomDocument): JsonLdArticle | null {
  const nodes: Record<string, unknown>[] = [];
  for (const script of doc.querySelectorAll('script[type]')) {
    if ((script.getAttribute('type') ?? '').trim().toLowerCase() !== 'application/ld+json') continue;
    let data: unknown;
    try {
      data = JSON.parse((script.textContent ?? '').replace(/^\s*<!\[CDATA\[|\]\]>\s*$/g, ''));
    } catch {
      continue;
    }
    for (const item of Array.isArray(data) ? data : [data]) {
      if (!isObject(item)) continue;
      nodes.push(item);
      const graph = item['@graph'];
      if (Array.isArray(graph)) nodes.push(...graph.filter(isObject));
    }
  }
  const node = nodes.find((n) => types(n).some((t) => ARTICLE_TYPE.test(t))) ?? nodes.find((n) => str(n.datePublished) !== null);
  if (!node) return null;
  const section = node.articleSection;
  return {
    datePublished: str(node.datePublished),
    dateModified: str(node.dateModified),
    sections: (Array.isArray(section) ? section : [section]).map(str).filter((s): s is string => s !== null),
    description: str(node.description),
    image: imageUrl(node.image),
  };
}

function types(node: Record<string, unknown>): string[] {
  const t = node['@type'];
  return (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === 'string');
}

function imageUrl(image: unknown): string | null {
  const first = Array.isArray(image) ? image[0] : image;
  return isObject(first) ? str(first.url) : str(first);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const s = collapse(v);
  return s === '' ? null : s;
}

// Times in comments, sidebars ("Recent Posts") and related-story boxes belong to
// other texts than the article.
const NOT_THE_ARTICLE =
  'aside, nav, [class*="comment"], [id*="comment"], [class*="sidebar"], [id*="sidebar"], [class*="widget"], [class*="related"]';

/**
 * The article's `<time datetime>`: one marked as the publication date
 * (`itemprop=datePublished`, WordPress's `published`/`entry-date`, HTML4's
 * `pubdate`), else the first outside comments, sidebars and page footers.
 */
export function publishedTimeElement(doc: DomDocument): string | null {
  const marked = doc.querySelector(
    '[itemprop~="datePublished"][datetime], [itemprop~="datePublished"][content], time.published[datetime], time.entry-date[datetime], time[pubdate][datetime]',
  );
  if (marked) return marked.getAttribute('datetime') ?? marked.getAttribute('content');
  for (const time of doc.querySelectorAll('time[datetime]')) {
    if (time.closest(NOT_THE_ARTICLE)) continue;
    // A footer inside the article ("Posted on …") is the article's; the page's is not.
    const footer = time.closest('footer');
    if (footer && !footer.closest('article')) continue;
    return time.getAttribute('datetime');
  }
  return null;
}

function collapse(s: string): string {
  return s.replace(/[\s\u00a0]+/g, ' ').trim();
}
