import { closeSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bodiesByLine, parseHeadlineLine, readLineAt, readStoreHead, scanLines } from '../../src/store/store-lines.js';
import { rng } from '../support/rng.js';

const dir = mkdtempSync(join(tmpdir(), 'news-lines-'));
function withFile<T>(name: string, text: string | Buffer, f: (fd: number) => T): T {
  const path = join(dir, name);
  writeFileSync(path, text);
  const fd = openSync(path, 'r');
  try {
    return f(fd);
  } finally {
    closeSync(fd);
  }
}

describe('scanLines', () => {
  it('finds every line holding the needle, across 1 MiB reads, as a plain split would', () => {
    const rand = rng(3).int;
    const lines: string[] = [];
    let size = 0;
    while (size < 5 * (1 << 20)) {
      // Mostly short lines, some longer than a read, some with the needle twice.
      const len = rand(20) === 0 ? (1 << 20) + rand(5000) : rand(3000);
      const body = 'é'.repeat(len >> 1) + 'x'.repeat(len & 1);
      const line = rand(4) === 0 ? `${body},"src":"A",${rand(2) ? ',"src":"A",' : ''}` : body;
      lines.push(line);
      size += Buffer.byteLength(line) + 1;
    }
    const text = `${lines.join('\n')}\nlast,"src":"A",`; // no newline at the end
    const expected: [string, number][] = [];
    let at = 0;
    for (const line of text.split('\n')) {
      if (line.includes(',"src":"A",')) expected.push([line, at]);
      at += Buffer.byteLength(line) + 1;
    }
    const got = withFile('lines.txt', text, (fd) => {
      const out: [string, number][] = [];
      scanLines(fd, 0, Buffer.from(',"src":"A",'), (line, at) => void out.push([line.toString('utf8'), at]));
      return out;
    });
    expect(got.length).toBe(expected.length);
    expect(got).toEqual(expected);
  });

  it('starts at a line offset and stops when asked', () => {
    const text = 'a1\nb1\na2\na3\n';
    const seen = withFile('stop.txt', text, (fd) => {
      const out: string[] = [];
      scanLines(fd, 3, Buffer.from('a'), (line) => {
        out.push(line.toString());
        return true;
      });
      return out;
    });
    expect(seen).toEqual(['a2']);
  });
});

describe('readStoreHead and parseHeadlineLine', () => {
  const V = Buffer.from('{"version":1,\n"feeds":');
  const A = Buffer.from(',\n"articles":[\n');
  it('reads the feed states and where the headlines start', () => {
    const text = '{"version":1,\n"feeds":{"u":{"title":"T"}},\n"articles":[\n{"slug":"s","feed":"u","key":"k"}\n]}\n';
    const top = withFile('head.json', text, (fd) => readStoreHead(fd, V, A));
    expect(top).toEqual({ head: { version: 1, feeds: { u: { title: 'T' } }, articles: [] }, articlesAt: text.indexOf('{"slug"'), articlesLine: 4 });
  });
  it('is null for another layout or version', () => {
    expect(withFile('pretty.json', '{\n  "version": 1,\n  "feeds": {},\n  "articles": []\n}', (fd) => readStoreHead(fd, V, A))).toBeNull();
    expect(withFile('v2.json', '{"version":2,\n"feeds":{},\n"articles":[\n]}', (fd) => readStoreHead(fd, V, A))).toBeNull();
  });
  it('parses headline lines, with or without the comma, and refuses others', () => {
    expect(parseHeadlineLine(Buffer.from('{"slug":"s","feed":"u","key":"k"},'))).toEqual({ slug: 's', feed: 'u', key: 'k' });
    expect(parseHeadlineLine(Buffer.from('{"slug":"s","feed":"u","key":"k"}'))).toEqual({ slug: 's', feed: 'u', key: 'k' });
    expect(parseHeadlineLine(Buffer.from('{"slug":"s"}'))).toBeNull();
    expect(parseHeadlineLine(Buffer.from('{"slug":'))).toBeNull();
  });
});

describe('bodiesByLine', () => {
  const B = Buffer.from('{"version":1,"feed":');
  const body = (t: string) => ({ summary: null, body: t, html: null, enclosures: [] });
  const file = Buffer.from(
    `{"version":1,"feed":"u","bodies":{\n"a":${JSON.stringify(body('A'))},\n"b \\"q\\"":${JSON.stringify(body('B'))},\n"c":${JSON.stringify(body('"c":{'))}\n}}\n`,
  );
  const find = (bytes: Buffer, keys: string[], windowSize?: number) => withFile('bodies.json', bytes, (fd) => bodiesByLine(fd, keys, B, windowSize));

  it('finds each key by its line, first and last included, whatever the key holds', () => {
    expect(JSON.parse(file.toString()).bodies).toEqual({ a: body('A'), 'b "q"': body('B'), c: body('"c":{') });
    expect(find(file, ['c', 'a', 'b "q"'])).toEqual({ a: body('A'), 'b "q"': body('B'), c: body('"c":{') });
  });

  it('is null when a key is missing or the file is laid out otherwise', () => {
    expect(find(file, ['a', 'zz'])).toBeNull();
    expect(find(Buffer.from(JSON.stringify(JSON.parse(file.toString()), null, 2)), ['a'])).toBeNull();
    expect(find(Buffer.from('{"version":2,"feed":"u","bodies":{\n"a":{}\n}}\n'), ['a'])).toBeNull();
    expect(find(Buffer.from('{"vers'), ['a'])).toBeNull();
  });

  it('finds the same lines through any window, a key cut at its edge or a line longer than it', () => {
    // Every window size from barely above the longest needle: each key's needle
    // falls across a window's edge for some of them.
    const keys = Array.from({ length: 12 }, (_, i) => `key-${i}-${'k'.repeat(i)}`);
    const bodies = Object.fromEntries(keys.map((k, i) => [k, body(`${k} `.repeat(i * 7))]));
    const bytes = Buffer.from(`{"version":1,"feed":"u","bodies":{\n${keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(bodies[k])}`).join(',\n')}\n}}\n`);
    for (let w = 64; w < 400; w += 7) expect(find(bytes, [keys[11]!, keys[0]!, keys[5]!], w), `window ${w}`).toEqual({ [keys[11]!]: bodies[keys[11]!], [keys[0]!]: bodies[keys[0]!], [keys[5]!]: bodies[keys[5]!] });
    expect(find(bytes, [keys[3]!], 16)).toBeNull(); // a window too small for the needle: the caller parses the file whole
  });
});

describe('readLineAt', () => {
  const long = 'x'.repeat(5000);
  const text = `first\nsecond line\n${long}\nlast, no newline`;
  const at = (s: string) => Buffer.from(text).indexOf(s);

  it('reads the line from an offset to its newline, however long', () => {
    withFile('lines.txt', text, (fd) => {
      expect(readLineAt(fd, 0)?.toString()).toBe('first');
      expect(readLineAt(fd, at('second'))?.toString()).toBe('second line');
      expect(readLineAt(fd, at('line'))?.toString()).toBe('line');
      expect(readLineAt(fd, at(long))?.toString()).toBe(long);
    });
  });

  it('with afterNewline, only from the start of a line', () => {
    withFile('lines.txt', text, (fd) => {
      expect(readLineAt(fd, at('second'), { afterNewline: true })?.toString()).toBe('second line');
      expect(readLineAt(fd, at('line'), { afterNewline: true })).toBeNull();
      expect(readLineAt(fd, 0, { afterNewline: true })).toBeNull();
    });
  });

  it('is null when no newline ends the line before the limit or the end of the file', () => {
    withFile('lines.txt', text, (fd) => {
      expect(readLineAt(fd, at('last'))).toBeNull();
      expect(readLineAt(fd, at('second'), { limit: at('second') + 6 })).toBeNull();
      expect(readLineAt(fd, at('second'), { limit: at('second') + 12 })?.toString()).toBe('second line');
      expect(readLineAt(fd, text.length + 10)).toBeNull();
    });
  });
});
