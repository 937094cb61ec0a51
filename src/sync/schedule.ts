// When a feed may be requested again: what a well-behaved client works out from
// the server's caching headers and the feed's own hints, within bounds the user
// sets, plus back-off after failures. Pure: `now` and randomness come in.

export interface Bounds {
  /** Never poll more often than this (default 15 minutes). */
  floorMs: number;
  /** Always poll at least this often (default 1 day). */
  ceilingMs: number;
}

export const DEFAULT_BOUNDS: Bounds = { floorMs: 15 * 60_000, ceilingMs: 24 * 3_600_000 };

const HTTP_DATE = /^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

function httpDate(value: string | undefined): number | null {
  if (!value || !HTTP_DATE.test(value.trim())) return null;
  const t = Date.parse(value.trim());
  return Number.isNaN(t) ? null : t;
}

/**
 * How long the response stays fresh, in ms, from Cache-Control (no-store and
 * no-cache mean "ask every time": 0) or Expires relative to the server's Date;
 * null when the headers do not say.
 */
export function httpFreshness(headers: Record<string, string | undefined>): number | null {
  const cc = (headers['cache-control'] ?? '').toLowerCase();
  if (/(?:^|[,\s])(?:no-store|no-cache)(?:$|[,\s=])/.test(cc)) return 0;
  const maxAge = /(?:^|[,\s])(?:s-maxage|max-age)\s*=\s*"?(\d+)/.exec(cc);
  if (maxAge) return Number(maxAge[1]) * 1000;
  const expires = headers.expires;
  if (expires !== undefined) {
    const at = httpDate(expires);
    const date = httpDate(headers.date);
    // An unparseable Expires (often "0" or "-1") means already expired.
    if (at === null) return 0;
    if (date !== null) return Math.max(0, at - date);
  }
  return null;
}

/**
 * The next time the feed is due after a successful fetch at `now`: the longer
 * of what HTTP and the feed ask for, clamped to the user's bounds; the floor
 * when neither says anything.
 */
export function nextDue(now: number, http: number | null, ttlMinutes: number | null, b: Bounds): number {
  const hints = [http, ttlMinutes == null ? null : ttlMinutes * 60_000].filter((x): x is number => x != null);
  const wanted = hints.length ? Math.max(...hints) : b.floorMs;
  return now + Math.min(b.ceilingMs, Math.max(b.floorMs, wanted));
}

/**
 * After `failures` failures in a row: the floor doubled per further failure, up to
 * the ceiling, with jitter (the last quarter is random) so that many clients that
 * failed together do not come back together.
 */
export function backoffUntil(now: number, failures: number, b: Bounds, random: () => number): number {
  const base = Math.min(b.ceilingMs, b.floorMs * 2 ** Math.max(0, Math.min(failures - 1, 30)));
  return now + Math.round(base * (0.75 + 0.25 * random()));
}

/** When a Retry-After (delta-seconds or HTTP date) lets us ask again; null if unreadable. */
export function retryAfterUntil(value: string | null, now: number): number | null {
  if (value == null) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return now + Number(v) * 1000;
  return httpDate(v);
}
