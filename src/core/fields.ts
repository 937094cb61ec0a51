// Field-level cleaning shared by the store reader and every feed parser, so that
// one title, URL or author reads the same whichever format it came from.
// The rules are docs/text-rules.md.
import { htmlToText, looksLikeHtml } from './html-text.js';

const WHITESPACE_RUN = /[\s\u00a0]+/g;

// Whitespace other than a single inner space: most titles and names have none,
// and testing costs a fraction of replacing (100,000 titles in a big store).
const NEEDS_COLLAPSE = /[^\S ]| {2}|^ | $/;

export function collapseWhitespace(s: string): string {
  return NEEDS_COLLAPSE.test(s) ? s.replace(WHITESPACE_RUN, ' ').trim() : s;
}

/** Plain text or HTML rendered to text; empty becomes null. */
export function textField(raw: string | null | undefined, isHtml?: boolean): string | null {
  if (raw == null) return null;
  const html = isHtml ?? looksLikeHtml(raw);
  const text = html ? htmlToText(raw) : normalizePlain(raw);
  return text === '' ? null : text;
}

// Plain text keeps its paragraphs but loses CRs and trailing spaces, like HTML output.
function normalizePlain(s: string): string {
  if (!/[\r\n]/.test(s)) return s.trim(); // one line: all the steps below come to this
  return s
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const UNTITLED_WORDS = 10;
const UNTITLED_CHARS = 80;

export function titleField(
  raw: string | null | undefined,
  isHtml: boolean | undefined,
  /** The item's text, or a function giving it (so it is rendered only for untitled items). */
  fallback: string | null | (() => string | null),
): string {
  const text = raw == null ? '' : collapseWhitespace(textField(raw, isHtml) ?? '');
  if (text !== '') return text;
  const fallbackText = typeof fallback === 'function' ? fallback() : fallback;
  if (fallbackText == null) return '(untitled)';
  const words = collapseWhitespace(fallbackText).split(' ').filter(Boolean);
  if (words.length === 0) return '(untitled)';
  let title = words.slice(0, UNTITLED_WORDS).join(' ');
  let cut = words.length > UNTITLED_WORDS;
  if ([...title].length > UNTITLED_CHARS) {
    title = [...title].slice(0, UNTITLED_CHARS).join('').trimEnd();
    cut = true;
  }
  return cut ? `${title}…` : title;
}

const HTTP_SCHEME = /^https?:/i;
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Keeps absolute http(s) URLs exactly as written (new URL() would lowercase the host
 * and add slashes); resolves only relative ones. Everything else becomes null.
 */
export function urlField(raw: string | null | undefined, base?: string | null): string | null {
  if (raw == null) return null;
  const url = raw.replace(/[\r\n\t]/g, '').trim();
  if (url === '') return null;
  if (SCHEME.test(url)) return HTTP_SCHEME.test(url) ? url : null;
  if (base == null || !HTTP_SCHEME.test(base)) return null;
  try {
    const resolved = new URL(url, base).href;
    return HTTP_SCHEME.test(resolved) ? resolved : null;
  } catch {
    return null;
  }
}

const MAIL_THEN_NAME = /^\S+@\S+\s*\((.+)\)$/;
const NAME_THEN_MAIL = /^(.+?)\s*<[^<>@\s]+@[^<>\s]+>$/;

export function authorField(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  let author = collapseWhitespace(raw);
  const m = MAIL_THEN_NAME.exec(author) ?? NAME_THEN_MAIL.exec(author);
  if (m?.[1]) author = collapseWhitespace(m[1]);
  return author === '' ? null : author;
}

export function categoriesField(list: readonly (string | null | undefined)[]): string[] {
  const seen = new Set<string>();
  for (const raw of list) {
    if (raw == null) continue;
    const c = collapseWhitespace(raw);
    if (c !== '') seen.add(c);
  }
  return [...seen];
}
