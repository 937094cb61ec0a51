// The reader view's input: a web page fetched with the project's HTTP client (or an
// .html file read from disk), decoded like any document, and made into one Article.
// Only `news read <url|file.html>` and `--full` load this (it brings linkedom and
// Readability with it).
import { readFileSync } from 'node:fs';
import type { Article, ArticleDraft } from '../article.js';
import { finishArticles } from '../core/articles.js';
import { DataError, NotFoundError } from '../errors.js';
import { networkLimits } from '../io/network-limits.js';
import { detectKind } from '../feeds/detect.js';
import { decodeBytes, parseContentType } from '../io/charset.js';
import { fetchBytes, redactUrl, stripUserinfo } from '../io/http.js';
import { extractPage } from './extract.js';

export interface PageOptions {
  userAgent: string;
  env: Record<string, string | undefined>;
  signal?: AbortSignal;
  /** --timeout and --max-size as given on the command line. */
  timeout?: string;
  maxSize?: string;
}

/** A page's text and where it came from. */
export interface Page {
  html: string;
  /** The URL after redirects, without credentials; null for a file. */
  pageUrl: string | null;
  /** How messages name the page: the URL with credentials redacted, or the path. */
  label: string;
}

const PAGE_ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5';

export async function fetchPage(url: string, o: PageOptions): Promise<Page> {
  const res = await fetchBytes(url, {
    userAgent: o.userAgent,
    accept: PAGE_ACCEPT,
    env: o.env,
    ...(o.signal && { signal: o.signal }),
    ...networkLimits(o),
  });
  const { text } = decodeBytes(res.bytes, parseContentType(res.headers['content-type'] ?? null).charset);
  return { html: text, pageUrl: stripUserinfo(res.url), label: redactUrl(res.url) };
}

export function readPageFile(path: string): Page {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new NotFoundError(`${path}: no such file`);
    if (code === 'EISDIR') throw new DataError(`${path}: is a directory, not a web page`);
    throw new DataError(`${path}: cannot read (${code ?? (err as Error).message})`);
  }
  return { html: decodeBytes(bytes).text, pageUrl: null, label: path };
}

const MAX_TITLE_IN_MESSAGE = 100;

/** The page's article, or a one-line DataError naming the page's title and URL. */
export function articleOfPage(page: Page): ArticleDraft {
  const kind = detectKind(page.html);
  if (kind !== 'html' && kind !== 'unknown') {
    throw new DataError(`${page.label}: a feed or store, not a web page; list its articles with "news list --source ${page.label}"`);
  }
  const { article, pageTitle } = extractPage(page.html, page.pageUrl);
  if (article) return article;
  const title = pageTitle && [...pageTitle].length > MAX_TITLE_IN_MESSAGE ? `${[...pageTitle].slice(0, MAX_TITLE_IN_MESSAGE).join('')}…` : pageTitle;
  throw new DataError(`${page.label}: ${title ? `"${title}"` : 'the page'} is not an article (no article text found)`);
}

/** `news read <url|file.html>`: the page as an Article of its own. */
export async function readPage(ref: string, o: PageOptions): Promise<Article> {
  const page = /^https?:\/\//i.test(ref) ? await fetchPage(ref, o) : readPageFile(ref);
  return finishArticles([articleOfPage(page)])[0]!;
}
