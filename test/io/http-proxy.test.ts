import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { bypassesProxy, proxyFor } from '../../src/io/http-proxy.js';
import { close, deadPort, failure, listen, startOrigin, startProxy, text } from './http-helpers.js';
import type { Origin, Proxy } from './http-helpers.js';

let origin: Origin;
let proxy: Proxy;
let base = '';
let port = 0;
let get: Origin['get'];

beforeAll(async () => {
  origin = await startOrigin();
  ({ base, port, get } = origin);
  proxy = await startProxy();
});

afterAll(async () => {
  await origin.close();
  await proxy.close();
});

describe('fetchBytes: proxies', () => {
  it('sends http URLs through HTTP_PROXY in absolute form', async () => {
    proxy.log.length = 0;
    const r = await get(`http://user:pw@127.0.0.1:${port}/echo`, { env: { HTTP_PROXY: proxy.url } });
    expect(proxy.log).toEqual([`GET http://127.0.0.1:${port}/echo`]);
    const h = JSON.parse(text(r.bytes)) as Record<string, string>;
    expect(h.host).toBe(`127.0.0.1:${port}`);
    expect(h.authorization).toBe(`Basic ${Buffer.from('user:pw').toString('base64')}`);
  });

  it('bypasses the proxy for NO_PROXY hosts and ignores HTTPS_PROXY for http', async () => {
    proxy.log.length = 0;
    await get('/ok', { env: { http_proxy: proxy.url, no_proxy: 'example.com, 127.0.0.1' } });
    await get('/ok', { env: { HTTPS_PROXY: proxy.url } });
    expect(proxy.log).toEqual([]);
  });

  it('reports a dead proxy as the proxy', async () => {
    const dead = await deadPort();
    const e = await failure(get('/ok', { env: { http_proxy: `127.0.0.1:${dead}` } }));
    expect(e.message).toBe(`connection refused by proxy 127.0.0.1:${dead} (${base}/ok)`);
  });

  it('rejects a proxy variable it cannot use', async () => {
    await expect(get('/ok', { env: { http_proxy: 'socks5://u:secret@proxy:1080' } })).rejects.toThrow(
      new UsageError('unsupported proxy scheme "socks5:" in http_proxy: socks5://***@proxy:1080 (use an http:// proxy)'),
    );
  });

  it('tunnels https through CONNECT and does TLS with the right server name', async () => {
    let pem: { key: Buffer; cert: Buffer };
    const dir = mkdtempSync(join(tmpdir(), 'news-tls-'));
    try {
      execFileSync('openssl', [
        'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
        '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '2', '-subj', '/CN=localhost',
      ], { stdio: 'ignore' });
      pem = { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
    } catch {
      return; // no openssl here: nothing to serve TLS with
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const names: (string | undefined)[] = [];
    const tlsServer = https.createServer({ ...pem, SNICallback: (name, cb) => (names.push(name), cb(null)) }, (_req, res) =>
      res.end('tls'),
    );
    const tlsPort = await listen(tlsServer);
    try {
      proxy.log.length = 0;
      const e = await failure(get(`https://localhost:${tlsPort}/feed`, { env: { https_proxy: proxy.url } }));
      // The test certificate is self-signed, so getting this far means the tunnel worked.
      expect(e.message).toMatch(new RegExp(`^TLS error with localhost:${tlsPort}: .*certificate.* \\(https://localhost:${tlsPort}/feed\\)$`));
      expect(proxy.log).toEqual([`CONNECT localhost:${tlsPort}`]);
      expect(names).toEqual(['localhost']);
    } finally {
      await close(tlsServer);
    }
  });

  it('matches NO_PROXY entries', () => {
    const u = (s: string) => new URL(s);
    expect(bypassesProxy(u('http://feeds.example.com/x'), 'example.com')).toBe(true);
    expect(bypassesProxy(u('http://example.com/x'), '.example.com')).toBe(true);
    expect(bypassesProxy(u('http://a.example.com/x'), '*.example.com')).toBe(true);
    expect(bypassesProxy(u('http://notexample.com/x'), 'example.com')).toBe(false);
    expect(bypassesProxy(u('http://anything/x'), '*')).toBe(true);
    expect(bypassesProxy(u('http://example.com:8080/x'), 'example.com:8080')).toBe(true);
    expect(bypassesProxy(u('http://example.com/x'), 'example.com:8080')).toBe(false);
    expect(bypassesProxy(u('http://10.1.2.3/x'), '10.0.0.0/8')).toBe(true);
    expect(bypassesProxy(u('http://11.1.2.3/x'), '10.0.0.0/8')).toBe(false);
    expect(bypassesProxy(u('http://[::1]:80/x'), '::1')).toBe(true);
    expect(bypassesProxy(u('http://[::1]:8080/x'), '[::1]:8080')).toBe(true);
    expect(proxyFor(u('https://example.com/'), { HTTPS_PROXY: 'proxy:3128' })?.href).toBe('http://proxy:3128/');
    expect(proxyFor(u('https://example.com/'), {})).toBeNull();
    expect(proxyFor(u('https://example.com/'), undefined)).toBeNull();
  });
});
