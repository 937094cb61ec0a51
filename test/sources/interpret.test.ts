import { describe, expect, it } from 'vitest';
import { interpretBytes } from '../../src/sources/interpret.js';

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
