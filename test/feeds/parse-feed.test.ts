import { plainDraft } from '../support/plain-draft.js';
import { describe, expect, it, vi } from 'vitest';
import { Utf8View } from '../../src/io/utf8-view.js';
import { parseFeed } from '../../src/feeds/parse-feed.js';
import { DataError } from '../../src/errors.js';

const DRAFT_KEYS = [
  'author', 'body', 'categories', 'category', 'enclosures', 'html', 'id', 'image', 'publishedAt', 'slug', 'source', 'summary',
  'title', 'updatedAt', 'url',
];

describe('parseFeed', () => {
  it.each([
    ['RSS', '<rss><channel><item><title>t</title></item></channel></rss>', 'rss'],
    ['RDF', '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><item><title>t</title></item></rdf:RDF>', 'rdf'],
    ['Atom', '<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>t</title></entry></feed>', 'atom'],
    ['JSON Feed', '{"version":"https://jsonfeed.org/version/1.1","items":[{"title":"t"}]}', 'json-feed'],
    ['BOM and blank lines first', '\ufeff\n\n<?xml version="1.0"?><rss><channel><item><title>t</title></item></channel></rss>', 'rss'],
  ])('gives every format the same draft shape: %s', (_name, text, format) => {
    const feed = parseFeed(text, { label: 'f' });
    expect(feed.format).toBe(format);
    expect(feed.drafts).toHaveLength(1);
    expect(Object.keys(plainDraft(feed.drafts[0]!)).sort()).toEqual(DRAFT_KEYS);
  });

  it('keeps an empty but complete feed', () => {
    expect(parseFeed('<rss><channel><title>Empty</title></channel></rss>', { label: 'f' })).toMatchObject({ title: 'Empty', drafts: [], warnings: [] });
  });

  it.each([
    ['plain text', 'hello world', 'f.txt: not a feed (expected RSS, Atom or JSON Feed)'],
    ['empty', '', 'f.txt: not a feed (expected RSS, Atom or JSON Feed)'],
    ['an HTML page', '<!doctype html><html><body>hi</body></html>', 'f.txt: not a feed (the document is <html>, not RSS, RDF or Atom)'],
    ['OPML', '<?xml version="1.0"?><opml version="2.0"><body/></opml>', 'f.txt: not a feed (the document is <opml>, not RSS, RDF or Atom)'],
    ['only a declaration', '<?xml version="1.0"?>', 'f.txt: not a feed (no XML element found)'],
    ['cut before any item', '<rss>\n<channel>\n<title>x</title>\n<item><title>y', 'f.txt: malformed XML at line 4 (document ended inside <title>), before any complete item'],
  ])('rejects %s with one line naming the label', (_name, text, message) => {
    let error: unknown;
    try {
      parseFeed(text, { label: 'f.txt' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(DataError);
    expect((error as Error).message).toBe(message);
  });

  it.each([
    ['one item', 1, 'showing the 1 item before it'],
    ['three items', 3, 'showing the 3 items before it'],
  ])('warns about a cut-short feed and keeps the items before it: %s', (_name, n, tail) => {
    const items = Array.from({ length: n }, (_, i) => `<item><title>${i}</title></item>\n`).join('');
    const text = `<rss>\n<channel>\n${items}<item><title>cut`;
    const feed = parseFeed(text, { label: 'cut.xml' });
    expect(feed.drafts.map((d) => d.title)).toEqual(Array.from({ length: n }, (_, i) => String(i)));
    expect(feed.warnings).toEqual([`cut.xml: malformed XML at line ${n + 3}; ${tail}`]);
  });

  it('keeps every item when only the closing tags are missing', () => {
    const feed = parseFeed('<rss><channel><item><title>a</title></item><item><title>b</title></item>', { label: 'f' });
    expect(feed.drafts).toHaveLength(2);
    expect(feed.warnings).toEqual(['f: malformed XML at line 1; showing the 2 items before it']);
  });
});

describe('parseFeed of a UTF-8 document', () => {
  it('decodes a long body only when it is read', () => {
    const body = `<p>${'Café au lait, naïve façade. '.repeat(40)}</p>`;
    const xml = `<rss><channel><title>T</title><item><title>Headline é</title><link>https://e.example/a</link><pubDate>Mon, 09 Jun 2025 10:08:13 +0000</pubDate><content:encoded><![CDATA[${body}]]></content:encoded></item></channel></rss>`;
    const view = new Utf8View(Buffer.from(xml, 'utf8'));
    const later = vi.spyOn(view, 'spanAnywhere');
    const [draft] = parseFeed(view, { label: 'f' }).drafts;
    expect([draft!.title, draft!.url, draft!.publishedAt]).toEqual(['Headline é', 'https://e.example/a', Date.UTC(2025, 5, 9, 10, 8, 13)]);
    expect(later).not.toHaveBeenCalled();
    expect(draft!.body).toBe('Café au lait, naïve façade. '.repeat(40).trim());
    expect(later).toHaveBeenCalledTimes(1);
  });
});

// Items are drafted as they close, with the channel (or Atom feed) as it reads
// then; one whose title, link, base or authors come after its items is parsed
// again, so the drafts are always those of the whole document.
describe('parseFeed, items drafted as they close', () => {
  const plain = (text: string) => parseFeed(text, { label: 'f' }).drafts.map(plainDraft);

  it.each([
    ['RSS, channel title and link after the items',
      '<rss><channel><item><title>a</title><link>p/1</link></item><item><title>b</title></item><title>Late</title><link>https://late.example/x/</link><managingEditor>ed@x (Ed)</managingEditor></channel></rss>',
      { source: 'Late', url: 'https://late.example/x/p/1', author: 'Ed' }],
    ['RSS, a channel element between items',
      '<rss><channel><link>https://a.example/</link><item><title>a</title><link>p/1</link></item><title>Mid</title><item><title>b</title></item></channel></rss>',
      { source: 'Mid', url: 'https://a.example/p/1', author: null }],
    ['RDF, creator after the items',
      '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"><item><title>a</title></item><channel><dc:creator>Late</dc:creator></channel></rdf:RDF>',
      { source: null, url: null, author: 'Late' }],
    ['Atom, feed title, link and author after the entries',
      '<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>a</title><link href="e/1"/></entry><title>Late</title><link href="https://late.example/f/"/><author><name>Al</name></author></feed>',
      { source: 'Late', url: 'https://late.example/f/e/1', author: 'Al' }],
  ])('%s: drafts as if the whole channel came first', (_name, text, first) => {
    expect(plain(text)[0]).toMatchObject(first);
  });

  it('keeps items of the first channel and beside it, in document order, and no others', () => {
    const text =
      '<rss><item><title>before</title></item><channel><title>C</title><item><title>in</title></item></channel>' +
      '<item><title>after</title></item><channel><item><title>second channel</title></item></channel>' +
      '<x><item><title>nested</title></item></x></rss>';
    expect(plain(text).map((d) => d.title)).toEqual(['before', 'in', 'after']);
    // The same without a channel that changes after the first item (no second parse).
    const settled =
      '<rss><channel><title>C</title><item><title>in</title></item><x><item><title>nested</title></item></x></channel>' +
      '<item><title>after</title></item><channel><item><title>second channel</title></item></channel></rss>';
    expect(plain(settled).map((d) => d.title)).toEqual(['in', 'after']);
  });

  it('keeps the complete items before a cut, drafted early', () => {
    const feed = parseFeed('<rss><channel><title>C</title><item><title>1</title></item><item/><item><title>3', { label: 'f' });
    expect(feed.drafts.map((d) => d.title)).toEqual(['1', '(untitled)']);
    expect(feed.warnings).toEqual(['f: malformed XML at line 1; showing the 2 items before it']);
  });
});
