// Text nobody reads is never rendered: a table of 10,000 headlines from a 27 MB
// feed must not convert 10,000 HTML bodies, nor a 100,000-article store its
// bodies. Drafts keep their raw content and render summary, body and html on
// first read. A class with prototype getters (rather than per-object closures
// or defineProperty) keeps 100,000 drafts cheap for the garbage collector.
import type { ArticleDraft, Enclosure } from '../article.js';

/** Where a draft's text comes from; rendered at most once per field. */
export interface ContentSource {
  summary(): string | null;
  body(): { body: string | null; html: string | null };
}

export type DraftFields = Omit<ArticleDraft, 'summary' | 'body' | 'html'>;

export class LazyDraft implements ArticleDraft {
  slug: string | null | undefined;
  id: string | null;
  title: string;
  url: string | null;
  source: string | null;
  category: string | null;
  categories: string[];
  author: string | null;
  publishedAt: number | null;
  updatedAt: number | null;
  enclosures: Enclosure[];
  image: string | null;
  #content: ContentSource;
  #summary: string | null | undefined = undefined;
  #body: { body: string | null; html: string | null } | undefined = undefined;
  #bodyOverride: string | null | undefined = undefined;
  #htmlOverride: string | null | undefined = undefined;

  /**
   * `title` apart from `f`, so that a feed parser need not copy the other fields
   * into a new object to add it: an object spread per draft cost more than the
   * rest of making it (45 ms per 10,000 drafts, BENCHMARKS.md).
   */
  constructor(f: Omit<DraftFields, 'title'>, title: string, content: ContentSource) {
    this.slug = f.slug;
    this.id = f.id;
    this.title = title;
    this.url = f.url;
    this.source = f.source;
    this.category = f.category;
    this.categories = f.categories;
    this.author = f.author;
    this.publishedAt = f.publishedAt;
    this.updatedAt = f.updatedAt;
    this.enclosures = f.enclosures;
    this.image = f.image;
    this.#content = content;
  }

  get summary(): string | null {
    if (this.#summary === undefined) this.#summary = this.#content.summary();
    return this.#summary;
  }
  set summary(v: string | null) {
    this.#summary = v;
  }
  get body(): string | null {
    if (this.#bodyOverride !== undefined) return this.#bodyOverride;
    return (this.#body ??= this.#content.body()).body;
  }
  set body(v: string | null) {
    this.#bodyOverride = v;
  }
  get html(): string | null {
    if (this.#htmlOverride !== undefined) return this.#htmlOverride;
    return (this.#body ??= this.#content.body()).html;
  }
  set html(v: string | null) {
    this.#htmlOverride = v;
  }
}
