import type { ArticleDraft } from '../article.js';

export type FeedFormat = 'rss' | 'rdf' | 'atom' | 'json-feed';

/** What each format's parser finds; parse-feed.ts adds the warnings. */
export interface FeedContent {
  format: FeedFormat;
  /** The feed's own title, as plain text. */
  title: string | null;
  /** The feed's home page (http/https). */
  link: string | null;
  /**
   * How often the publisher says to poll, in minutes (RSS <ttl>, or
   * sy:updatePeriod / sy:updateFrequency); null when it does not say.
   */
  ttlMinutes: number | null;
  /** Complete items only, in document order. */
  drafts: ArticleDraft[];
}
