// Namespace URIs the feed parsers match on. Elements are matched by URI, not by
// the prefix a publisher happened to choose.

export const NS = {
  xml: 'http://www.w3.org/XML/1998/namespace',
  atom: 'http://www.w3.org/2005/Atom',
  atom03: 'http://purl.org/atom/ns#',
  rss10: 'http://purl.org/rss/1.0/',
  rss090: 'http://my.netscape.com/rdf/simple/0.9/',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  content: 'http://purl.org/rss/1.0/modules/content/',
  dc: 'http://purl.org/dc/elements/1.1/',
  dcterms: 'http://purl.org/dc/terms/',
  media: 'http://search.yahoo.com/mrss/',
  itunes: 'http://www.itunes.com/dtds/podcast-1.0.dtd',
  xhtml: 'http://www.w3.org/1999/xhtml',
  sy: 'http://purl.org/rss/1.0/modules/syndication/',
} as const;

// Feeds in the wild use these prefixes without declaring them; a liberal reader
// (feedparser does the same) gives them their usual meaning rather than none.
const CONVENTIONAL: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, {
  xml: NS.xml,
  atom: NS.atom,
  atom10: NS.atom,
  rdf: NS.rdf,
  content: NS.content,
  dc: NS.dc,
  dcterms: NS.dcterms,
  sy: NS.sy,
  media: NS.media,
  itunes: NS.itunes,
  xhtml: NS.xhtml,
});

export function conventionalNamespace(prefix: string): string | null {
  return CONVENTIONAL[prefix] ?? null;
}

// Some publishers write the media RSS namespace with a trailing slash dropped or
// the iTunes one in a different case; both still mean the same module.
const ALIASES: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, {
  'http://search.yahoo.com/mrss': NS.media,
  'http://www.itunes.com/DTDs/Podcast-1.0.dtd': NS.itunes,
  'http://www.itunes.com/dtds/podcast-1.0.dtd/': NS.itunes,
  'http://purl.org/dc/elements/1.1': NS.dc,
  'http://purl.org/dc/terms': NS.dcterms,
  'http://purl.org/rss/1.0/modules/content': NS.content,
  'http://www.w3.org/2005/Atom/': NS.atom,
});

export function canonicalNamespace(uri: string): string {
  return ALIASES[uri] ?? uri;
}
