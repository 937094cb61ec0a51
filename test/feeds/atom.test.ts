import { plainDraft } from '../support/plain-draft.js';
import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/feeds/parse-feed.js';
import type { ArticleDraft } from '../../src/article.js';

const HEAD = '<title>Feed</title><link href="https://a.example/"/><link rel="self" href="https://a.example/feed"/>';

function atom(entries: string, head = HEAD, url: string | null = null, attrs = '') {
  return parseFeed(
    `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/" ${attrs}>${head}${entries}</feed>`,
    { url, label: 'atom.xml' },
  );
}

function entry(xml: string, head?: string, url?: string | null, attrs?: string): ArticleDraft {
  const feed = atom(`<entry>${xml}</entry>`, head, url, attrs);
  expect(feed.drafts).toHaveLength(1);
  return plainDraft(feed.drafts[0]!);
}

describe('Atom 1.0 feed level', () => {
  it('reads format, title and the alternate link', () => {
    const feed = atom('<entry><title>e</title></entry>');
    expect(feed).toMatchObject({ format: 'atom', title: 'Feed', link: 'https://a.example/', warnings: [] });
    expect(feed.drafts[0]!.source).toBe('Feed');
  });
});

describe('Atom 1.0 entries', () => {
  it('takes each field from the first element the mapping names, whatever their order in the entry', () => {
    const d = entry(
      '<modified>2025-06-07T00:00:00Z</modified><issued>2025-06-01T00:00:00Z</issued>' +
        '<updated>bad</updated><published>2025-06-03T00:00:00Z</published><title>First</title><title>Second</title>' +
        '<link rel="self" href="https://a.example/self"/><link href="https://a.example/1"/><link rel="alternate" href="https://a.example/2"/>' +
        '<updated>2025-06-05T00:00:00Z</updated><id>id-1</id><id>id-2</id><summary>S1</summary><summary>S2</summary>' +
        '<author><name>Ann</name></author><category term="C1"/><author>Bob</author><category term=" " label="L2"/>' +
        '<content type="html">&lt;p&gt;C1&lt;/p&gt;</content><content>C2</content>',
    );
    expect(d).toMatchObject({
      title: 'First',
      url: 'https://a.example/1',
      id: 'id-1',
      summary: 'S1',
      body: 'C1',
      publishedAt: Date.UTC(2025, 5, 3),
      updatedAt: Date.UTC(2025, 5, 5),
      author: 'Ann, Bob',
      categories: ['C1', 'L2'],
    });
  });

  it.each<[string, string, Partial<ArticleDraft>]>([
    ['text title keeps markup literal', '<title>&lt;b&gt;x&lt;/b&gt;</title>', { title: '<b>x</b>' }],
    ['html title', '<title type="html">&lt;b&gt;x&lt;/b&gt; &amp;amp; y</title>', { title: 'x & y' }],
    ['xhtml title', '<title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">A <b>bold</b> &amp; more</div></title>', { title: 'A bold & more' }],
    ['untitled entry', '<content>Words of the body</content>', { title: 'Words of the body' }],
    ['link without rel', '<link href="https://a.example/1"/>', { url: 'https://a.example/1', id: 'https://a.example/1' }],
    ['first alternate link', '<link rel="self" href="https://a.example/s"/><link rel="alternate" type="text/html" href="https://a.example/2"/><link href="https://a.example/3"/>',
      { url: 'https://a.example/2' }],
    ['relative link against the feed link', '<link href="posts/1"/>', { url: 'https://a.example/posts/1' }],
    ['xml:base on the entry and link', '<link xml:base="sub/" href="p"/>', { url: 'https://a.example/sub/p' }],
    ['id', '<id> urn:uuid:1 </id><link href="https://a.example/1"/>', { id: 'urn:uuid:1' }],
    ['all authors', '<author><name>A</name></author><author><name>B</name><email>b@x</email></author>', { author: 'A, B' }],
    ['categories term, else label', '<category term="t1"/><category label="L"/><category term="" label="L2"/>', { categories: ['t1', 'L', 'L2'], category: 't1' }],
    ['published and updated', '<published>2024-01-02T03:04:05Z</published><updated>2024-02-02T00:00:00+01:00</updated>',
      { publishedAt: Date.UTC(2024, 0, 2, 3, 4, 5), updatedAt: Date.UTC(2024, 1, 1, 23) }],
    ['published falls back to updated', '<updated>2024-02-02T00:00:00Z</updated>', { publishedAt: Date.UTC(2024, 1, 2) }],
    ['text content', '<content>a &lt;b&gt; c</content>', { body: 'a <b> c', html: null }],
    ['html content', '<summary>Sum</summary><content type="html">&lt;p&gt;One&lt;/p&gt;&lt;p&gt;Two&lt;/p&gt;</content>',
      { summary: 'Sum', body: 'One\n\nTwo' }],
    ['xhtml content', '<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>One &amp; <a href="https://x/">two</a></p></div></content>',
      { body: 'One & two', html: '<p>One &amp; <a href="https://x/">two</a></p>' }],
    ['summary is the body without content', '<summary type="html">&lt;i&gt;S&lt;/i&gt;</summary>', { summary: 'S', body: 'S' }],
    ['out-of-line content has no text', '<content src="https://x/c" type="text/html"/><summary>S</summary>', { body: 'S' }],
    ['media:description as a last resort', '<media:group><media:description>M</media:description></media:group>', { body: 'M', summary: null }],
    ['enclosure links', '<link rel="enclosure" href="https://x/a.mp3" type="audio/mpeg" length="10"/><link rel="enclosure" href="b.ogg" length="x"/>',
      { enclosures: [{ url: 'https://x/a.mp3', type: 'audio/mpeg', length: 10 }, { url: 'https://a.example/b.ogg', type: null, length: null }] }],
    ['media:thumbnail', '<media:thumbnail url="https://x/t.png"/>', { image: 'https://x/t.png' }],
  ])('%s', (_name, xml, expected) => {
    expect(entry(xml)).toMatchObject(expected);
  });

  it('inherits feed authors only when the entry has none', () => {
    const head = `${HEAD}<author><name>Feed Author</name></author>`;
    expect(entry('<title>t</title>', head).author).toBe('Feed Author');
    expect(entry('<author><name>Own</name></author>', head).author).toBe('Own');
  });

  it('resolves against xml:base on the feed, then the fetched URL', () => {
    expect(entry('<link href="p"/>', HEAD, 'https://fetched.example/f/atom.xml').url).toBe('https://fetched.example/f/p');
    expect(entry('<link href="p"/>', HEAD, 'https://fetched.example/f/atom.xml', 'xml:base="https://base.example/b/"').url)
      .toBe('https://base.example/b/p');
  });
});

describe('Atom 0.3', () => {
  it('reads issued, modified, modes and MIME types', () => {
    const feed = parseFeed(
      `<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title mode="escaped" type="text/html">Old &lt;i&gt;feed&lt;/i&gt;</title>
      <link rel="alternate" type="text/html" href="https://old.example/"/>
      <entry><title>E1</title><link rel="alternate" type="text/html" href="https://old.example/1"/><id>tag:old,1</id>
        <issued>2004-01-01T00:00:00Z</issued><modified>2004-01-02T00:00:00Z</modified><author><name>Old Author</name></author>
        <content type="application/xhtml+xml" mode="xml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Body</p></div></content>
        <summary type="text/plain">Plain &lt;b&gt;</summary></entry>
      <entry><title>E2</title><content type="text/html" mode="base64">PHA+QmFzZSA2NDwvcD4=</content></entry></feed>`,
      { label: 'old.xml' },
    );
    expect(feed).toMatchObject({ format: 'atom', title: 'Old feed', link: 'https://old.example/' });
    expect(plainDraft(feed.drafts[0]!)).toMatchObject({
      title: 'E1', url: 'https://old.example/1', id: 'tag:old,1', author: 'Old Author',
      publishedAt: Date.UTC(2004, 0, 1), updatedAt: Date.UTC(2004, 0, 2), body: 'Body', summary: 'Plain <b>',
    });
    expect(plainDraft(feed.drafts[1]!)).toMatchObject({ body: 'Base 64' });
  });
});
