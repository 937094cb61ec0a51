import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSource } from '../../src/sources/load.js';

const dir = mkdtempSync(join(tmpdir(), 'news-load-'));
const ctx = { env: {}, stdin: async () => new Uint8Array(), warn: () => {}, userAgent: 'test' };
const file = (name: string, bytes: Uint8Array | string) => {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
};
const titles = async (path: string) => (await loadSource(path, ctx)).articles.map((a) => a.title);

// A JSON file is read straight into a string (load.ts readLocalJson); anything
// doubtful is read again as bytes and goes through the charset rules.
describe('loadSource on a local file', () => {
  it('reads UTF-8 JSON as text, with a BOM or leading whitespace', async () => {
    const json = '[{"title":"Caf\u00e9 \u2013 \u6771\u4eac"}]';
    expect(await titles(file('plain.json', json))).toEqual(['Café – 東京']);
    expect(await titles(file('bom.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`\n  ${json}`)])))).toEqual(['Café – 東京']);
  });

  it('falls back to windows-1252 for JSON that is not valid UTF-8', async () => {
    const bytes = Buffer.concat([Buffer.from('[{"title":"'), Buffer.from([0x93, 0x48, 0x69, 0x94]), Buffer.from('"}]')]);
    expect(await titles(file('cp1252.json', bytes))).toEqual(['\u201cHi\u201d']);
  });

  it('keeps a real U+FFFD in valid UTF-8 JSON', async () => {
    expect(await titles(file('fffd.json', '[{"title":"broken \uFFFD char"}]'))).toEqual(['broken \uFFFD char']);
  });

  it('reads a feed that is not JSON, and names a missing file', async () => {
    const rss = '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>One</title></item></channel></rss>';
    expect(await titles(file('feed.xml', rss))).toEqual(['One']);
    await expect(loadSource(join(dir, 'missing.json'), ctx)).rejects.toThrow(`${join(dir, 'missing.json')}: no such file`);
  });
});
