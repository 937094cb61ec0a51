// The one Article type every source produces and every renderer consumes.
// Its JSON form (see toJson in src/render/json.ts) is the public schema:
// fields are added over time, never renamed or removed.

export interface Enclosure {
  url: string;
  type: string | null;
  length: number | null;
}

export interface Article {
  /** Stable, unique within one source; what `news read` takes. */
  slug: string;
  id: string | null;
  title: string;
  /** Only http(s) URLs survive normalization. */
  url: string | null;
  /** Publisher or feed title. */
  source: string | null;
  category: string | null;
  categories: string[];
  author: string | null;
  /** Epoch milliseconds (UTC), null when unknown or unparseable. */
  publishedAt: number | null;
  updatedAt: number | null;
  /** Plain text. */
  summary: string | null;
  /** Plain text (HTML bodies are rendered to text). */
  body: string | null;
  /** The body's original HTML with scripts and styles removed, for link footnotes; null for plain-text bodies. */
  html: string | null;
  enclosures: Enclosure[];
  /** Thumbnail URL (http/https). */
  image: string | null;
  /** Position in the source's own order (0-based), for `--sort feed`. */
  order: number;
  /** Read state; only the local store keeps one (undefined elsewhere). */
  read?: boolean;
}

/** A record as a parser found it, before slugs are assigned. */
export type ArticleDraft = Omit<Article, 'slug' | 'order' | 'read'> & { slug?: string | null };
