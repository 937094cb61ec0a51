// Every failure on the way to bytes becomes one FetchError with a one-line message of
// the form `<what happened> (<redacted url>[, redirected to <redacted url>])`, so that
// a list of failed feeds reads uniformly and never leaks credentials.

import { STATUS_CODES } from 'node:http';
import { FetchError } from '../errors.js';
import { redactUrl } from './redact-url.js';

/** Where a request was going when it failed: what the message names. */
export interface Where {
  /** The URL the caller asked for. */
  url: string;
  /** The URL of the failing hop, when redirects led elsewhere. */
  current?: string;
}

export function fetchError(
  what: string,
  where: Where,
  extra?: { cause?: unknown; status?: number; retryAfter?: string | null },
): FetchError {
  const shown = redactUrl(where.url);
  const hop = where.current && where.current !== where.url ? `, redirected to ${redactUrl(where.current)}` : '';
  // Causes are kept for debugging, but a message must stay on one line.
  const line = `${what} (${shown}${hop})`.replace(/[\r\n\t]+/g, ' ');
  return new FetchError(line, shown, extra);
}

const REASONS: Record<number, string> = {
  400: 'bad request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not found',
  405: 'method not allowed',
  406: 'not acceptable',
  407: 'proxy authentication required',
  408: 'request timeout',
  410: 'gone',
  429: 'rate limited',
  451: 'unavailable for legal reasons',
  500: 'internal server error',
  502: 'bad gateway',
  503: 'service unavailable',
  504: 'gateway timeout',
};

export function statusError(status: number, retryAfterHeader: string | null, where: Where, now = Date.now()): FetchError {
  const reason = REASONS[status] ?? STATUS_CODES[status]?.toLowerCase() ?? (status >= 500 ? 'server error' : 'unexpected status');
  let what = `HTTP ${status} ${reason}`;
  const retryAfter = status === 429 || status === 503 ? retryAfterHeader : null;
  const seconds = retryAfter == null ? null : retryAfterSeconds(retryAfter, now);
  if (seconds != null) what += `; retry after ${seconds} s`;
  return fetchError(what, where, { status, retryAfter });
}

/** Seconds to wait from a Retry-After value (delta-seconds or an HTTP date), or null. */
export function retryAfterSeconds(value: string, now = Date.now()): number | null {
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  // Only the RFC 9110 date form; Date.parse accepts far more than HTTP allows.
  if (!/^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(trimmed)) return null;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

export function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : Number(s.toFixed(2))} s`;
}

export function formatBytes(n: number): string {
  const units: [number, string][] = [
    [1024 * 1024 * 1024, 'GiB'],
    [1024 * 1024, 'MiB'],
    [1024, 'KiB'],
  ];
  for (const [size, unit] of units) {
    if (n >= size) return `${Number((n / size).toFixed(1))} ${unit}`;
  }
  return `${n} bytes`;
}

export function tooLargeError(maxBytes: number, where: Where): FetchError {
  return fetchError(`response body larger than ${formatBytes(maxBytes)}`, where);
}

export function timeoutError(timeoutMs: number, where: Where): FetchError {
  return fetchError(`timed out after ${formatSeconds(timeoutMs)}`, where);
}

/** The machine a failing connection was made to: the server, or a proxy on its way. */
export interface Endpoint {
  host: string;
  port: string;
  proxy: boolean;
}

const TLS_CODES = /CERT|SSL|TLS|ERR_OSSL|HOSTNAME|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)/;

/** Maps a Node network error (errno codes, TLS failures, resets) to a sentence. */
export function networkError(err: unknown, endpoint: Endpoint, where: Where): FetchError {
  const e = (err ?? {}) as { code?: unknown; message?: unknown; hostname?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  const message = typeof e.message === 'string' ? e.message : String(err);
  const who = endpoint.proxy ? `proxy ${endpoint.host}:${endpoint.port}` : `${endpoint.host}:${endpoint.port}`;
  const host = endpoint.proxy ? `proxy host ${endpoint.host}` : `host ${endpoint.host}`;
  let what: string;
  // Node reports a body cut short as ECONNRESET "aborted"; "reset" would mislead.
  const cutShort = message === 'aborted' || message === 'socket hang up' || code === 'ERR_STREAM_PREMATURE_CLOSE';
  switch (cutShort ? 'CUT_SHORT' : code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
    case 'EAI_FAIL':
    case 'EAI_NODATA':
      what = `could not resolve ${host}`;
      break;
    case 'ECONNREFUSED':
      what = `connection refused by ${who}`;
      break;
    case 'ECONNRESET':
    case 'EPIPE':
      what = `connection reset by ${who}`;
      break;
    case 'ETIMEDOUT':
      what = `connection to ${who} timed out`;
      break;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EHOSTDOWN':
    case 'ENETDOWN':
      what = `${who} is unreachable`;
      break;
    case 'CUT_SHORT':
      what = `connection to ${who} closed before the response was complete`;
      break;
    case 'HPE_INVALID_CONSTANT':
    case 'HPE_INVALID_HEADER_TOKEN':
    case 'HPE_HEADER_OVERFLOW':
    case 'HPE_INVALID_CHUNK_SIZE':
      what = `invalid HTTP response from ${who}: ${lowerFirst(message)}`;
      break;
    default:
      if (TLS_CODES.test(code) || /\bSSL\b|\bTLS\b|certificate/i.test(message)) {
        what = `TLS error with ${who}: ${lowerFirst(message)}`;
      } else {
        what = `network error with ${who}: ${lowerFirst(message)}${code && !message.includes(code) ? ` (${code})` : ''}`;
      }
  }
  return fetchError(what, where, { cause: err });
}

export function lowerFirst(s: string): string {
  return /^[A-Z][a-z]/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s;
}
