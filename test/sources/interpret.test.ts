import { describe, expect, it } from 'vitest';
import { BIG_JSON, interpretBytes } from '../../src/sources/interpret.js';
import { finishArticles } from '../../src/core/articles.js';
import { toJsonObject } from '../../src/render/json.js';

const meta = { label: 'store.json', httpCharset: null, baseUrl: null };
const titles = async (bytes: Uint8Array, httpCharset: string | null = null) => {
  const r = await interpretBytes(bytes, { ...meta, httpCharset });
  if (r.kind === 'html') throw new Error('not articles');
  return r.drafts.map((d) => d.title);
};

describe('interpretBytes', () => {
  it('reads valid UTF-8 JSON, with or without a BOM', async () => {
    const json = Buffer.from('[{"title":"Caf\u00e9 \u2013 \u6771\u4eac"}]', 'utf8');
    expect(await titles(json)).toEqual(['Café – 東京']);
    expect(await titles(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), json]))).toEqual(['Café – 東京']);
  });

  it('falls back to windows-1252 for JSON that is not valid UTF-8', async () => {
    // 0x93/0x94 are curly quotes in windows-1252 and invalid on their own in UTF-8.
    const bytes = Buffer.concat([Buffer.from('[{"title":"'), Buffer.from([0x93, 0x48, 0x69, 0x94]), Buffer.from('"}]')]);
    expect(await titles(bytes)).toEqual(['\u201cHi\u201d']);
  });

  it('honors a non-UTF-8 HTTP charset for JSON', async () => {
    const bytes = Buffer.concat([Buffer.from('[{"title":"'), Buffer.from([0xe9]), Buffer.from('"}]')]);
    expect(await titles(bytes, 'iso-8859-1')).toEqual(['é']);
  });
});

describe('interpretBytes on big JSON', () => {
  // From BIG_JSON bytes on, a store wrapped in an object is scanned from its
  // bytes like a bare array (json-records.ts); a JSON Feed of that size is not
  // a store, and reads as a feed.
  const records = Array.from({ length: 3000 }, (_, i) => ({ title: `Story ${i % 7}`, id: i, publishedAt: '2025-06-09T10:00:00Z', body: `<p>${'words '.repeat(80)}</p>` }));

  it('reads a wrapped store as its bare array, slugs and warnings included', async () => {
    const bare = Buffer.from(JSON.stringify([...records, { title: '' }]));
    const wrapped = Buffer.from(`{"version":1,"articles":${bare}}`);
    expect(wrapped.length).toBeGreaterThan(BIG_JSON);
    const read = async (b: Buffer) => {
      const r = await interpretBytes(b, meta);
      if (r.kind === 'html') throw new Error('not articles');
      return { json: finishArticles(r.drafts).map(toJsonObject), warnings: r.warnings };
    };
    const fromBare = await read(bare);
    expect(await read(wrapped)).toEqual(fromBare);
    expect(fromBare.warnings).toEqual(['store.json: record 3000 skipped: no title']);
  });

  it('reads a big JSON Feed as a feed', async () => {
    const feed = { version: 'https://jsonfeed.org/version/1.1', title: 'F', items: records.map((r) => ({ id: String(r.id), title: r.title, content_html: r.body })) };
    const bytes = Buffer.from(JSON.stringify(feed));
    expect(bytes.length).toBeGreaterThan(BIG_JSON);
    const r = await interpretBytes(bytes, meta);
    expect(r.kind).toBe('feed');
  });
});

describe('interpretBytes on XML feeds', () => {
  const rss = (title: string) => `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><item><title>${title}</title></item></channel></rss>`;

  it('reads UTF-8 from the bytes, with or without a BOM', async () => {
    const bytes = Buffer.from(rss('Caf\u00e9 \u2013 \u6771\u4eac &amp; &#233;'), 'utf8');
    expect(await titles(bytes)).toEqual(['Café – 東京 & é']);
    expect(await titles(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]))).toEqual(['Café – 東京 & é']);
  });

  it('falls back to windows-1252 for XML that is not valid UTF-8', async () => {
    const bytes = Buffer.concat([Buffer.from(rss('').split('</title>')[0]!), Buffer.from([0x93, 0x48, 0x69, 0x94]), Buffer.from('</title></item></channel></rss>')]);
    expect(await titles(bytes)).toEqual(['\u201cHi\u201d']);
  });

  it('honors a declared legacy encoding', async () => {
    const bytes = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><rss><channel><item><title>'), Buffer.from([0xe9]), Buffer.from('</title></item></channel></rss>')]);
    expect(await titles(bytes)).toEqual(['é']);
  });
});
