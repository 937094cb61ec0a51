import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { finishArticles } from '../../src/core/articles.js';
import { DataError } from '../../src/errors.js';
import { toJsonObject } from '../../src/render/json.js';
import { parseStoreText } from '../../src/store/json-store.js';

const parse = (value: unknown) => parseStoreText(JSON.stringify(value), 'store.json');

describe('parseStoreText', () => {
  it('reads an array or {"articles": [...]}', () => {
    expect(parse([{ title: 'A' }]).drafts).toHaveLength(1);
    expect(parse({ articles: [{ title: 'A' }, { title: 'B' }] }).drafts).toHaveLength(2);
  });

  it('skips invalid records with a warning naming file and index, keeps the rest', () => {
    const { drafts, warnings } = parse([{ title: 'ok' }, 42, null, ['x'], { title: 7 }, { body: 'no title' }, { title: '  ' }]);
    expect(drafts.map((d) => d.title)).toEqual(['ok']);
    expect(warnings).toEqual([
      'store.json: record 1 skipped: not an object',
      'store.json: record 2 skipped: not an object',
      'store.json: record 3 skipped: not an object',
      'store.json: record 4 skipped: no title',
      'store.json: record 5 skipped: no title',
      'store.json: record 6 skipped: no title',
    ]);
  });

  it('is lenient where no harm is done', () => {
    const { drafts, warnings } = parse([
      { title: 'T', id: 12345, categories: ['Tech', 'Science'], publishedAt: 'Mon, 09 Jun 2025 10:44:00 GMT', updatedAt: 'soon' },
    ]);
    const d = drafts[0]!;
    expect(d.id).toBe('12345');
    expect(d.category).toBe('Tech');
    expect(d.publishedAt).toBe(Date.parse('2025-06-09T10:44:00Z'));
    expect(d.updatedAt).toBeNull();
    expect(warnings).toEqual(['store.json: record 0 ("T"): updatedAt "soon" is not a date; shown as undated']);
  });

  it('renders HTML bodies to text and keeps sanitized HTML', () => {
    const d = parse([{ title: 'T', body: '<p>One <a href="https://x.test/">link</a></p><script>alert(1)</script><p>Two</p>' }]).drafts[0]!;
    expect(d.body).toBe('One link\n\nTwo');
    expect(d.html).not.toContain('script');
  });

  it('keeps plain bodies as text', () => {
    const d = parse([{ title: 'T', body: 'Para one.\r\n\r\n\r\nPara two & 5 < 6.' }]).drafts[0]!;
    expect(d.body).toBe('Para one.\n\nPara two & 5 < 6.');
    expect(d.html).toBeNull();
  });

  it('drops non-http links', () => {
    expect(parse([{ title: 'T', url: 'javascript:alert(1)' }]).drafts[0]!.url).toBeNull();
  });

  it('reads a raw control character inside a body as a big store does, and refuses one anywhere else', () => {
    const d = parseStoreText('{"articles":[{"title":"a","body":"x\u0001y"}]}', 'x.json').drafts[0]!;
    expect([d.title, d.body]).toEqual(['a', 'x\u0001y']);
    expect(() => parseStoreText('{"articles":[{"title":"a\u0001"}]}', 'x.json')).toThrowError(/x\.json: not valid JSON at line 1, column/);
  });

  it('names line and column of a JSON syntax error', () => {
    expect(() => parseStoreText('[\n  {"title": "a"},\n  {"title": tru}\n]', 'bad.json')).toThrowError(
      new DataError('bad.json: not valid JSON at line 3, column 13'),
    );
    expect(() => parseStoreText('[{"title": "a"},]', 'bad.json')).toThrowError(/line 1, column 17/);
    expect(() => parseStoreText('', 'empty.json')).toThrowError(/line 1, column 1/);
  });

  it('rejects JSON that is not a store', () => {
    expect(() => parse({ items: [] })).toThrowError(/not a news store/);
  });
});

describe('the bundled sample store', () => {
  const text = readFileSync(new URL('../../fixtures/sample-store.json', import.meta.url), 'utf8');
  const { drafts, warnings } = parseStoreText(text, 'sample-store.json');
  const articles = finishArticles(drafts);

  it('reads without warnings and has at least 25 articles', () => {
    expect(warnings).toEqual([]);
    expect(articles.length).toBeGreaterThanOrEqual(25);
  });

  it('holds the seed article as transcribed', () => {
    const seed = articles.find((a) => a.slug === 'russia-anticipates-jinping-visit-in-the-days-to-come');
    expect(toJsonObject(seed!)).toMatchObject({
      title: 'Russia anticipates Jinping visit in the days to come',
      category: 'World',
      author: 'Parijat Tripathi',
    });
    expect(seed!.body).toContain('Mao Ning, the spokesperson for China’s Ministry of Foreign Affairs');
    expect(seed!.publishedAt).toBeLessThan(Date.parse('2023-06-01T00:00:00Z'));
  });
});

// Files reach parseStoreBytes (bodies decoded only when read) before
// parseStoreText; both must give the same articles and the same warnings.
describe('parseStoreBytes', () => {
  const articlesOf = (drafts: ReturnType<typeof parseStoreText>['drafts']) => finishArticles(drafts).map((a) => toJsonObject(a));
  it.each(['sample-store.json', 'stores/messy.json', 'stores/duplicates.json', 'stores/control-chars.json'])(
    'reads %s exactly as the whole-text parser does',
    async (name) => {
      const { parseStoreBytes } = await import('../../src/store/json-store.js');
      const bytes = readFileSync(`fixtures/${name}`);
      const fast = parseStoreBytes(bytes, 'x.json');
      expect(fast, 'the fast path applies').not.toBeNull();
      const whole = parseStoreText(bytes.toString('utf8'), 'x.json');
      expect(fast!.warnings).toEqual(whole.warnings);
      expect(articlesOf(fast!.drafts)).toEqual(articlesOf(whole.drafts));
    },
  );

  it('is null for bytes that are no store, which the text parser then reports', async () => {
    const { parseStoreBytes } = await import('../../src/store/json-store.js');
    expect(parseStoreBytes(Buffer.from('{"items":[{"title":"a"}]}'), 'x.json')).toBeNull();
    expect(parseStoreBytes(Buffer.from('[{"title":"a"},]'), 'x.json')).toBeNull();
  });

  it('reads a record past its head only when asked, and keeps what is written to it', async () => {
    const { parseStoreBytes } = await import('../../src/store/json-store.js');
    const bytes = Buffer.from('[{"title":"a","author":"A","categories":["x"],"body":"b"},{"title":"c","id":{"x":1},"url":"https://e.example/c"}]');
    const { drafts, warnings } = parseStoreBytes(bytes, 'x.json')!;
    expect(warnings).toEqual(['x.json: record 1 ("c"): id is neither a string nor a number; ignored']);
    expect(drafts[1]!.id).toBe('https://e.example/c'); // the url stands in, as toDraft says
    const [a] = drafts;
    expect([a!.author, a!.categories, a!.body]).toEqual(['A', ['x'], 'b']);
    a!.body = 'full text';
    a!.author = null;
    expect([a!.body, a!.author, a!.title]).toEqual(['full text', null, 'a']);
  });

  it('names the record whose body has a broken escape when the body is read', async () => {
    const { parseStoreBytes } = await import('../../src/store/json-store.js');
    const [draft] = parseStoreBytes(Buffer.from('[{"title":"a"},{"title":"b","body":"bad \\\\q \\x"}]'), 'x.json')!.drafts.slice(1);
    expect(draft!.title).toBe('b');
    expect(() => draft!.body).toThrow(new DataError('x.json: record 1: its body is not a valid JSON string (a broken escape)'));
  });
});

// A big bare array is scanned from the file a window at a time
// (parseStoreFile); records are read again from it when read past their head.
describe('parseStoreFile', () => {
  const withFile = async (text: string, test: (path: string) => Promise<void> | void) => {
    const dir = mkdtempSync(join(tmpdir(), 'news-store-file-'));
    try {
      const path = join(dir, 'store.json');
      writeFileSync(path, text);
      await test(path);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  const articlesOf = (drafts: ReturnType<typeof parseStoreText>['drafts']) => finishArticles(drafts).map((a) => toJsonObject(a));

  it.each(['sample-store.json', 'stores/messy.json', 'stores/duplicates.json', 'stores/control-chars.json'])(
    'reads %s, as a bare array, exactly as the whole-text parser does',
    async (name) => {
      const { parseStoreFile } = await import('../../src/store/json-store.js');
      const data = JSON.parse(readFileSync(`fixtures/${name}`, 'utf8')) as unknown;
      const text = JSON.stringify(Array.isArray(data) ? data : (data as { articles: unknown[] }).articles, null, 1);
      await withFile(text, (path) => {
        const fromFile = parseStoreFile(path, 'x.json');
        expect(fromFile, 'the file path applies').not.toBeNull();
        const whole = parseStoreText(text, 'x.json');
        expect(fromFile!.warnings).toEqual(whole.warnings);
        expect(articlesOf(fromFile!.drafts)).toEqual(articlesOf(whole.drafts));
      });
    },
  );

  it('reads every record again from the file, past the first thousands from one whole read', async () => {
    const { parseStoreFile } = await import('../../src/store/json-store.js');
    const records = Array.from({ length: 2500 }, (_, i) => ({ title: `t${i}`, author: `a${i}`, body: `b${i} é` }));
    await withFile(JSON.stringify(records), (path) => {
      const { drafts } = parseStoreFile(path, 'x.json')!;
      expect(drafts.map((d) => [d.author, d.body])).toEqual(records.map((r) => [r.author, r.body]));
    });
  });

  it('says so when the file changed before a record was read again', async () => {
    const { parseStoreFile } = await import('../../src/store/json-store.js');
    await withFile('[{"title":"a","author":"A"}]', (path) => {
      const [draft] = parseStoreFile(path, 'x.json')!.drafts;
      appendFileSync(path, ' ');
      expect(() => draft!.author).toThrow(new DataError('x.json: changed while it was being read; run the command again'));
    });
  });

  it('is null for a file that is not a bare array, not JSON, or not there', async () => {
    const { parseStoreFile } = await import('../../src/store/json-store.js');
    await withFile('{"articles":[]}', (path) => expect(parseStoreFile(path, 'x.json')).toBeNull());
    await withFile('[{"title":"a"},]', (path) => expect(parseStoreFile(path, 'x.json')).toBeNull());
    expect(parseStoreFile('/nonexistent/store.json', 'x.json')).toBeNull();
  });
});

describe('streamStoreBytes', () => {
  const stream = async (text: string) => {
    const { streamStoreBytes } = await import('../../src/store/json-store.js');
    const bytes = Buffer.from(text);
    const warnings: string[] = [];
    const at = bytes.indexOf('[');
    const articles = streamStoreBytes(bytes, at, 'x.json', (m) => warnings.push(m));
    return { articles, warnings };
  };
  const whole = (text: string) => {
    const parsed = parseStoreText(text, 'x.json');
    return { articles: finishArticles(parsed.drafts).map((a) => toJsonObject(a)), warnings: parsed.warnings };
  };

  it('gives the articles, slugs, order and warnings of the whole-store path, one record at a time', async () => {
    for (const name of ['sample-store.json', 'stores/messy.json']) {
      // Both are {"articles": [...]}; only a bare array streams.
      const text = JSON.stringify((JSON.parse(readFileSync(`fixtures/${name}`, 'utf8')) as { articles: unknown[] }).articles, null, 1);
      const { articles, warnings } = await stream(text);
      expect(articles, `${name} streams`).not.toBeNull();
      const got = [...articles!].map((a) => toJsonObject(a));
      expect({ articles: got, warnings }).toEqual(whole(text));
    }
    // Titles whose derived slugs collide, records that are skipped, others that are no object.
    const text = JSON.stringify([{ title: 'Same' }, 'x', { title: 'Same' }, { body: 'no title' }, { title: 'Same 2' }, { title: 'Same', id: 7 }]);
    const { articles, warnings } = await stream(text);
    expect({ articles: [...articles!].map((a) => toJsonObject(a)), warnings }).toEqual(whole(text));
  });

  it('agrees with the whole-store path on a heavy key repeated with a value that is not a string', async () => {
    const text = '[{"title":"a","body":"x","body":5,"html":"<p>h</p>","summary":"s","summary":null}]';
    const { articles } = await stream(text);
    const streamed = [...articles!].map((a) => toJsonObject(a));
    expect(streamed).toEqual(whole(text).articles);
    expect([streamed[0]!.body, streamed[0]!.summary, streamed[0]!.html]).toEqual([null, null, '<p>h</p>']);
  });

  it('yields each record before reading the next', async () => {
    const { articles } = await stream('[{"title":"one"},{"title":"two"}, this is not JSON');
    const it = articles![Symbol.iterator]();
    expect(it.next().value.title).toBe('one');
    expect(it.next().value.title).toBe('two');
    expect(() => it.next()).toThrow(new DataError('x.json: not valid JSON at line 1, column 35'));
  });

  it('declines a store that names slugs of its own, however spelled', async () => {
    expect((await stream('[{"title":"a","slug":"b"}]')).articles).toBeNull();
    expect((await stream('[{"title":"a","\\u0073lug":"b"}]')).articles).toBeNull();
    expect((await stream('[{"title":"a","sl\\u0075g":"b"}]')).articles).toBeNull();
    expect((await stream('[{"title":"caf\\u00e9"}]')).articles).not.toBeNull();
  });

  it('names a broken escape in a body when it is read, as the whole-store path does', async () => {
    const [, b] = [...(await stream('[{"title":"a"},{"title":"b","body":"bad \\\\q \\x"}]')).articles!];
    expect(() => b!.body).toThrow(new DataError('x.json: record 1: its body is not a valid JSON string (a broken escape)'));
  });
});
