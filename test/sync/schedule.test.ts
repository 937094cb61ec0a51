import { describe, expect, it } from 'vitest';
import { applyOutcome } from '../../src/commands/fetch.js';
import { emptyFeedState } from '../../src/store/local-format.js';
import { DEFAULT_BOUNDS, backoffUntil, httpFreshness, nextDue, retryAfterUntil } from '../../src/sync/schedule.js';
import type { FeedOutcome } from '../../src/sync/fetch-feed.js';

const MIN = 60_000;
const now = Date.parse('2025-06-09T11:00:00Z');

describe('httpFreshness', () => {
  it.each([
    [{ 'cache-control': 'max-age=3600' }, 3_600_000],
    [{ 'cache-control': 'public, s-maxage=600, max-age=60' }, 600_000],
    [{ 'cache-control': 'no-cache' }, 0],
    [{ 'cache-control': 'private, no-store' }, 0],
    [{ expires: 'Mon, 09 Jun 2025 12:00:00 GMT', date: 'Mon, 09 Jun 2025 11:00:00 GMT' }, 3_600_000],
    [{ expires: '0' }, 0],
    [{ expires: 'Mon, 09 Jun 2025 10:00:00 GMT', date: 'Mon, 09 Jun 2025 11:00:00 GMT' }, 0],
    [{ 'cache-control': 'max-age=120', expires: 'Mon, 09 Jun 2025 12:00:00 GMT' }, 120_000],
    [{}, null],
  ])('%j', (headers, ms) => {
    expect(httpFreshness(headers)).toBe(ms);
  });
});

describe('nextDue', () => {
  it.each([
    ['no hints: the floor', null, null, 15 * MIN],
    ['max-age above the floor', 60 * MIN, null, 60 * MIN],
    ['max-age below the floor is raised', 1 * MIN, null, 15 * MIN],
    ['ttl in minutes', null, 120, 120 * MIN],
    ['the longer of http and ttl', 30 * MIN, 90, 90 * MIN],
    ['a week of ttl is cut to the ceiling', null, 10_080, 24 * 60 * MIN],
    ['no-cache still waits the floor', 0, null, 15 * MIN],
  ])('%s', (_name, http, ttl, after) => {
    expect(nextDue(now, http, ttl, DEFAULT_BOUNDS) - now).toBe(after);
  });
});

describe('backoffUntil', () => {
  it('doubles from the floor per failure, with at most a quarter of jitter, up to the ceiling', () => {
    expect(backoffUntil(now, 1, DEFAULT_BOUNDS, () => 1) - now).toBe(15 * MIN);
    expect(backoffUntil(now, 2, DEFAULT_BOUNDS, () => 1) - now).toBe(30 * MIN);
    expect(backoffUntil(now, 3, DEFAULT_BOUNDS, () => 0) - now).toBe(45 * MIN);
    expect(backoffUntil(now, 40, DEFAULT_BOUNDS, () => 1) - now).toBe(24 * 60 * MIN);
  });
});

describe('retryAfterUntil', () => {
  it('reads seconds and HTTP dates', () => {
    expect(retryAfterUntil('120', now)).toBe(now + 120_000);
    expect(retryAfterUntil('Mon, 09 Jun 2025 13:00:00 GMT', now)).toBe(Date.parse('2025-06-09T13:00:00Z'));
    expect(retryAfterUntil('soon', now)).toBeNull();
    expect(retryAfterUntil(null, now)).toBeNull();
  });
});

const ok = (over: Partial<Extract<FeedOutcome, { status: 'ok' }>> = {}): FeedOutcome => ({
  status: 'ok', notModified: false, feedUrl: 'https://a.example/feed', title: 'A', drafts: [], warnings: [], ttlMinutes: null,
  freshnessMs: null, permanentTarget: null, etag: '"v1"', lastModified: 'Mon, 09 Jun 2025 10:00:00 GMT', ...over,
});
const notModified = (over: Partial<Extract<FeedOutcome, { status: 'not-modified' }>> = {}): FeedOutcome => ({
  status: 'not-modified', freshnessMs: null, permanentTarget: null, etag: null, lastModified: null, ...over,
});

describe('applyOutcome', () => {
  it('keeps validators verbatim and schedules by freshness', () => {
    const s = emptyFeedState();
    applyOutcome(s, ok({ etag: 'W/"abc"', freshnessMs: 3_600_000 }), now, DEFAULT_BOUNDS);
    expect(s).toMatchObject({ etag: 'W/"abc"', lastModified: 'Mon, 09 Jun 2025 10:00:00 GMT', nextDueAt: '2025-06-09T12:00:00Z', failures: 0 });
  });

  it('keeps stored validators on a 304 without new ones', () => {
    const s = { ...emptyFeedState(), etag: '"v1"', lastModified: 'x' };
    applyOutcome(s, notModified(), now, DEFAULT_BOUNDS);
    expect(s).toMatchObject({ etag: '"v1"', lastModified: 'x', lastStatus: 'not-modified' });
  });

  it('honors Retry-After on 429 and 503, and backs off on other failures', () => {
    const s = emptyFeedState();
    applyOutcome(s, { status: 'error', message: 'rate limited', httpStatus: 429, retryAfter: '7200' }, now, DEFAULT_BOUNDS, () => 0);
    expect(s).toMatchObject({ retryAfterUntil: '2025-06-09T13:00:00Z', nextDueAt: '2025-06-09T13:00:00Z', failures: 1 });
    applyOutcome(s, { status: 'error', message: 'boom', httpStatus: 500, retryAfter: null }, now, DEFAULT_BOUNDS, () => 1);
    expect(s).toMatchObject({ retryAfterUntil: null, nextDueAt: '2025-06-09T11:30:00Z', failures: 2 });
  });

  it('marks 410 Gone', () => {
    const s = emptyFeedState();
    applyOutcome(s, { status: 'error', message: 'gone', httpStatus: 410, retryAfter: null }, now, DEFAULT_BOUNDS);
    expect(s.gone).toBe(true);
  });

  it('adopts a permanent move only when seen on two fetches in a row', () => {
    const s = emptyFeedState();
    applyOutcome(s, ok({ permanentTarget: 'https://new.example/feed' }), now, DEFAULT_BOUNDS);
    expect(s).toMatchObject({ movedTo: 'https://new.example/feed', movedSeen: 1 });
    applyOutcome(s, ok(), now, DEFAULT_BOUNDS);
    expect(s).toMatchObject({ movedTo: null, movedSeen: 0 });
    applyOutcome(s, notModified({ permanentTarget: 'https://new.example/feed' }), now, DEFAULT_BOUNDS);
    applyOutcome(s, notModified({ permanentTarget: 'https://new.example/feed' }), now, DEFAULT_BOUNDS);
    expect(s).toMatchObject({ movedTo: 'https://new.example/feed', movedSeen: 2 });
  });
});
