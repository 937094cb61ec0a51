// Runs jobs with at most `limit` in flight overall and, when `perKey` is given,
// at most `perKey.limit` per key (per host: politeness towards each server),
// starting them in input order as far as those limits allow. Stops starting new
// jobs once the signal is aborted (Ctrl-C).
export interface PerKey<T> {
  key: (item: T) => string;
  limit: number;
}

export async function runPool<T, R>(
  items: readonly T[],
  limit: number,
  job: (item: T, index: number) => Promise<R>,
  signal?: AbortSignal,
  perKey?: PerKey<T>,
): Promise<(R | undefined)[]> {
  const results: (R | undefined)[] = new Array(items.length);
  const pending = items.map((_, i) => i);
  const active = new Map<string, number>();
  const keyOf = (i: number) => (perKey ? perKey.key(items[i]!) : '');
  let wake: (() => void) | null = null;
  const changed = () => {
    wake?.();
    wake = null;
  };

  const worker = async (): Promise<void> => {
    for (;;) {
      if (signal?.aborted || pending.length === 0) return;
      const at = pending.findIndex((i) => !perKey || (active.get(keyOf(i)) ?? 0) < perKey.limit);
      if (at === -1) {
        // Every waiting job's host is busy: wait until some job finishes.
        await new Promise<void>((resolve) => {
          const previous = wake;
          wake = () => {
            previous?.();
            resolve();
          };
        });
        continue;
      }
      const [i] = pending.splice(at, 1) as [number];
      const key = keyOf(i);
      active.set(key, (active.get(key) ?? 0) + 1);
      try {
        results[i] = await job(items[i]!, i);
      } finally {
        active.set(key, active.get(key)! - 1);
        changed();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
