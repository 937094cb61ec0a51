import { plainDraft } from '../support/plain-draft.js';
import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/feeds/parse-feed.js';
import type { ArticleDraft } from '../../src/article.js';

const NS =
  'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" ' +
  'xmlns:media="http://search.yahoo.com/mrss/" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" ' +
  'xmlns:atom="http://www.w3.org/2005/Atom"';

function rss(items: string, channel = '<title>Chan</title><link>https://example.com/</link>', url: string | null = null) {
  return parseFeed(`<?xml version="1.0"?><rss version="2.0" ${NS}><channel>${channel}${items}</channel></rss>`, {
    url,
    label: 'feed.xml',
  });
}

function item(xml: string, channel?: string, url?: string | null): ArticleDraft {
  const feed = rss(`<item>${xml}</item>`, channel, url);
  expect(feed.drafts).toHaveLength(1);
  return plainDraft(feed.drafts[0]!);
}

describe('RSS 2.0 feed level', () => {
  it('reads format, title and link', () => {
    const feed = rss('<item><title>a</title></item><item><title>b</title></item>');
    expect(feed).toMatchObject({ format: 'rss', title: 'Chan', link: 'https://example.com/', warnings: [] });
    expect(feed.drafts.map((d) => d.title)).toEqual(['a', 'b']);
    expect(feed.drafts[0]!.source).toBe('Chan');
  });
});

describe('RSS 2.0 items', () => {
  it('takes each field from the first element the mapping names, whatever their order in the item', () => {
    const dcterms = 'xmlns:dcterms="http://purl.org/dc/terms/"';
    const d = item(
      `<dc:date>2025-06-01T00:00:00Z</dc:date><title>First</title><title>Second</title><link>https://a.example/1</link>` +
        `<link>https://a.example/2</link><pubDate>Tue, 03 Jun 2025 00:00:00 GMT</pubDate><pubDate>Wed, 04 Jun 2025 00:00:00 GMT</pubDate>` +
        `<dc:modified>bad</dc:modified><dcterms:modified ${dcterms}>2025-06-05T00:00:00Z</dcterms:modified><dc:modified>2025-06-06T00:00:00Z</dc:modified>` +
        `<dc:creator>Dee</dc:creator><author>a@b.example (Ann)</author><category>C1</category><dc:subject>S1</dc:subject><category>C2</category>`,
    );
    expect(d).toMatchObject({
      title: 'First',
      url: 'https://a.example/1',
      publishedAt: Date.UTC(2025, 5, 3),
      updatedAt: Date.UTC(2025, 5, 5),
      author: 'Ann',
      categories: ['C1', 'C2', 'S1'],
    });
  });

  it.each<[string, string, Partial<ArticleDraft>]>([
    ['plain title', '<title>Tom &amp;amp; Jerry</title>', { title: 'Tom &amp; Jerry' }],
    ['escaped HTML title', '<title>&lt;b&gt;Bold&lt;/b&gt; &amp;amp; co</title>', { title: 'Bold & co' }],
    ['title with 5 < 6', '<title>5 &lt; 6</title>', { title: '5 < 6' }],
    ['title whitespace collapsed', '<title>\n  Two\n  lines </title>', { title: 'Two lines' }],
    ['dc:title when title is empty', '<title> </title><dc:title>DC</dc:title>', { title: 'DC' }],
    ['untitled falls back to the body', '<description>One two three</description>', { title: 'One two three' }],
    ['no text at all', '<link>https://x/</link>', { title: '(untitled)' }],
    ['link', '<link>https://example.com/a</link>', { url: 'https://example.com/a', id: 'https://example.com/a' }],
    ['stray whitespace in link', '<link>\n  https://example.com/a\n</link>', { url: 'https://example.com/a' }],
    ['relative link against the channel link', '<link>/a/b</link>', { url: 'https://example.com/a/b' }],
    ['javascript: link dropped', '<link>javascript:alert(1)</link>', { url: null, id: null }],
    ['atom:link alternate', '<atom:link rel="alternate" href="https://x/a"/>', { url: 'https://x/a' }],
    ['atom:link self is no link', '<atom:link rel="self" href="https://x/feed"/>', { url: null }],
    ['permalink guid', '<guid>https://x/g</guid>', { url: 'https://x/g', id: 'https://x/g' }],
    ['guid isPermaLink=false', '<guid isPermaLink="false">https://x/g</guid>', { url: null, id: 'https://x/g' }],
    ['numeric guid stays a string', '<guid>0012345</guid>', { id: '0012345', url: null }],
    ['guid beats link for id', '<guid isPermaLink="false"> g1 </guid><link>https://x/a</link>', { id: 'g1', url: 'https://x/a' }],
    ['author mail (Name)', '<author>jane@example.com (Jane Doe)</author>', { author: 'Jane Doe' }],
    ['dc:creator, all of them', '<dc:creator>A</dc:creator><dc:creator>B</dc:creator>', { author: 'A, B' }],
    ['itunes:author', '<itunes:author>Pod</itunes:author>', { author: 'Pod' }],
    ['categories', '<category> News </category><category>Tech</category><category>News</category><dc:subject>Sci</dc:subject>',
      { categories: ['News', 'Tech', 'Sci'], category: 'News' }],
    ['pubDate', '<pubDate>Mon, 06 Jan 2025 10:00:00 GMT</pubDate>', { publishedAt: Date.UTC(2025, 0, 6, 10), updatedAt: null }],
    ['dc:date', '<dc:date>2025-01-06T10:00:00Z</dc:date>', { publishedAt: Date.UTC(2025, 0, 6, 10) }],
    ['published falls back to updated', '<atom:updated>2025-01-06T10:00:00Z</atom:updated>',
      { publishedAt: Date.UTC(2025, 0, 6, 10), updatedAt: Date.UTC(2025, 0, 6, 10) }],
    ['bad date', '<pubDate>yesterday-ish</pubDate>', { publishedAt: null }],
    ['plain description', '<description>Just text</description>', { summary: 'Just text', body: 'Just text', html: null }],
    ['content:encoded is the body, description the summary',
      '<description>Short</description><content:encoded><![CDATA[<p>Long <b>body</b></p>]]></content:encoded>',
      { summary: 'Short', body: 'Long body' }],
    ['content:encoded under another prefix',
      '<c:encoded xmlns:c="http://purl.org/rss/1.0/modules/content/">Body</c:encoded>', { body: 'Body' }],
    ['unescaped HTML in description', '<description>a &amp; <b>b</b></description>', { body: 'a & b' }],
    ['itunes:summary', '<itunes:summary>Pod notes</itunes:summary>', { summary: 'Pod notes', body: 'Pod notes' }],
    ['media:description inside media:group',
      '<media:group><media:description>Media text</media:description></media:group>',
      { summary: 'Media text', body: 'Media text' }],
    ['enclosure', '<enclosure url="https://x/a.mp3" type="audio/mpeg" length="123"/>',
      { enclosures: [{ url: 'https://x/a.mp3', type: 'audio/mpeg', length: 123 }] }],
    ['enclosure with bad length', '<enclosure url="https://x/a.mp3" type="" length="-1"/>',
      { enclosures: [{ url: 'https://x/a.mp3', type: null, length: null }] }],
    ['media:content joins enclosures, once per URL',
      '<enclosure url="https://x/a.mp3"/><media:content url="https://x/a.mp3"/><media:content url="https://x/v.mp4" type="video/mp4" fileSize="9"/>',
      { enclosures: [
        { url: 'https://x/a.mp3', type: null, length: null },
        { url: 'https://x/v.mp4', type: 'video/mp4', length: 9 },
      ] }],
    ['media:thumbnail', '<media:thumbnail url="https://x/t.jpg"/>', { image: 'https://x/t.jpg' }],
    ['media:thumbnail in media:group', '<media:group><media:thumbnail url="https://x/g.jpg"/></media:group>', { image: 'https://x/g.jpg' }],
    ['media:content medium=image', '<media:content url="https://x/i.jpg" medium="image"/>', { image: 'https://x/i.jpg' }],
    ['itunes:image', '<itunes:image href="https://x/p.jpg"/>', { image: 'https://x/p.jpg' }],
    ['javascript: image dropped', '<media:thumbnail url="javascript:x"/>', { image: null }],
    ['xml:base on the item', '<link xml:base="https://other.example/dir/">page</link>', { url: 'https://other.example/dir/page' }],
  ])('%s', (_name, xml, expected) => {
    expect(item(xml)).toMatchObject(expected);
  });

  it('inherits channel authors', () => {
    expect(item('<title>t</title>', '<managingEditor>ed@x.com (Ed)</managingEditor>').author).toBe('Ed');
    expect(item('<title>t</title>', '<dc:creator>Chan Author</dc:creator>').author).toBe('Chan Author');
    expect(item('<author>Own</author>', '<managingEditor>Ed</managingEditor>').author).toBe('Own');
  });

  it('resolves relative links against the fetched URL before the channel link', () => {
    const d = item('<link>a</link><enclosure url="e.mp3"/>', '<link>https://home.example/</link>', 'https://feeds.example/rss/feed.xml');
    expect(d.url).toBe('https://feeds.example/rss/a');
    expect(d.enclosures[0]!.url).toBe('https://feeds.example/rss/e.mp3');
  });

  it('keeps the HTML of an HTML body and none for plain text', () => {
    const d = item('<content:encoded><![CDATA[<p>Hi <script>x()</script><a href="https://x/">there</a></p>]]></content:encoded>');
    expect(d.html).toContain('<a href="https://x/">there</a>');
    expect(d.html).not.toContain('script');
    expect(item('<description>plain</description>').html).toBeNull();
  });

  it('reads RSS 0.91 with its DOCTYPE', () => {
    const feed = parseFeed(
      '<?xml version="1.0"?>\n<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">\n' +
        '<rss version="0.91"><channel><title>Old</title><link>http://old.example/</link><item><title>Hello</title><link>http://old.example/1</link></item></channel></rss>',
      { label: 'old.xml' },
    );
    expect(feed.drafts.map((d) => [d.title, d.url])).toEqual([['Hello', 'http://old.example/1']]);
  });
});

describe('RSS 1.0 (RDF)', () => {
  const rdf = (items: string) =>
    parseFeed(
      `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
        xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
      <channel rdf:about="https://r.example/"><title>RDF Chan</title><link>https://r.example/</link><dc:creator>Chan</dc:creator></channel>
      ${items}</rdf:RDF>`,
      { label: 'rdf.xml' },
    );

  it('reads items beside the channel', () => {
    const feed = rdf(`
      <item rdf:about="https://r.example/1"><title>One</title><link>https://r.example/one</link>
        <description>Desc</description><dc:date>2024-05-01T00:00:00Z</dc:date><dcterms:modified>2024-05-02T00:00:00Z</dcterms:modified>
        <dc:subject>S</dc:subject><dc:creator>Me</dc:creator></item>
      <item rdf:about="https://r.example/2"><title>Two</title><content:encoded>&lt;p&gt;Full&lt;/p&gt;</content:encoded></item>`);
    expect(feed).toMatchObject({ format: 'rdf', title: 'RDF Chan', link: 'https://r.example/' });
    expect(plainDraft(feed.drafts[0]!)).toMatchObject({
      id: 'https://r.example/1', url: 'https://r.example/one', title: 'One', summary: 'Desc', body: 'Desc',
      publishedAt: Date.UTC(2024, 4, 1), updatedAt: Date.UTC(2024, 4, 2), categories: ['S'], author: 'Me', source: 'RDF Chan',
    });
    expect(plainDraft(feed.drafts[1]!)).toMatchObject({ id: 'https://r.example/2', url: 'https://r.example/2', body: 'Full', author: 'Chan', summary: null });
  });
});
