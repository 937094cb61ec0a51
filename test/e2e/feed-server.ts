// A local feed server for end-to-end tests: node:http on 127.0.0.1, port 0, in
// the test process. Each test configures routes (body, status, headers, delay,
// validators) and asserts on the requests the client sent, which are all
// recorded in order. Unknown paths answer 404. Beside it, what the tests of
// subscriptions and fetch share: `rss` builds a feed, `writeSubscriptions`
// subscribes without a process per feed, and `startNews` runs `news` handing
// back its pid (to kill it, or to see it named).
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { BIN, type RunResult, newsEnv } from './run-news.js';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  /** Date.now() when the request arrived. */
  time: number;
  /** Which listener (index into `bases`) it came to. */
  host: number;
  /** Requests still being answered when this one arrived, this one included: on all listeners, and on its own. */
  inFlight: number;
  inFlightOnHost: number;
}

export interface Route {
  /** Default 200. */
  status?: number;
  /** The body, or a function of the request (called for every answer). */
  body?: string | Buffer | ((req: http.IncomingMessage) => string | Buffer);
  /** Extra response headers. Content-Type defaults to application/rss+xml. */
  headers?: Record<string, string>;
  /** Milliseconds before the answer starts. */
  delayMs?: number;
  /**
   * Sent as ETag; a request whose If-None-Match is exactly this value gets a
   * bodiless 304 (compared verbatim, quotes and W/ included: the client must
   * send back what it got).
   */
  etag?: string;
  /** Sent as Last-Modified; an exactly matching If-Modified-Since gets a 304. */
  lastModified?: string;
  /** Takes over the answer completely (the request is still recorded). */
  handler?: (req: http.IncomingMessage, res: http.ServerResponse) => void;
}

export interface FeedServer {
  /** `http://127.0.0.1:PORT` of the first listener. */
  base: string;
  /** One base per listener: each port is another host to the client's per-host limit. */
  bases: string[];
  /** The URL of a path on listener `host` (default the first). */
  url(path: string, host?: number): string;
  /** Sets (or replaces) the route for a path; the query string is part of the path. */
  route(path: string, route: Route): void;
  requests: RecordedRequest[];
  requestsTo(path: string): RecordedRequest[];
  close(): Promise<void>;
}

export interface ServerOptions {
  /**
   * How many listeners (ports) share the routes, default 1. The client allows
   * only 2 requests at a time per host (host:port), so concurrency tests spread
   * their feeds over several ports.
   */
  hosts?: number;
}

export async function startFeedServer(options: ServerOptions = {}): Promise<FeedServer> {
  const routes = new Map<string, Route>();
  const requests: RecordedRequest[] = [];
  let inFlight = 0;
  const inFlightOn: number[] = [];
  const handle = (host: number, req: http.IncomingMessage, res: http.ServerResponse) => {
    const path = req.url ?? '/';
    inFlight++;
    inFlightOn[host] = (inFlightOn[host] ?? 0) + 1;
    res.on('close', () => {
      inFlight--;
      inFlightOn[host]!--;
    });
    requests.push({ method: req.method ?? '', path, headers: req.headers, time: Date.now(), host, inFlight, inFlightOnHost: inFlightOn[host]! });
    // A client killed mid-answer (the crash tests) resets the socket; that is fine.
    res.on('error', () => {});
    req.on('error', () => {});
    const route = routes.get(path);
    const answer = () => {
      if (res.destroyed) return;
      if (!route) {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('no such feed');
        return;
      }
      if (route.handler) {
        route.handler(req, res);
        return;
      }
      const validators: Record<string, string> = {};
      if (route.etag !== undefined) validators.ETag = route.etag;
      if (route.lastModified !== undefined) validators['Last-Modified'] = route.lastModified;
      const status = route.status ?? 200;
      const inm = req.headers['if-none-match'];
      const ims = req.headers['if-modified-since'];
      const notModified =
        status === 200 &&
        ((route.etag !== undefined && inm === route.etag) ||
          (inm === undefined && route.lastModified !== undefined && ims === route.lastModified));
      if (notModified) {
        res.writeHead(304, validators).end();
        return;
      }
      const body = typeof route.body === 'function' ? route.body(req) : (route.body ?? '');
      res.writeHead(status, { 'Content-Type': 'application/rss+xml; charset=utf-8', ...validators, ...route.headers }).end(body);
    };
    if (route?.delayMs) setTimeout(answer, route.delayMs);
    else answer();
  };
  const servers = Array.from({ length: options.hosts ?? 1 }, (_, host) => http.createServer((req, res) => handle(host, req, res)));
  const bases = await Promise.all(
    servers.map(
      (server) =>
        new Promise<string>((resolve) =>
          server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
        ),
    ),
  );
  return {
    base: bases[0]!,
    bases,
    url: (path, host = 0) => `${bases[host]!}${path}`,
    route: (path, route) => void routes.set(path, route),
    requests,
    requestsTo: (path) => requests.filter((r) => r.path === path),
    close: () =>
      Promise.all(
        servers.map((server) => {
          // Sockets of killed clients would otherwise hold close() open.
          server.closeAllConnections();
          return new Promise<void>((resolve) => server.close(() => resolve()));
        }),
      ).then(() => undefined),
  };
}

export interface Item {
  guid?: string;
  title: string;
  link?: string;
  /** RFC 822, as RSS writes it. */
  pubDate?: string;
  description?: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A minimal RSS 2.0 document. */
export function rss(title: string, items: readonly Item[]): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<rss version="2.0"><channel>', `<title>${esc(title)}</title>`];
  for (const it of items) {
    lines.push('<item>');
    if (it.guid !== undefined) lines.push(`<guid isPermaLink="false">${esc(it.guid)}</guid>`);
    lines.push(`<title>${esc(it.title)}</title>`);
    if (it.link !== undefined) lines.push(`<link>${esc(it.link)}</link>`);
    if (it.pubDate !== undefined) lines.push(`<pubDate>${it.pubDate}</pubDate>`);
    if (it.description !== undefined) lines.push(`<description>${esc(it.description)}</description>`);
    lines.push('</item>');
  }
  lines.push('</channel></rss>', '');
  return lines.join('\n');
}

export interface NewsProcess {
  pid: number;
  child: ChildProcess;
  /** Resolves when the process has exited, with what it wrote. */
  done: Promise<RunResult>;
}

/**
 * Starts the built binary like runNews, but hands back the process at once, for
 * tests that need its pid or kill it (`runNews` only resolves at the end).
 */
export function startNews(args: string[], home: string, env: Record<string, string> = {}): NewsProcess {
  const child = spawn(process.execPath, [BIN, ...args], { env: newsEnv(home, env), cwd: home, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const done = new Promise<RunResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ stdout, stderr, code }));
  });
  return { pid: child.pid!, child, done };
}

export interface Sub {
  name: string;
  url: string;
  category?: string;
}

/**
 * Subscribes without a process per feed, by writing the config file's `feeds`
 * key as the README documents it (`news feeds add --no-check` does the same).
 */
export function writeSubscriptions(home: string, subs: readonly Sub[]): void {
  const dir = join(home, 'config', 'news');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'config.json');
  const config = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>) : {};
  writeFileSync(path, JSON.stringify({ ...config, feeds: subs }, null, 2));
}

/** The local store's folder under the temp HOME that runNews sets up. */
export const dataDir = (home: string): string => join(home, 'data', 'news');
