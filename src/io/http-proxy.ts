// Proxy selection from the usual environment variables (as curl reads them) and the
// CONNECT tunnel for https. The environment is passed in, so tests and callers decide.

import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import { UsageError } from '../errors.js';
import { basicAuthFromUrl, redactUrl } from './redact-url.js';

export type Env = Record<string, string | undefined>;

function pick(env: Env, ...names: string[]): [string, string] | null {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return [name, value];
  }
  return null;
}

/** The proxy to use for `target`, or null for a direct connection. */
export function proxyFor(target: URL, env: Env | undefined): URL | null {
  if (!env) return null;
  // Lower case first, as curl does: a CGI environment can smuggle HTTP_PROXY in via a
  // request's `Proxy:` header ("httpoxy").
  const chosen =
    target.protocol === 'https:' ? pick(env, 'https_proxy', 'HTTPS_PROXY') : pick(env, 'http_proxy', 'HTTP_PROXY');
  if (!chosen) return null;
  const noProxy = pick(env, 'no_proxy', 'NO_PROXY');
  if (noProxy && bypassesProxy(target, noProxy[1])) return null;
  return parseProxyUrl(chosen[0], chosen[1]);
}

function parseProxyUrl(name: string, value: string): URL {
  let url: URL;
  try {
    url = new URL(/^[A-Za-z][A-Za-z0-9+.\-]*:\/\//.test(value) ? value : `http://${value}`);
  } catch {
    throw new UsageError(`invalid proxy URL in ${name}: ${redactUrl(value)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`unsupported proxy scheme "${url.protocol}" in ${name}: ${redactUrl(value)} (use an http:// proxy)`);
  }
  return url;
}

export function unbracket(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

export function defaultPort(url: URL): string {
  return url.port || (url.protocol === 'https:' ? '443' : '80');
}

/**
 * NO_PROXY: comma/space separated; `*` matches everything; `example.com`, `.example.com`
 * and `*.example.com` all match the domain and its subdomains; `host:port` limits to a
 * port; IP addresses match exactly and `10.0.0.0/8`-style ranges match by prefix.
 */
export function bypassesProxy(target: URL, noProxy: string): boolean {
  const host = unbracket(target.hostname.toLowerCase()).replace(/\.$/, '');
  const port = defaultPort(target);
  const hostIp = net.isIP(host);
  for (const raw of noProxy.split(/[\s,]+/)) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return true;
    const { name, entryPort } = splitHostPort(entry);
    if (entryPort && entryPort !== port) continue;
    const cidr = /^(.+)\/(\d{1,3})$/.exec(name);
    if (cidr && hostIp) {
      const base = cidr[1]!;
      const bits = Number(cidr[2]);
      const family = net.isIP(base);
      if (family === hostIp && bits <= (family === 4 ? 32 : 128)) {
        const list = new net.BlockList();
        list.addSubnet(base, bits, family === 4 ? 'ipv4' : 'ipv6');
        if (list.check(host, family === 4 ? 'ipv4' : 'ipv6')) return true;
      }
      continue;
    }
    const domain = name.replace(/^\*/, '').replace(/^\./, '').replace(/\.$/, '');
    if (!domain) continue;
    if (host === domain || host.endsWith(`.${domain}`)) return true;
  }
  return false;
}

function splitHostPort(entry: string): { name: string; entryPort: string | null } {
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (v6) return { name: v6[1]!, entryPort: v6[2] ?? null };
  // A bare IPv6 address has several colons and no port.
  if (net.isIP(entry.replace(/\/\d+$/, '')) === 6) return { name: entry, entryPort: null };
  const m = /^(.*):(\d+)$/.exec(entry);
  return m ? { name: m[1]!, entryPort: m[2]! } : { name: entry, entryPort: null };
}

export function proxyAuthorization(proxy: URL): Record<string, string> {
  const auth = basicAuthFromUrl(proxy);
  return auth ? { 'proxy-authorization': auth } : {};
}

/** Thrown when the proxy answers CONNECT with anything but 2xx. */
export class TunnelRefused extends Error {
  constructor(readonly status: number) {
    super(`proxy answered CONNECT with HTTP ${status}`);
  }
}

/** Opens a CONNECT tunnel through `proxy` to the target's host and port. */
export function openTunnel(proxy: URL, target: URL, userAgent: string, signal: AbortSignal): Promise<Duplex> {
  const authority = `${target.hostname}:${defaultPort(target)}`;
  const mod = proxy.protocol === 'https:' ? https : http;
  return new Promise<Duplex>((resolve, reject) => {
    const req = mod.request({
      host: unbracket(proxy.hostname),
      port: defaultPort(proxy),
      method: 'CONNECT',
      path: authority,
      headers: { host: authority, 'user-agent': userAgent, ...proxyAuthorization(proxy) },
      agent: false,
      signal,
    });
    req.once('connect', (res, socket, head) => {
      const status = res.statusCode ?? 0;
      if (status < 200 || status >= 300) {
        socket.destroy();
        reject(new TunnelRefused(status));
        return;
      }
      // Bytes the proxy sent past its response belong to the tunnelled stream.
      if (head.length > 0) socket.unshift(head);
      signal.addEventListener('abort', () => socket.destroy(), { once: true });
      resolve(socket);
    });
    req.once('error', reject);
    req.end();
  });
}
