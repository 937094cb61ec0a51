// The HTTP client for feeds. Built on node:http(s) rather than fetch because fetch
// follows 20 redirects silently, inflates without a size limit and lets a stalled body
// hang until aborted; here every one of those is bounded and reported in one line.

import http from 'node:http';
import type { IncomingMessage } from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import { InterruptedError, NewsError, UsageError } from '../errors.js';
import { BodyTooLarge, DecodeFailed, readBody, UnsupportedEncoding } from './http-body.js';
import { fetchError, networkError, statusError, timeoutError, tooLargeError } from './http-errors.js';
import type { Endpoint, Where } from './http-errors.js';
import { defaultPort, openTunnel, proxyAuthorization, proxyFor, TunnelRefused, unbracket } from './http-proxy.js';
import type { Env } from './http-proxy.js';
import { basicAuthFromUrl, redactUrl } from './redact-url.js';

export { redactUrl, stripUserinfo } from './redact-url.js';

export interface FetchOptions {
  /** Whole request: connect, headers, every redirect and a stalled body. Default 20000. */
  timeoutMs?: number;
  /** Cap on the decoded body (and on the raw one). Default 20 MiB. */
  maxBytes?: number;
  /** Default 10. */
  maxRedirects?: number;
  /** Extra request headers, e.g. If-None-Match; they win over the defaults. */
  headers?: Record<string, string>;
  userAgent: string;
  /** Default `*\/*`. */
  accept?: string;
  /** The caller's cancel (Ctrl-C); aborting rejects with InterruptedError. */
  signal?: AbortSignal;
  /** Where proxy variables are read from; without it there is no proxy. */
  env?: Env;
}

export interface FetchResult {
  /** Final URL after redirects (with any userinfo the request carried: redact before printing). */
  url: string;
  status: number;
  /** Lower-case names; repeated headers joined with `, `. */
  headers: Record<string, string>;
  bytes: Uint8Array;
  /** Every hop followed, in order; like `url`, these keep userinfo. */
  redirects: { status: number; from: string; to: string }[];
}

export const DEFAULT_TIMEOUT_MS = 20_000;
export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
export const DEFAULT_MAX_REDIRECTS = 10;

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
// Sent by the caller for one origin; a redirect elsewhere must not carry them along.
const ORIGIN_BOUND_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];

export async function fetchBytes(url: string, options: FetchOptions): Promise<FetchResult> {
  const timeoutMs = checkLimit('timeoutMs', options.timeoutMs ?? DEFAULT_TIMEOUT_MS, 1);
  const maxBytes = checkLimit('maxBytes', options.maxBytes ?? DEFAULT_MAX_BYTES, 1);
  const maxRedirects = checkLimit('maxRedirects', options.maxRedirects ?? DEFAULT_MAX_REDIRECTS, 0);
  const where: Where = { url };
  const interrupted = (): InterruptedError => new InterruptedError(`fetch interrupted (${redactUrl(url)})`);
  if (options.signal?.aborted) throw interrupted();

  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onCallerAbort = (): void => controller.abort();
  options.signal?.addEventListener('abort', onCallerAbort, { once: true });
  const signal = controller.signal;

  let endpoint: Endpoint | null = null;
  const cleanups: (() => void)[] = [];
  try {
    let target = parseTarget(url, where);
    const visited = new Set([target.href]);
    const redirects: FetchResult['redirects'] = [];
    let callerHeaders = lowerKeys(options.headers ?? {});
    for (;;) {
      where.current = target.href;
      const proxy = proxyFor(target, options.env);
      endpoint = proxy
        ? { host: unbracket(proxy.hostname), port: defaultPort(proxy), proxy: true }
        : { host: unbracket(target.hostname), port: defaultPort(target), proxy: false };
      const headers: Record<string, string> = {
        'user-agent': options.userAgent,
        accept: options.accept ?? '*/*',
        'accept-encoding': 'gzip, deflate, br',
        ...authHeader(target),
        ...callerHeaders,
      };
      const res = await send(target, headers, proxy, options.userAgent, signal, cleanups, (e) => (endpoint = e));
      const status = res.statusCode ?? 0;
      const location = res.headers.location;

      if (REDIRECTS.has(status) && location) {
        res.destroy();
        const next = resolveRedirect(location, target, where);
        redirects.push({ status, from: target.href, to: next.href });
        if (visited.has(next.href)) throw fetchError(`redirect loop back to ${redactUrl(next.href)}`, where);
        if (redirects.length > maxRedirects) throw fetchError(`too many redirects (more than ${maxRedirects})`, where);
        visited.add(next.href);
        if (next.origin !== target.origin) callerHeaders = without(callerHeaders, ORIGIN_BOUND_HEADERS);
        target = next;
        continue;
      }

      const result = { url: target.href, status, headers: flattenHeaders(res.headers), redirects };
      if (status === 304) {
        // A 304 has no body (the parser reads none): consuming the empty one
        // hands the connection back for the next request to this host, where
        // destroy() made every revalidation open a new one.
        res.resume();
        return { ...result, bytes: new Uint8Array(0) };
      }
      if (status < 200 || status >= 300) {
        res.destroy();
        if (REDIRECTS.has(status)) throw fetchError(`HTTP ${status} redirect without a Location header`, where, { status });
        throw statusError(status, result.headers['retry-after'] ?? null, where);
      }
      return { ...result, bytes: await readBody(res, maxBytes, signal) };
    }
  } catch (err) {
    // Whatever is still open (a tunnel, a half-read body) dies with the request.
    controller.abort();
    if (timedOut) throw timeoutError(timeoutMs, where);
    if (options.signal?.aborted) throw interrupted();
    if (err instanceof NewsError) throw err;
    if (err instanceof BodyTooLarge) throw tooLargeError(maxBytes, where);
    if (err instanceof UnsupportedEncoding || err instanceof DecodeFailed) throw fetchError(err.message, where, { cause: err });
    if (err instanceof TunnelRefused && endpoint) {
      throw fetchError(`proxy ${endpoint.host}:${endpoint.port} refused the tunnel: HTTP ${err.status}`, where, { cause: err });
    }
    throw networkError(err, endpoint ?? { host: '?', port: '?', proxy: false }, where);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onCallerAbort);
    // Tunnels belong to no agent, so nothing else would ever close them.
    for (const cleanup of cleanups) cleanup();
  }
}

function checkLimit(name: string, value: number, min: number): number {
  if (!Number.isFinite(value) || value < min) throw new UsageError(`${name} must be a number of at least ${min}, not ${value}`);
  return value;
}

function parseTarget(raw: string, where: Where): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw fetchError('not a valid URL', where);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw fetchError(`unsupported URL scheme "${url.protocol}" (only http and https)`, where);
  }
  return url;
}

function resolveRedirect(location: string, from: URL, where: Where): URL {
  let next: URL;
  try {
    next = new URL(location, from);
  } catch {
    throw fetchError(`redirect to an invalid URL ${JSON.stringify(redactUrl(location))}`, where);
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') {
    throw fetchError(`redirect to unsupported scheme "${next.protocol}" (${redactUrl(next.href)})`, where);
  }
  // A fragment is never sent; keeping it would defeat loop detection.
  next.hash = '';
  return next;
}

function authHeader(target: URL): Record<string, string> {
  const auth = basicAuthFromUrl(target);
  return auth ? { authorization: auth } : {};
}

function lowerKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

function without(headers: Record<string, string>, names: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([k]) => !names.includes(k)));
}

function flattenHeaders(raw: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** One request, no redirects; resolves with the response once headers arrive. */
async function send(
  target: URL,
  headers: Record<string, string>,
  proxy: URL | null,
  userAgent: string,
  signal: AbortSignal,
  cleanups: (() => void)[],
  setEndpoint: (e: Endpoint) => void,
): Promise<IncomingMessage> {
  const host = unbracket(target.hostname);
  const port = defaultPort(target);
  const path = `${target.pathname}${target.search}`;
  let options: https.RequestOptions;
  if (!proxy) {
    options = { protocol: target.protocol, host, port, path, headers };
  } else if (target.protocol === 'http:') {
    // Absolute-form request line; userinfo travels in Authorization, never in the line.
    const absolute = new URL(target.href);
    absolute.username = '';
    absolute.password = '';
    options = {
      protocol: proxy.protocol,
      host: unbracket(proxy.hostname),
      port: defaultPort(proxy),
      path: absolute.href,
      headers: { ...headers, host: target.host, ...proxyAuthorization(proxy) },
    };
  } else {
    const socket = await openTunnel(proxy, target, userAgent, signal);
    cleanups.push(() => socket.destroy());
    // From here on, failures (TLS above all) are the server's, not the proxy's.
    setEndpoint({ host, port, proxy: false });
    options = {
      protocol: 'https:',
      host,
      port,
      path,
      headers,
      createConnection: () => {
        const secure = tls.connect({ socket, host, servername: net.isIP(host) ? undefined : host, ALPNProtocols: ['http/1.1'] });
        cleanups.push(() => secure.destroy());
        return secure;
      },
    };
  }
  const mod = options.protocol === 'https:' ? https : http;
  return new Promise<IncomingMessage>((resolve, reject) => {
    const req = mod.request({ ...options, signal }, resolve);
    req.once('error', reject);
    req.end();
  });
}
