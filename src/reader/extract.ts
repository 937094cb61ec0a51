// The reader view's core: one web page's HTML to one article, as Firefox's Reader
// View would show it. Mozilla Readability (over a linkedom DOM) finds the text and
// drops menus, sidebars, share buttons, comments and footers; the metadata comes
// from the page's own tags by the rules below, and the text from our own
// HTML-to-text rules, so a page reads like any feed article.
//
// Pure: a function of the HTML and the page's URL. linkedom and Readability are
// heavy, so only the reader path imports this module (with `await import`).
import { Readability, isProbablyReaderable } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { ArticleDraft } from '../article.js';
import { parseDate } from '../core/dates.js';
import { authorField, categoriesField, collapseWhitespace, titleField, urlField } from '../core/fields.js';
import { htmlToText, sanitizeHtml } from '../core/html-text.js';
import {
  type DomDocument,
  type DomElement,
  documentTitle,
  firstMeta,
  linkHref,
  publishedTimeElement,
  readJsonLd,
  readMetaTags,
} from './page-meta.js';
import { limitNesting } from './limit-nesting.js';
import { type ContentElement, looksLikeListing } from './listing.js';

export interface PageExtract {
  /** `<title>` (else og:title): how a page that is not an article is named in messages. */
  pageTitle: string | null;
  /** null when the page is not an article. */
  article: ArticleDraft | null;
}

/** The article of a page, or null when it is not one (Readability sees no article, or no text). */
export function extractArticle(html: string, pageUrl: string | null): ArticleDraft | null {
  return extractPage(html, pageUrl).article;
}

/** Like extractArticle, and also the page's title for saying what was not an article. */
export function extractPage(html: string, pageUrl: string | null): PageExtract {
  const doc = parseDocument(limitNesting(html));
  const meta = readMetaTags(doc);
  const pageTitle = documentTitle(doc, meta);
  // Readability removes scripts and rewrites the tree, so everything else is read first.
  const jsonLd = readJsonLd(doc);
  const canonical = linkHref(doc, 'canonical');
  const timeElement = publishedTimeElement(doc);
  const headings = Array.from(doc.querySelectorAll('h1'), (h) => collapseWhitespace(h.textContent ?? ''));
  const base = setBase(doc, pageUrl, canonical);

  removeOverlays(doc);
  if (!isProbablyReaderable(doc as never)) return { pageTitle, article: null };
  const parsed = new Readability<ContentElement>(doc as never, { serializer: (node) => node as unknown as ContentElement }).parse();
  if (!parsed?.content || looksLikeListing(parsed.content)) return { pageTitle, article: null };
  const content = contentHtml(parsed.content);
  const body = htmlToText(content, { footnotes: true });
  if (body === '') return { pageTitle, article: null };

  const url = urlField(canonical, pageUrl) ?? urlField(pageUrl);
  const categories = categoriesField(meta.get('article:section') ?? jsonLd?.sections ?? []);
  const article: ArticleDraft = {
    id: url,
    title: titleField(headline(parsed.title ?? pageTitle, headings), false, body),
    url,
    source: oneLine(firstMeta(meta, 'og:site_name') ?? parsed.siteName),
    category: categories[0] ?? null,
    categories,
    author: byline(parsed.byline),
    publishedAt: firstDate(firstMeta(meta, 'article:published_time'), jsonLd?.datePublished, timeElement),
    updatedAt: firstDate(firstMeta(meta, 'article:modified_time'), jsonLd?.dateModified, firstMeta(meta, 'og:updated_time')),
    summary: oneLine(firstMeta(meta, 'og:description', 'description', 'twitter:description') ?? jsonLd?.description),
    body,
    html: sanitizeHtml(content),
    enclosures: [],
    image: urlField(firstMeta(meta, 'og:image', 'og:image:url', 'twitter:image') ?? jsonLd?.image, base),
  };
  return { pageTitle, article };
}

// Cookie and consent banners, dialogs and newsletter sign-up boxes. Readability drops
// most by their class names ("banner", "social"…) but takes a sign-up box that sits
// beside the article and holds a real sentence for part of the story.
const OVERLAYS =
  '[role="dialog"], [role="alertdialog"], [aria-modal="true"], [class*="cookie" i], [id*="cookie" i], [class*="consent" i], [id*="consent" i], [class*="newsletter" i], [id*="newsletter" i]';
// Never a box that holds the story itself (`<body class="newsletter-issue">`).
const STORY = 'html, body, main, article, [role="main"]';

function removeOverlays(doc: LinkedomDocument): void {
  for (const el of Array.from(doc.querySelectorAll(OVERLAYS)) as (DomElement & LinkedomNode)[]) {
    if (!el.matches(STORY) && el.querySelector(`${STORY}, h1`) === null) el.remove();
  }
}

interface LinkedomDocument extends DomDocument {
  documentElement: (DomElement & LinkedomNode) | null;
  head: (DomElement & LinkedomNode) | null;
  body: (DomElement & LinkedomNode) | null;
  createElement(name: string): DomElement & LinkedomNode;
}

interface LinkedomNode {
  readonly childNodes: ArrayLike<LinkedomNode>;
  readonly firstElementChild: (DomElement & LinkedomNode) | null;
  appendChild(node: LinkedomNode): void;
  setAttribute(name: string, value: string): void;
  readonly innerHTML: string;
  matches(selector: string): boolean;
  querySelector(selector: string): DomElement | null;
  remove(): void;
}

function parseDocument(html: string): LinkedomDocument {
  let doc = parseHTML(html).document as LinkedomDocument;
  // linkedom builds no <html> around a fragment ("<title>…<p>…"); browsers do, and
  // put the head's elements in the head.
  if (doc.documentElement?.localName !== 'html') {
    doc = parseHTML(`<!DOCTYPE html><html><head></head><body>${html.replace(/^\s*<!doctype[^>]*>/i, '')}</body></html>`)
      .document as LinkedomDocument;
    for (const el of Array.from(doc.querySelectorAll('body > title, body > meta, body > link, body > base'))) {
      doc.head!.appendChild(el as DomElement & LinkedomNode);
    }
  }
  const root = doc.documentElement!;
  const body = doc.body!;
  // Nor does it put content written without <body> into one; Readability reads only the body.
  for (const node of Array.from(root.childNodes)) {
    if (node !== doc.head && node !== body) body.appendChild(node);
  }
  // In HTML documents createElement lower-cases the name; linkedom's does not, and
  // Readability's `createElement("DIV")` would come out as `<DIV>` in the html field.
  const create = doc.createElement.bind(doc);
  doc.createElement = (name: string) => create(name.toLowerCase());
  return doc;
}

/**
 * Readability resolves links and images against `document.baseURI`, which linkedom
 * takes from `<base href>` as written. So the page gets a `<base>` with an absolute
 * URL: its own `<base>` resolved against the page URL, else the page URL, else (a
 * saved file) the canonical URL.
 */
function setBase(doc: LinkedomDocument, pageUrl: string | null, canonical: string | null): string | null {
  const existing = doc.querySelector('base') as (DomElement & LinkedomNode) | null;
  const page = urlField(pageUrl) ?? urlField(canonical);
  const base = urlField(existing?.getAttribute('href'), page) ?? page;
  if (base === null) return null;
  if (existing) existing.setAttribute('href', base);
  else {
    const el = doc.createElement('base');
    el.setAttribute('href', base);
    doc.head?.appendChild(el);
  }
  return base;
}

// Readability wraps the article in `<div id="readability-page-1" class="page">`.
function contentHtml(root: DomElement): string {
  const node = root as DomElement & LinkedomNode;
  const page = node.firstElementChild;
  return (page?.getAttribute('id') === 'readability-page-1' ? page : node).innerHTML.trim();
}

// Readability keeps "Short headline - Site" whole when cutting would leave four words
// or fewer; the page's only <h1> says where the headline ends.
function headline(title: string | null, h1: string[]): string | null {
  const only = h1.length === 1 ? h1[0]! : '';
  if (title === null || only === '' || !title.startsWith(only)) return title;
  // [-|–—:·•»/\\], escaped: esbuild copies regex literals as written, and node
  // reads a bundle that is not all ASCII more slowly (see scripts/build.mjs).
  return /^\s*[-|\u2013\u2014:\u00b7\u2022\u00bb/\\]\s*\S/.test(title.slice(only.length)) ? only : title;
}

function firstDate(...candidates: (string | null | undefined)[]): number | null {
  for (const c of candidates) {
    const ms = parseDate(c);
    if (ms !== null) return ms;
  }
  return null;
}

function oneLine(s: string | null | undefined): string | null {
  const line = collapseWhitespace(s ?? '');
  return line === '' ? null : line;
}

const MAX_BYLINE = 100;

// Bylines found in the page's text come as "By Jane Doe"; a profile URL is no name.
function byline(raw: string | null | undefined): string | null {
  const name = authorField(oneLine(raw)?.replace(/^by\s+/i, ''));
  if (name === null || name.length > MAX_BYLINE || /^https?:\/\//i.test(name)) return null;
  return name;
}
