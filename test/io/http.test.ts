import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InterruptedError, UsageError } from '../../src/errors.js';
import { decodeBytes, parseContentType } from '../../src/io/charset.js';
import { retryAfterSeconds } from '../../src/io/http-errors.js';
import { deadPort, failure, startOrigin, text, UA } from './http-helpers.js';
import type { Origin } from './http-helpers.js';

let origin: Origin;
let routes: Origin['routes'];
let base = '';
let port = 0;
let get: Origin['get'];

beforeAll(async () => {
  origin = await startOrigin();
  ({ routes, base, port, get } = origin);
});

afterAll(() => origin.close());

describe('fetchBytes: success', () => {
  it('fetches a plain 200 with lower-case headers', async () => {
    const r = await get('/ok');
    expect(r.status).toBe(200);
    expect(text(r.bytes)).toBe('hello');
    expect(r.headers['x-thing']).toBe('yes');
    expect(r.url).toBe(`${base}/ok`);
    expect(r.redirects).toEqual([]);
  });

  it('sends user agent, accept, accept-encoding and caller headers', async () => {
    const r = await get('/echo', { accept: 'application/rss+xml', headers: { 'If-None-Match': '"abc"' } });
    const h = JSON.parse(text(r.bytes)) as Record<string, string>;
    expect(h['user-agent']).toBe(UA);
    expect(h.accept).toBe('application/rss+xml');
    expect(h['accept-encoding']).toBe('gzip, deflate, br');
    expect(h['if-none-match']).toBe('"abc"');
  });

  it('returns 304 as a result with no bytes', async () => {
    routes.set('/304', (_req, res) => res.writeHead(304, { ETag: '"abc"' }).end());
    const r = await get('/304', { headers: { 'If-None-Match': '"abc"' } });
    expect(r.status).toBe(304);
    expect(r.bytes.length).toBe(0);
    expect(r.headers.etag).toBe('"abc"');
  });

  it('decodes gzip, deflate (zlib and raw) and br bodies', async () => {
    const body = 'ünïcode '.repeat(5000);
    const encoded: Record<string, Buffer> = {
      gzip: zlib.gzipSync(body),
      deflate: zlib.deflateSync(body),
      'deflate-raw': zlib.deflateRawSync(body),
      br: zlib.brotliCompressSync(body),
    };
    for (const [name, data] of Object.entries(encoded)) {
      routes.set(`/enc-${name}`, (_req, res) => res.writeHead(200, { 'Content-Encoding': name.replace('-raw', '') }).end(data));
      expect(text((await get(`/enc-${name}`)).bytes), name).toBe(body);
    }
  });

  it('reads the charset from the Content-Type header', async () => {
    routes.set('/latin1', (_req, res) =>
      res
        .writeHead(200, { 'Content-Type': 'application/rss+xml; charset=ISO-8859-1' })
        .end(Buffer.from([0x3c, 0x61, 0x3e, 0xe9, 0x93, 0x80, 0x94, 0x3c, 0x2f, 0x61, 0x3e])),
    );
    const r = await get('/latin1');
    const { mediaType, charset } = parseContentType(r.headers['content-type'] ?? null);
    expect(mediaType).toBe('application/rss+xml');
    expect(decodeBytes(r.bytes, charset)).toEqual({ text: '<a>é“€”</a>', charset: 'windows-1252' });
  });

  it('finishes a slow but progressing response', async () => {
    routes.set('/slow', (_req, res) => {
      res.writeHead(200);
      let n = 0;
      const tick = setInterval(() => {
        res.write(`chunk${n} `);
        if (++n === 5) {
          clearInterval(tick);
          res.end();
        }
      }, 30);
    });
    const r = await get('/slow', { timeoutMs: 1000 });
    expect(text(r.bytes)).toBe('chunk0 chunk1 chunk2 chunk3 chunk4 ');
  });
});

describe('fetchBytes: redirects', () => {
  it('follows a chain of redirects and records them', async () => {
    routes.set('/r1', (_req, res) => res.writeHead(301, { Location: `${base}/r2` }).end());
    routes.set('/r2', (_req, res) => res.writeHead(302, { Location: '/r3#frag' }).end());
    routes.set('/r3', (_req, res) => res.writeHead(308, { Location: 'ok' }).end());
    const r = await get('/r1');
    expect(text(r.bytes)).toBe('hello');
    expect(r.url).toBe(`${base}/ok`);
    expect(r.redirects).toEqual([
      { status: 301, from: `${base}/r1`, to: `${base}/r2` },
      { status: 302, from: `${base}/r2`, to: `${base}/r3` },
      { status: 308, from: `${base}/r3`, to: `${base}/ok` },
    ]);
  });

  it('reports a redirect loop', async () => {
    routes.set('/loop-a', (_req, res) => res.writeHead(302, { Location: '/loop-b' }).end());
    routes.set('/loop-b', (_req, res) => res.writeHead(307, { Location: '/loop-a' }).end());
    const e = await failure(get('/loop-a'));
    expect(e.message).toBe(`redirect loop back to ${base}/loop-a (${base}/loop-a, redirected to ${base}/loop-b)`);
  });

  it('stops after maxRedirects', async () => {
    routes.set('/many', (req, res) => {
      const n = Number(new URL(req.url ?? '', base).searchParams.get('n') ?? 0);
      res.writeHead(301, { Location: `/many?n=${n + 1}` }).end();
    });
    const e = await failure(get('/many', { maxRedirects: 3 }));
    expect(e.message).toBe(`too many redirects (more than 3) (${base}/many, redirected to ${base}/many?n=3)`);
  });

  it('refuses a redirect to a non-http scheme', async () => {
    routes.set('/to-ftp', (_req, res) => res.writeHead(301, { Location: 'ftp://files.example/feed' }).end());
    const e = await failure(get('/to-ftp'));
    expect(e.message).toBe(`redirect to unsupported scheme "ftp:" (ftp://files.example/feed) (${base}/to-ftp)`);
  });

  it('does not carry credentials to another origin', async () => {
    routes.set('/auth-hop', (_req, res) => res.writeHead(302, { Location: `http://localhost:${port}/echo` }).end());
    const r = await get(`http://user:secret@127.0.0.1:${port}/auth-hop`, { headers: { Cookie: 'a=b' } });
    const h = JSON.parse(text(r.bytes)) as Record<string, string>;
    expect(h.authorization).toBeUndefined();
    expect(h.cookie).toBeUndefined();
  });
});

describe('fetchBytes: limits and timeouts', () => {
  it('stops a gzip bomb at maxBytes with bounded memory', async () => {
    // Concatenated gzip members are one valid stream: 200 x 1 MiB of zeros in ~200 KB.
    const member = zlib.gzipSync(Buffer.alloc(1 << 20));
    const bomb = Buffer.concat(Array.from({ length: 200 }, () => member));
    routes.set('/bomb', (_req, res) => res.writeHead(200, { 'Content-Encoding': 'gzip' }).end(bomb));
    const rssBefore = process.resourceUsage().maxRSS;
    const started = performance.now();
    const e = await failure(get('/bomb', { maxBytes: 1 << 20 }));
    expect(e.message).toBe(`response body larger than 1 MiB (${base}/bomb)`);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(process.resourceUsage().maxRSS - rssBefore).toBeLessThan(64 * 1024); // KiB
  });

  it('rejects an oversized plain body, with or without Content-Length', async () => {
    const big = Buffer.alloc(300 * 1024, 0x61);
    routes.set('/big', (_req, res) => res.writeHead(200, { 'Content-Length': big.length }).end(big));
    routes.set('/big-chunked', (_req, res) => {
      res.writeHead(200);
      res.write(big.subarray(0, 150 * 1024));
      res.end(big.subarray(150 * 1024));
    });
    expect((await failure(get('/big', { maxBytes: 200 * 1024 }))).message).toBe(
      `response body larger than 200 KiB (${base}/big)`,
    );
    expect((await failure(get('/big-chunked', { maxBytes: 200 * 1024 }))).message).toBe(
      `response body larger than 200 KiB (${base}/big-chunked)`,
    );
  });

  it('times out a stalled body', async () => {
    routes.set('/stall', (_req, res) => {
      res.writeHead(200);
      res.write('partial');
    });
    const started = performance.now();
    const e = await failure(get('/stall', { timeoutMs: 300 }));
    expect(e.message).toBe(`timed out after 0.3 s (${base}/stall)`);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('times out a server that never answers', async () => {
    routes.set('/silent', () => undefined);
    const e = await failure(get('/silent', { timeoutMs: 200 }));
    expect(e.message).toBe(`timed out after 0.2 s (${base}/silent)`);
  });

  it('turns the caller aborting into InterruptedError', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(get('/stall', { signal: controller.signal })).rejects.toBeInstanceOf(InterruptedError);
  });
});

describe('fetchBytes: HTTP errors', () => {
  it('reports 404, 410, 429 with Retry-After, 500 and 503', async () => {
    routes.set('/gone', (_req, res) => res.writeHead(410).end());
    routes.set('/busy', (_req, res) => res.writeHead(429, { 'Retry-After': '120' }).end());
    routes.set('/boom', (_req, res) => res.writeHead(500).end('stack trace here'));
    routes.set('/down', (_req, res) => res.writeHead(503, { 'Retry-After': 'soon' }).end());

    const notFound = await failure(get('/missing'));
    expect(notFound.message).toBe(`HTTP 404 not found (${base}/missing)`);
    expect(notFound.status).toBe(404);
    expect((await failure(get('/gone'))).message).toBe(`HTTP 410 gone (${base}/gone)`);
    const busy = await failure(get('/busy'));
    expect(busy.message).toBe(`HTTP 429 rate limited; retry after 120 s (${base}/busy)`);
    expect(busy.retryAfter).toBe('120');
    expect(busy.status).toBe(429);
    expect((await failure(get('/boom'))).message).toBe(`HTTP 500 internal server error (${base}/boom)`);
    const down = await failure(get('/down'));
    expect(down.message).toBe(`HTTP 503 service unavailable (${base}/down)`);
    expect(down.retryAfter).toBe('soon');
  });

  it('parses Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2024-01-01T00:00:00Z');
    expect(retryAfterSeconds('120', now)).toBe(120);
    expect(retryAfterSeconds('Mon, 01 Jan 2024 00:02:00 GMT', now)).toBe(120);
    expect(retryAfterSeconds('tomorrow', now)).toBeNull();
  });

  it('sends URL credentials as Basic auth and never shows them', async () => {
    routes.set('/private', (req, res) => {
      const ok = req.headers.authorization === `Basic ${Buffer.from('user:p@ss word').toString('base64')}`;
      res.writeHead(ok ? 200 : 401).end(ok ? 'secret feed' : '');
    });
    const r = await get(`http://user:p%40ss%20word@127.0.0.1:${port}/private`);
    expect(text(r.bytes)).toBe('secret feed');
    const e = await failure(get(`http://user:wrong@127.0.0.1:${port}/private`));
    expect(e.message).toBe(`HTTP 401 unauthorized (http://***@127.0.0.1:${port}/private)`);
    expect(e.url).toBe(`http://***@127.0.0.1:${port}/private`);
  });

  it('reports a refused connection', async () => {
    const dead = await deadPort();
    const e = await failure(get(`http://127.0.0.1:${dead}/feed`));
    expect(e.message).toBe(`connection refused by 127.0.0.1:${dead} (http://127.0.0.1:${dead}/feed)`);
  });

  it('reports an unresolvable host', async () => {
    const e = await failure(get('https://example.invalid/feed'));
    expect(e.message).toBe('could not resolve host example.invalid (https://example.invalid/feed)');
  });

  it('rejects unsupported schemes and invalid URLs', async () => {
    expect((await failure(get('ftp://u:pw@files.example/feed'))).message).toBe(
      'unsupported URL scheme "ftp:" (only http and https) (ftp://***@files.example/feed)',
    );
    expect((await failure(get('http://exa mple.com/'))).message).toBe('not a valid URL (http://exa mple.com/)');
  });
});

describe('fetchBytes: broken responses', () => {
  it('reports bodies that do not decompress and unknown encodings', async () => {
    routes.set('/bad-gzip', (_req, res) => res.writeHead(200, { 'Content-Encoding': 'gzip' }).end('not gzip at all'));
    routes.set('/zstd', (_req, res) => res.writeHead(200, { 'Content-Encoding': 'zstd' }).end('x'));
    expect((await failure(get('/bad-gzip'))).message).toBe(
      `could not decompress the gzip response body: incorrect header check (${base}/bad-gzip)`,
    );
    expect((await failure(get('/zstd'))).message).toBe(`unsupported content encoding "zstd" (${base}/zstd)`);
  });

  it('keeps what arrived of a truncated gzip body, as browsers do', async () => {
    const gz = zlib.gzipSync('hello world '.repeat(1000));
    routes.set('/trunc', (_req, res) => res.writeHead(200, { 'Content-Encoding': 'gzip' }).end(gz.subarray(0, -20)));
    expect(text((await get('/trunc')).bytes)).toMatch(/^(hello world )+/);
  });

  it('reports a connection cut mid-body', async () => {
    routes.set('/cut', (_req, res) => {
      res.writeHead(200, { 'Content-Length': 100 });
      res.write('abc');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    expect((await failure(get('/cut'))).message).toBe(
      `connection to 127.0.0.1:${port} closed before the response was complete (${base}/cut)`,
    );
  });

  it('rejects bad option values as usage errors', async () => {
    await expect(get('/ok', { timeoutMs: 0 })).rejects.toBeInstanceOf(UsageError);
    await expect(get('/ok', { timeoutMs: 0 })).rejects.toThrow('timeoutMs must be a number of at least 1, not 0');
    await expect(get('/ok', { maxRedirects: -1 })).rejects.toThrow(/^maxRedirects must be/);
  });
});
