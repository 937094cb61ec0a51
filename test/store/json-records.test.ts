import { describe, expect, it } from 'vitest';
import { decodeSpan, scanStoreRecords } from '../../src/store/json-records.js';
import { rng } from '../support/rng.js';

// What the scanner gives, put back together: the light fields with each heavy
// string decoded into place. It must equal JSON.parse of the same bytes.
function reassemble(text: string): unknown[] | null {
  const b = Buffer.from(text);
  const scanned = scanStoreRecords(b);
  if (!scanned) return null;
  return scanned.records.map((rec, i) => {
    if (!rec || typeof rec !== 'object' || Array.isArray(rec)) return rec;
    const out = { ...(rec as Record<string, unknown>) };
    for (const [k, span] of Object.entries(scanned.heavy[i]!)) out[k] = decodeSpan(b, span);
    return out;
  });
}

const { int: rand, pick } = rng(11);
const atoms = ['a', 'é', '東', '😀', '"', '\\', '\n', '\t', '\u2028', '/', ' ', '}', ']', '{', ',', ':', 'x'.repeat(90)];
const str = () => Array.from({ length: rand(12) }, () => pick(atoms)).join('') + (rand(3) ? '' : '\\'.repeat(rand(4)));
const value = (depth: number): unknown => {
  switch (rand(depth > 1 ? 5 : 7)) {
    case 0: return str();
    case 1: return rand(1000) - 500 + (rand(2) ? 0.25 : 0);
    case 2: return pick([true, false, null]);
    case 3: return str().repeat(rand(40));
    case 4: return '';
    case 5: return Array.from({ length: rand(4) }, () => value(depth + 1));
    default: return Object.fromEntries(Array.from({ length: rand(4) }, () => [str(), value(depth + 1)]));
  }
};
const keys = ['title', 'summary', 'body', 'html', 'url', 'id', 'categories', 'enclosures', 'summar', 'bodyx', str()];
const record = () => Object.fromEntries(Array.from({ length: rand(8) }, () => [pick(keys), value(0)]));
const spaced = (r: unknown) => JSON.stringify(r, null, pick([undefined, 1, '\t', ' \r\n']));

describe('scanStoreRecords', () => {
  it('gives what JSON.parse gives, for 2,000 generated stores', () => {
    for (let n = 0; n < 2000; n++) {
      // Mostly records; now and then something else the store reader warns about.
      const records = Array.from({ length: rand(5) }, () => (rand(8) ? record() : value(1)));
      const array = '[' + records.map((r) => spaced(r)).join(rand(2) ? ',' : ' ,\n') + ']';
      // As a bare array, or wrapped with other members around (the last "articles" wins).
      const text =
        (rand(4) ? '' : '\ufeff') +
        (rand(2) ? ` \n${array}\n ` : `{"version":${JSON.stringify(value(1))},"articles":${rand(3) ? array : '[{"title":"first"}]'}${rand(3) ? '' : `,"articles":${array}`},"x":${JSON.stringify(value(1))}}`);
      const data = JSON.parse(text.replace(/^\ufeff/, ''));
      expect(reassemble(text), text).toEqual(Array.isArray(data) ? data : data.articles);
    }
  });

  it('leaves heavy strings out of the parsed fields, and only strings', () => {
    const b = Buffer.from('[{"title":"T","body":"B \\"q\\"","summary":null,"html":["x"],"nested":{"body":"inner"}}]');
    const { records, heavy } = scanStoreRecords(b)!;
    expect(records).toEqual([{ title: 'T', body: null, summary: null, html: ['x'], nested: { body: 'inner' } }]);
    expect(Object.keys(heavy[0]!)).toEqual(['body']);
    expect(decodeSpan(b, heavy[0]!.body!)).toBe('B "q"');
  });

  it.each([
    ['an object without articles', '{"version":1}'],
    ['articles that are not an array', '{"articles":{"title":"a"}}'],
    ['a later articles that is not an array', '{"articles":[{"title":"a"}],"articles":3}'],
    ['an empty object', '{}'],
    ['a bare string', '"articles"'],
    ['a trailing comma', '[{"title":"a",}]'],
    ['a trailing comma in the array', '[{"title":"a"},]'],
    ['an unclosed string', '[{"title":"a}]'],
    ['text after the array', '[{"title":"a"}] x'],
    ['a bad literal', '[{"title":nope}]'],
    ['a missing colon', '[{"title" "a"}]'],
    ['an unclosed record', '[{"title":"a"'],
  ])('is null for %s (the whole-text parser then reports it)', (_, text) => {
    expect(scanStoreRecords(Buffer.from(text))).toBeNull();
  });

  it('reads a store of 5,000 mostly small records', () => {
    const records = Array.from({ length: 5000 }, (_, i) => ({ title: `t${i} é`, id: i, body: i % 7 ? 'x'.repeat(i % 50) : null }));
    const text = JSON.stringify(records);
    expect(text.length).toBeGreaterThan(1 << 18);
    expect(reassemble(text)).toEqual(records);
  });

  it('reads an empty array and empty records', () => {
    expect(scanStoreRecords(Buffer.from(' [ ] '))).toEqual({ records: [], heavy: [] });
    expect(scanStoreRecords(Buffer.from('[{}, { } ]'))!.records).toEqual([{}, {}]);
  });
});

describe('decodeSpan', () => {
  it('takes a raw control character as itself and throws on a broken escape', () => {
    const b = Buffer.from('"a\tb\u0001c" "bad \\x"');
    expect(decodeSpan(b, [0, 8])).toBe('a\tb\u0001c');
    expect(() => decodeSpan(b, [9, 18])).toThrow();
  });
});
