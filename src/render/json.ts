// The public JSON schema. Field order is part of the contract: fields are added at
// the end over time, never renamed or removed. Documented in the README.
import type { Article, Enclosure } from '../article.js';
import { formatIsoUtc } from '../core/dates.js';

export const JSON_FIELDS = [
  'slug', 'id', 'title', 'url', 'source', 'category', 'categories', 'author',
  'publishedAt', 'updatedAt', 'summary', 'body', 'html', 'enclosures', 'image', 'read',
] as const;
export type JsonField = (typeof JSON_FIELDS)[number];

export interface ArticleJson {
  slug: string;
  id: string | null;
  title: string;
  url: string | null;
  source: string | null;
  category: string | null;
  categories: string[];
  author: string | null;
  publishedAt: string | null;
  updatedAt: string | null;
  summary: string | null;
  body: string | null;
  html: string | null;
  enclosures: Enclosure[];
  image: string | null;
  /** true/false in the local store; null for sources without read state. */
  read: boolean | null;
}

export function toJsonObject(a: Article): ArticleJson {
  return {
    slug: a.slug,
    id: a.id,
    title: a.title,
    url: a.url,
    source: a.source,
    category: a.category,
    categories: a.categories,
    author: a.author,
    publishedAt: formatIsoUtc(a.publishedAt),
    updatedAt: formatIsoUtc(a.updatedAt),
    summary: a.summary,
    body: a.body,
    html: a.html,
    enclosures: a.enclosures,
    image: a.image,
    read: a.read ?? null,
  };
}

// Each field from an Article, for --fields: only the fields asked for are read,
// so a feed's summary, body and html (rendered from HTML on first read,
// core/lazy.ts) are never rendered for `--fields title,url` (big.xml: 1.9 →
// 0.8 s, BENCHMARKS.md). toJsonObject stays an object literal for the every-field
// case, the one 100,000-article outputs take; test/render/json.test.ts checks
// that the two agree on every field.
const FIELD_OF: { readonly [F in JsonField]: (a: Article) => ArticleJson[F] } = {
  slug: (a) => a.slug,
  id: (a) => a.id,
  title: (a) => a.title,
  url: (a) => a.url,
  source: (a) => a.source,
  category: (a) => a.category,
  categories: (a) => a.categories,
  author: (a) => a.author,
  publishedAt: (a) => formatIsoUtc(a.publishedAt),
  updatedAt: (a) => formatIsoUtc(a.updatedAt),
  summary: (a) => a.summary,
  body: (a) => a.body,
  html: (a) => a.html,
  enclosures: (a) => a.enclosures,
  image: (a) => a.image,
  read: (a) => a.read ?? null,
};

/** The JSON object of `a` with only `fields`, in that order; every field when null. */
export function toJsonFields(a: Article, fields: readonly JsonField[] | null): Partial<ArticleJson> {
  if (!fields) return toJsonObject(a);
  const out: Partial<ArticleJson> = {};
  for (const f of fields) (out as Record<string, unknown>)[f] = FIELD_OF[f](a);
  return out;
}

// JSON.stringify escapes C0 but leaves DEL, C1, bidi controls and the JS line
// separators raw. Escaping (not dropping) keeps the data exact for jq while no
// byte of it can drive a terminal that displays the JSON.
const RAW_IN_JSON = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// Nearly all JSON has none: one test of a non-global pattern costs a fraction of a
// replace that finds nothing (10,000 articles with bodies: 130 ms of replaces).
const HAS_RAW_IN_JSON = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

export function stringifyJson(value: unknown, indent?: number): string {
  const json = JSON.stringify(value, null, indent);
  return HAS_RAW_IN_JSON.test(json) ? json.replace(RAW_IN_JSON, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`) : json;
}
