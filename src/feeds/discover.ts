// Feed autodiscovery: the `<link rel="alternate" type="…">` elements a web page
// uses to advertise its feeds. A tag scan, not an HTML parser: it only has to
// find `link` and `base` tags, skipping comments and script/style text.
import { decodeHTMLAttribute } from '../core/entities.js';
import { collapseWhitespace, urlField } from '../core/fields.js';

export interface FeedLink {
  url: string;
  /** The advertised media type, lowercased, without parameters. */
  type: string;
  title: string | null;
}

const FEED_TYPES = new Set(['application/rss+xml', 'application/atom+xml', 'application/feed+json', 'application/json']);
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'noscript']);
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/y;

type Attrs = Map<string, string>;

export function findFeedLinks(html: string, baseUrl: string | null): FeedLink[] {
  const links: Attrs[] = [];
  let baseHref: string | null = null;
  let i = 0;
  while ((i = html.indexOf('<', i)) !== -1) {
    if (html.startsWith('<!--', i)) {
      const end = html.indexOf('-->', i + 4);
      if (end === -1) break;
      i = end + 3;
      continue;
    }
    const name = /^[a-zA-Z][^\s/>]*/.exec(html.slice(i + 1, i + 40))?.[0]?.toLowerCase();
    if (name === undefined) {
      i++;
      continue;
    }
    const { attrs, end } = readAttributes(html, i + 1 + name.length);
    i = end;
    if (name === 'link') links.push(attrs);
    else if (name === 'base' && baseHref === null && attrs.has('href')) baseHref = attrs.get('href')!;
    else if (RAW_TEXT.has(name)) {
      // Their text is not markup: a "<link" inside a script is a string, not a tag.
      const close = new RegExp(`</${name}`, 'gi');
      close.lastIndex = i;
      i = close.exec(html)?.index ?? html.length;
    }
  }

  // The first <base href> applies to the whole document, links before it included.
  const base = baseHref === null ? baseUrl : (urlField(baseHref, baseUrl) ?? baseUrl);
  const found: FeedLink[] = [];
  for (const attrs of links) {
    const rel = (attrs.get('rel') ?? '').toLowerCase().split(/\s+/);
    const type = (attrs.get('type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (!rel.includes('alternate') || !FEED_TYPES.has(type)) continue;
    const url = urlField(attrs.get('href'), base);
    if (url === null || found.some((f) => f.url === url)) continue;
    const title = collapseWhitespace(attrs.get('title') ?? '');
    found.push({ url, type, title: title === '' ? null : title });
  }
  return found;
}

/** The attributes of the tag whose name ends at `i`, and the index after its `>`. */
function readAttributes(html: string, i: number): { attrs: Attrs; end: number } {
  const attrs: Attrs = new Map();
  for (;;) {
    while (i < html.length && /[\s/]/.test(html[i]!)) i++;
    if (i >= html.length) return { attrs, end: i };
    if (html[i] === '>') return { attrs, end: i + 1 };
    ATTRIBUTE.lastIndex = i;
    const m = ATTRIBUTE.exec(html);
    if (m === null) {
      i++; // a stray quote or '='
      continue;
    }
    const name = m[1]!.toLowerCase();
    const value = m[2] ?? m[3] ?? m[4] ?? '';
    if (!attrs.has(name)) attrs.set(name, decodeHTMLAttribute(value));
    i = ATTRIBUTE.lastIndex;
  }
}
