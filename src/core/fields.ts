// Field-level cleaning shared by the store reader and every feed parser, so that
// one title, URL or author reads the same whichever format it came from.
// The rules are docs/text-rules.md.
// The steps every record of a listing takes are written without regular
// expressions (see ./whitespace.ts for why).
import { htmlToText, looksLikeHtml } from './html-text.js';
import { collapseWhitespace } from './whitespace.js';

export { collapseWhitespace };

/** Plain text or HTML rendered to text; empty becomes null. */
export function textField(raw: string | null | undefined, isHtml?: boolean): string | null {
  if (raw == null) return null;
  const html = isHtml ?? looksLikeHtml(raw);
  const text = html ? htmlToText(raw) : normalizePlain(raw);
  return text === '' ? null : text;
}

// Plain text keeps its paragraphs but loses CRs and trailing spaces, like HTML output.
function normalizePlain(s: string): string {
  if (!s.includes('\n') && !s.includes('\r')) return s.trim(); // one line: all the steps below come to this
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

/** Length of a URL scheme with its colon at the start of `s` (`/^[a-z][a-z0-9+.-]*:/i`), or 0. */
function schemeLength(s: string): number {
  const first = s.charCodeAt(0) | 0x20;
  if (!(first >= 0x61 && first <= 0x7a)) return 0;
  for (let i = 1, n = s.length; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x3a) return i + 1;
    const lower = c | 0x20;
    if (!((lower >= 0x61 && lower <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2e || c === 0x2d)) return 0;
  }
  return 0;
}

/** Whether `s` starts with `http:` or `https:` in any case (with `//` after it when `slashes`). */
export function hasHttpScheme(s: string, slashes = false): boolean {
  const n = s.startsWith(':', 4) ? 5 : s.startsWith(':', 5) ? 6 : 0;
  if (n === 0 || s.slice(0, n).toLowerCase() !== (n === 5 ? 'http:' : 'https:')) return false;
  return !slashes || s.startsWith('//', n);
}

/**
 * Keeps absolute http(s) URLs exactly as written (new URL() would lowercase the host
 * and add slashes); resolves only relative ones. Everything else becomes null.
 */
export function urlField(raw: string | null | undefined, base?: string | null): string | null {
  if (raw == null) return null;
  const url = (raw.includes('\n') || raw.includes('\r') || raw.includes('\t') ? raw.replace(/[\r\n\t]/g, '') : raw).trim();
  if (url === '') return null;
  if (schemeLength(url) > 0) return hasHttpScheme(url) ? url : null;
  if (base == null || !hasHttpScheme(base)) return null;
  try {
    const resolved = new URL(url, base).href;
    return hasHttpScheme(resolved) ? resolved : null;
  } catch {
    return null;
  }
}

const MAIL_THEN_NAME = /^\S+@\S+\s*\((.+)\)$/;
const NAME_THEN_MAIL = /^(.+?)\s*<[^<>@\s]+@[^<>\s]+>$/;

export function authorField(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  let author = collapseWhitespace(raw);
  // Both forms hold an address; most authors are a bare name.
  const m = author.includes('@') ? (MAIL_THEN_NAME.exec(author) ?? NAME_THEN_MAIL.exec(author)) : null;
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
