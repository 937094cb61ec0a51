import { describe, expect, it } from 'vitest';
import { decodeSpan, recordAt, scanStore, scanStoreFile } from '../../src/store/json-records.js';
import { rng } from '../support/rng.js';

// What the scanner gives, put back together: each record parsed by recordAt
// with its heavy strings decoded into place. It must equal JSON.parse of the
// same bytes.
function reassemble(text: string): unknown[] | null {
  const b = Buffer.from(text);
  const scanned = scanStore(b, []);
  if (!scanned) return null;
  return Array.from({ length: scanned.count }, (_, i) => {
    const { record, heavy } = recordAt(b, scanned.bounds[2 * i]!, scanned.bounds[2 * i + 1]!, scanned.values, i * scanned.width);
    if (!record || typeof record !== 'object' || Array.isArray(record)) return record;
    const out = { ...(record as Record<string, unknown>) };
    for (const [k, span] of Object.entries(heavy)) out[k] = decodeSpan(b, span);
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

describe('scanStore', () => {
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

  it('leaves heavy strings out of the parsed record, and only strings', () => {
    const b = Buffer.from('[{"title":"T","body":"B \\"q\\"","summary":null,"html":["x"],"nested":{"body":"inner"}}]');
    const scanned = scanStore(b, [])!;
    const { record, heavy } = recordAt(b, scanned.bounds[0]!, scanned.bounds[1]!, scanned.values, 0);
    expect(record).toEqual({ title: 'T', body: null, summary: null, html: ['x'], nested: { body: 'inner' } });
    expect(Object.keys(heavy)).toEqual(['body']);
    expect(decodeSpan(b, heavy.body!)).toBe('B "q"');
  });

  it('notes where the asked-for values are: the last when a key repeats, also when spelled with escapes', () => {
    const text = '[{"title":"a","id":7,"title":"b","x":{"title":"inner"}}, 3, {"\\u0074itle" : [1, "t"] ,"id":null}]';
    const b = Buffer.from(text);
    const { count, bounds, values, width } = scanStore(b, ['title', 'id', 'url'])!;
    expect([count, width]).toEqual([3, 12]); // three keys, then summary, body and html
    const at = (record: number, key: number) => {
      const n = record * width + 2 * key;
      return values[n]! < 0 ? null : text.slice(values[n], values[n + 1]);
    };
    expect([0, 1, 2].map((k) => at(0, k))).toEqual(['"b"', '7', null]);
    expect([0, 1, 2].map((k) => at(2, k))).toEqual(['[1, "t"]', 'null', null]);
    expect(text.slice(bounds[2], bounds[3])).toBe('3');
  });

  it('notes a heavy key only when its last value is a string', () => {
    const text = '[{"body":"x","body":5,"html":1,"html":"<p>","summary":"s","summary":"t"}]';
    const { values } = scanStore(Buffer.from(text), [])!;
    const spans = [0, 2, 4].map((n) => (values[n]! < 0 ? null : text.slice(values[n], values[n + 1])));
    expect(spans).toEqual(['"t"', null, '"<p>"']);
    expect(reassemble(text)).toEqual([{ body: 5, html: '<p>', summary: 't' }]);
    // An earlier body with a raw control character, which only a heavy string may
    // hold unchecked, is left out too.
    expect(reassemble('[{"body":"a\u0001b","body":"c","id":1}]')).toEqual([{ body: 'c', id: 1 }]);
  });

  it('refuses exactly what JSON.parse refuses, for 3,000 damaged stores', () => {
    const damage = ['', ',', ']', '}', '"', '\\', '\\u12', '\\x', '\n', '\u0001', '\u001f', '\u007f', '01', '-', '1.', '1e', '.5', 'tru', 'nul', ':', ' ', '[', '{', '+1', '1e+5', '-0.0E-3'];
    let refused = 0;
    for (let n = 0; n < 3000; n++) {
      const records = Array.from({ length: 1 + rand(3) }, () => (rand(8) ? record() : value(1)));
      const text = rand(3) ? JSON.stringify(records, null, pick([undefined, 1])) : `{"articles":${JSON.stringify(records)},"v":1}`;
      // One damage at a random place outside the heavy strings' insides, which
      // are checked when read (decodeSpan), not when scanned.
      const at = rand(text.length);
      const damaged = text.slice(0, at) + pick(damage) + text.slice(at + rand(3));
      let valid = true;
      try {
        JSON.parse(damaged);
      } catch {
        valid = false;
      }
      const scanned = scanStore(Buffer.from(damaged), ['title']);
      if (scanned === null && valid) {
        // Valid JSON the scanner leaves to the whole parser: any other shape.
        const data = JSON.parse(damaged);
        expect(Array.isArray(data) || Array.isArray(data?.articles), damaged).toBe(false);
      }
      if (scanned !== null && !valid) {
        // Only a heavy string's inside may be broken and still scanned.
        const heavyOnly = damaged.replace(/"(summary|body|html)":\s*"(?:[^"\\]|\\[\s\S])*"/g, '"$1":""');
        expect(() => JSON.parse(heavyOnly), JSON.stringify([damaged, heavyOnly])).not.toThrow();
      }
      if (!valid) refused++;
    }
    expect(refused).toBeGreaterThan(1000);
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
    expect(scanStore(Buffer.from(text), ['title'])).toBeNull();
  });

  it('reads a store of 5,000 mostly small records', () => {
    const records = Array.from({ length: 5000 }, (_, i) => ({ title: `t${i} é`, id: i, body: i % 7 ? 'x'.repeat(i % 50) : null }));
    const text = JSON.stringify(records);
    expect(text.length).toBeGreaterThan(1 << 18);
    expect(reassemble(text)).toEqual(records);
  });

  it('reads an empty array and empty records', () => {
    expect(scanStore(Buffer.from(' [ ] '), ['title'])).toEqual({ count: 0, bounds: [], values: [], width: 8 });
    expect(reassemble('[{}, { } ]')).toEqual([{}, {}]);
  });
});

// scanStoreFile reads a window at a time; tiny windows put a boundary inside
// every kind of token. It must find what scanStore finds in the whole buffer.
describe('scanStoreFile', () => {
  const byFile = (text: string, window: number) => {
    const b = Buffer.from(text);
    const readAt = (buf: Buffer, at: number, length: number, position: number) => b.copy(buf, at, position, Math.min(b.length, position + length));
    const found: { start: number; end: number; values: number[] }[] = [];
    const count = scanStoreFile(readAt, b.length, ['title', 'id'], (w, start, end, values, offset) => {
      found.push({ start: offset + start, end: offset + end, values: values.map((v) => (v < 0 ? -1 : v + offset)) });
      expect(w.subarray(start, end).equals(b.subarray(offset + start, offset + end))).toBe(true);
    }, window);
    return count === null ? null : found;
  };
  const byBuffer = (text: string) => {
    const scanned = scanStore(Buffer.from(text), ['title', 'id']);
    if (!scanned) return null;
    return Array.from({ length: scanned.count }, (_, i) => ({
      start: scanned.bounds[2 * i]!,
      end: scanned.bounds[2 * i + 1]!,
      values: scanned.values.slice(i * scanned.width, (i + 1) * scanned.width),
    }));
  };

  it('finds what scanStore finds, whatever the window, for 1,500 stores whole or damaged', () => {
    const damage = ['', ',', ']', '}', '"', '\\', '\\x', '\n', '01', '-', 'tru', ' ', '['];
    for (let n = 0; n < 1500; n++) {
      const records = Array.from({ length: rand(5) }, () => (rand(8) ? record() : value(1)));
      let text = (rand(4) ? '' : '\ufeff') + spaced(records);
      if (rand(3) === 0) {
        const at = rand(text.length);
        text = text.slice(0, at) + pick(damage) + text.slice(at + rand(3));
      }
      const window = 1 + rand(rand(2) ? 16 : 300);
      expect(byFile(text, window), `${window}: ${text}`).toEqual(byBuffer(text));
    }
  });

  it('does not take a number cut by the window for the whole of it', () => {
    const text = '[12345 ,678.5e1, -0,{"title":"t","id":10}]';
    for (let window = 1; window <= text.length; window++) expect(byFile(text, window), String(window)).toEqual(byBuffer(text));
  });

  it('is null for a wrapped store and for a record that is not UTF-8', () => {
    expect(byFile('{"articles":[]}', 4)).toBeNull();
    const b = Buffer.concat([Buffer.from('[{"title":"'), Buffer.from([0x93]), Buffer.from('"}]')]);
    const readAt = (buf: Buffer, at: number, length: number, position: number) => b.copy(buf, at, position, Math.min(b.length, position + length));
    expect(scanStoreFile(readAt, b.length, [], () => {}, 5)).toBeNull();
  });

  it('reads to where a file that got shorter ends', () => {
    const text = '[{"title":"a"},{"title":"b"}]';
    const b = Buffer.from(text);
    const readAt = (buf: Buffer, at: number, length: number, position: number) => b.copy(buf, at, position, Math.min(b.length, position + length));
    expect(scanStoreFile(readAt, b.length + 100, [], () => {}, 8)).toBe(2);
  });
});

describe('decodeSpan', () => {
  it('takes a raw control character as itself and throws on a broken escape', () => {
    const b = Buffer.from('"a\tb\u0001c" "bad \\x"');
    expect(decodeSpan(b, [0, 8])).toBe('a\tb\u0001c');
    expect(() => decodeSpan(b, [9, 18])).toThrow();
  });
});
