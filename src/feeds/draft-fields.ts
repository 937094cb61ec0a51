// Building blocks every feed format shares when it turns an item into an
// ArticleDraft: "the first source that is present and non-empty wins"
// (docs/feed-mapping.md), enclosures and their lengths, and URL bases.
import type { Enclosure } from '../article.js';
import { type ContentSource, type DraftFields, LazyDraft } from '../core/lazy.js';
import { authorField, textField, titleField, urlField } from '../core/fields.js';
import { htmlToTextAndSanitized, looksLikeHtml, sanitizeHtml } from '../core/html-text.js';

/** A field's raw value; `isHtml` undefined means "HTML when it contains a tag". */
export interface RawText {
  readonly raw: string;
  isHtml: boolean | undefined;
  /** The text, once worked out: a description is often both summary and body. */
  text?: string | null;
}

function textOf(c: RawText): string | null {
  if (c.text === undefined) c.text = textField(c.raw, c.isHtml);
  return c.text;
}

export interface Body {
  body: string | null;
  html: string | null;
}

/** The first candidate that yields any text, as plain text. */
export function firstText(candidates: readonly (RawText | null)[]): string | null {
  for (const c of candidates) {
    if (c === null) continue;
    const text = textOf(c);
    if (text !== null) return text;
  }
  return null;
}

/** The content of a feed item: the first candidate that yields text wins, rendered on first read. */
export class CandidateContent implements ContentSource {
  constructor(
    private readonly bodies: readonly (RawText | null)[],
    private readonly summaries: readonly (RawText | null)[],
  ) {}
  summary(): string | null {
    return firstText(this.summaries);
  }
  body(): Body {
    return firstBody(this.bodies);
  }
}

/** A draft whose summary, body and html are rendered only when read; the title falls back on the text. */
export function lazyDraft(
  fields: Omit<DraftFields, 'title'>,
  title: RawText | null | undefined,
  bodyCandidates: readonly (RawText | null)[],
  summaryCandidates: readonly (RawText | null)[],
): LazyDraft {
  const draft = new LazyDraft(fields, '', new CandidateContent(bodyCandidates, summaryCandidates));
  draft.title = titleField(title?.raw, title?.isHtml, () => draft.body ?? draft.summary);
  return draft;
}

/** The first candidate that yields text, which the title is then made from. */
export function firstRaw(candidates: readonly (RawText | null)[]): RawText | null {
  for (const c of candidates) {
    if (c !== null && textOf(c) !== null) return c;
  }
  return null;
}

/** The body as text, and its HTML (sanitized) when the chosen source is HTML. */
export function firstBody(candidates: readonly (RawText | null)[]): Body {
  for (const c of candidates) {
    if (c === null) continue;
    // HTML without any markup (an RSS description of plain words) has no HTML worth keeping.
    const keepsHtml = (c.isHtml ?? true) && looksLikeHtml(c.raw);
    if (keepsHtml && c.text === undefined) {
      // Text and sanitized HTML from one pass over the tags (what textField and sanitizeHtml give).
      const both = htmlToTextAndSanitized(c.raw);
      c.text = both.text === '' ? null : both.text;
      if (c.text !== null) return { body: c.text, html: both.html };
      continue;
    }
    const body = textOf(c);
    if (body !== null) return { body, html: keepsHtml ? sanitizeHtml(c.raw) : null };
  }
  return { body: null, html: null };
}

export function firstUrl(candidates: readonly (readonly [raw: string | null, base: string | null])[]): string | null {
  for (const [raw, base] of candidates) {
    const url = urlField(raw, base);
    if (url !== null) return url;
  }
  return null;
}

/** Every author of the first source that names any, joined with ", ". */
export function firstAuthors(sources: readonly (readonly (string | null)[])[]): string | null {
  for (const raws of sources) {
    const names: string[] = [];
    for (const raw of raws) {
      const name = authorField(raw);
      if (name !== null && !names.includes(name)) names.push(name);
    }
    if (names.length > 0) return names.join(', ');
  }
  return null;
}

/** `id`: trimmed, empty becomes null. */
export function idField(raw: string | null | undefined): string | null {
  const id = raw?.trim() ?? '';
  return id === '' ? null : id;
}

const NON_NEGATIVE_INTEGER = /^\d+$/;

/** `length` / `size_in_bytes`: a non-negative integer, or null. */
export function lengthField(raw: unknown): number | null {
  if (typeof raw === 'number') return Number.isSafeInteger(raw) && raw >= 0 ? raw : null;
  if (typeof raw !== 'string') return null;
  const s = raw.trim();
  if (!NON_NEGATIVE_INTEGER.test(s)) return null;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : null;
}

/** Collects enclosures in order; one URL is listed once (feeds often repeat it as media:content). */
export class Enclosures {
  readonly list: Enclosure[] = [];

  add(rawUrl: string | null, base: string | null, type: unknown, length: unknown): void {
    const url = urlField(rawUrl, base);
    if (url === null || this.list.some((e) => e.url === url)) return;
    const t = typeof type === 'string' ? type.trim() : '';
    this.list.push({ url, type: t === '' ? null : t, length: lengthField(length) });
  }
}

/**
 * A new base from an `xml:base` (or any base-like value) seen inside `base`.
 * A relative one with nothing to resolve against, or a non-http(s) one, is ignored.
 */
export function rebase(raw: string | null, base: string | null): string | null {
  if (raw === null) return base;
  return urlField(raw, base) ?? base;
}
