// A real local origin server and a tiny recording proxy, shared by the HTTP tests.

import http from 'node:http';
import type https from 'node:https';
import net from 'node:net';
import { expect } from 'vitest';
import { FetchError } from '../../src/errors.js';
import { fetchBytes } from '../../src/io/http.js';
import type { FetchOptions, FetchResult } from '../../src/io/http.js';

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export const UA = 'news-test/1.0';

export function listen(s: http.Server | https.Server): Promise<number> {
  return new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve((s.address() as net.AddressInfo).port)));
}

export function close(s: http.Server | https.Server): Promise<void> {
  s.closeAllConnections();
  return new Promise((resolve) => s.close(() => resolve()));
}

/** A port that was just free and now refuses connections. */
export async function deadPort(): Promise<number> {
  const s = http.createServer();
  const port = await listen(s);
  await close(s);
  return port;
}

export const text = (b: Uint8Array): string => Buffer.from(b).toString('utf8');

/** Awaits a fetch that must fail with a one-line FetchError. */
export async function failure(promise: Promise<unknown>): Promise<FetchError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(FetchError);
    const e = err as FetchError;
    expect(e.message).not.toMatch(/[\r\n]/);
    return e;
  }
  throw new Error('expected the fetch to fail');
}

export interface Origin {
  routes: Map<string, Handler>;
  base: string;
  port: number;
  get(path: string, options?: Partial<FetchOptions>): Promise<FetchResult>;
  close(): Promise<void>;
}

/** Routes by path (query ignored); unknown paths are 404. */
export async function startOrigin(): Promise<Origin> {
  const routes = new Map<string, Handler>();
  const server = http.createServer((req, res) => {
    const handler = routes.get((req.url ?? '/').split('?')[0]!);
    if (handler) handler(req, res);
    else res.writeHead(404).end('no such route');
  });
  const port = await listen(server);
  const base = `http://127.0.0.1:${port}`;
  routes.set('/ok', (_req, res) => res.writeHead(200, { 'Content-Type': 'text/plain', 'X-Thing': 'yes' }).end('hello'));
  routes.set('/echo', (req, res) => res.writeHead(200).end(JSON.stringify(req.headers)));
  return {
    routes,
    base,
    port,
    get: (path, options = {}) =>
      fetchBytes(/^[a-z]+:/i.test(path) ? path : `${base}${path}`, { userAgent: UA, timeoutMs: 2000, ...options }),
    close: () => close(server),
  };
}

export interface Proxy {
  url: string;
  /** `GET http://host/path` for forwarded requests, `CONNECT host:port` for tunnels. */
  log: string[];
  close(): Promise<void>;
}

export async function startProxy(): Promise<Proxy> {
  const log: string[] = [];
  const server = http.createServer((req, res) => {
    log.push(`${req.method} ${req.url}`);
    const target = new URL(req.url ?? '');
    const upstream = http.request(
      { host: target.hostname, port: target.port, path: `${target.pathname}${target.search}`, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('connect', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
    log.push(`CONNECT ${req.url}`);
    const [host, port] = (req.url ?? '').split(':');
    const upstream = net.connect(Number(port), host, () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  const url = `http://127.0.0.1:${await listen(server)}`;
  return { url, log, close: () => close(server) };
}
