import { describe, expect, it } from 'vitest';
import { runPool } from '../../src/sync/pool.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Jobs that take `ms[i]` ms each and record how many run at once (overall and per key). */
function tracked(keyOf: (i: number) => string = () => '') {
  let active = 0;
  const activeByKey = new Map<string, number>();
  const stats = { max: 0, maxByKey: new Map<string, number>(), started: [] as number[] };
  const job = async (ms: number, i: number) => {
    const key = keyOf(i);
    stats.started.push(i);
    active++;
    activeByKey.set(key, (activeByKey.get(key) ?? 0) + 1);
    stats.max = Math.max(stats.max, active);
    stats.maxByKey.set(key, Math.max(stats.maxByKey.get(key) ?? 0, activeByKey.get(key)!));
    await sleep(ms);
    active--;
    activeByKey.set(key, activeByKey.get(key)! - 1);
    return `done ${i}`;
  };
  return { job, stats };
}

describe('runPool', () => {
  it.each([
    [1, 5],
    [3, 9],
    [8, 4],
  ])('runs at most %i jobs at once (%i jobs)', async (limit, n) => {
    const { job, stats } = tracked();
    const results = await runPool(Array(n).fill(10), limit, job);
    expect(stats.max).toBe(Math.min(limit, n));
    expect(results).toHaveLength(n);
  });

  it('returns results in input order, whatever order the jobs finish in', async () => {
    const { job, stats } = tracked();
    const results = await runPool([40, 5, 25, 1, 15], 5, job);
    expect(results).toEqual(['done 0', 'done 1', 'done 2', 'done 3', 'done 4']);
    expect(stats.started).toEqual([0, 1, 2, 3, 4]);
  });

  it('starts jobs in input order as slots free up', async () => {
    const { job, stats } = tracked();
    await runPool([30, 5, 5, 5, 5], 2, job);
    expect(stats.started).toEqual([0, 1, 2, 3, 4]);
  });

  it('gives each job its item and index', async () => {
    expect(await runPool(['a', 'b', 'c'], 2, async (item, i) => `${i}:${item}`)).toEqual(['0:a', '1:b', '2:c']);
  });

  it('returns [] for no items without calling the job', async () => {
    expect(await runPool([], 4, () => Promise.reject(new Error('called')))).toEqual([]);
  });

  it('starts no new job once the signal is aborted; those not started have no result', async () => {
    const controller = new AbortController();
    const started: number[] = [];
    const results = await runPool(
      [0, 1, 2, 3, 4, 5],
      2,
      async (item) => {
        started.push(item);
        if (item === 1) controller.abort();
        await sleep(5);
        return item * 10;
      },
      controller.signal,
    );
    // Jobs already running finish and keep their results.
    expect(started).toEqual([0, 1]);
    expect(results).toEqual([0, 10, undefined, undefined, undefined, undefined]);
  });

  it('runs nothing when the signal is aborted before it starts', async () => {
    const controller = new AbortController();
    controller.abort();
    let calls = 0;
    const results = await runPool([1, 2, 3], 2, async () => ++calls, controller.signal);
    expect(calls).toBe(0);
    expect(results).toEqual([undefined, undefined, undefined]);
  });

  it('keeps to the per-key limit while other keys use the free slots', async () => {
    const hosts = ['a', 'a', 'a', 'a', 'b', 'c'];
    const { job, stats } = tracked((i) => hosts[i]!);
    const items = hosts.map((host) => ({ host, ms: 20 }));
    const results = await runPool(items, 4, (item, i) => job(item.ms, i), undefined, { key: (item) => item.host, limit: 2 });
    expect(results).toEqual(['done 0', 'done 1', 'done 2', 'done 3', 'done 4', 'done 5']);
    expect(stats.maxByKey.get('a')).toBe(2);
    // The third and fourth `a` wait; `b` and `c` start at once beside the first two.
    expect(stats.started.slice(0, 4)).toEqual([0, 1, 4, 5]);
    expect(stats.max).toBe(4);
  });

  it('stops waiting for a busy key when the signal is aborted', async () => {
    const controller = new AbortController();
    const started: number[] = [];
    const results = await runPool(
      ['x', 'x', 'x'],
      3,
      async (_, i) => {
        started.push(i);
        controller.abort();
        await sleep(5);
        return i;
      },
      controller.signal,
      { key: (k) => k, limit: 1 },
    );
    expect(started).toEqual([0]);
    expect(results).toEqual([0, undefined, undefined]);
  });
});
