// A cross-process lock: a file holding the owner's pid. It is written under a private
// name and hard-linked into place (link fails if the lock exists), so no process ever
// sees a lock without its pid. A lock whose owner is gone (kill -9, power loss) is
// taken over; a live one is waited for briefly, then reported with its pid.
import { closeSync, linkSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { NewsError } from '../errors.js';

export class LockedError extends NewsError {}

function ownerAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid in the lock file; NaN when it holds none; null when there is no lock file. */
function readOwner(path: string): number | null {
  try {
    return Number.parseInt(readFileSync(path, 'utf8'), 10);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? null : NaN;
  }
}

/** Creates the lock with our pid already in it; false when it exists. */
function tryCreate(path: string): boolean {
  const mine = `${path}.${process.pid}`;
  writeFileSync(mine, `${process.pid}\n`, { mode: 0o644 });
  try {
    linkSync(mine, path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    try {
      unlinkSync(mine);
    } catch {
      // already gone
    }
  }
}

/** The pid of the live process holding the lock at `path`; null when there is none (or its owner died). */
export function liveOwner(path: string): number | null {
  const owner = readOwner(path);
  return owner !== null && !Number.isNaN(owner) && ownerAlive(owner) ? owner : null;
}

const EMPTY_LOCK_GRACE_MS = 2_000;

function emptyFor(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

// Two processes may find the same stale lock; without care the slower one would
// delete the lock the faster one has just taken. Only the holder of a short-lived
// breaker file may remove it, after checking the stale pid is still the owner.
function breakStaleLock(path: string, stalePid: number): void {
  const breaker = `${path}.break`;
  try {
    if (Date.now() - statSync(breaker).mtimeMs > 10_000) unlinkSync(breaker);
  } catch {
    // no breaker left behind
  }
  let fd: number;
  try {
    fd = openSync(breaker, 'wx');
  } catch {
    return; // another process is breaking it; retry the lock
  }
  try {
    const now = readOwner(path);
    if (now === stalePid || (Number.isNaN(now) && Number.isNaN(stalePid))) unlinkSync(path);
  } catch {
    // already gone
  } finally {
    closeSync(fd);
    try {
      unlinkSync(breaker);
    } catch {
      // removed by a later stale-breaker check
    }
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Lock {
  release(): void;
}

/**
 * `activity` completes "another news process (pid N) is …" when the lock stays
 * busy past `waitMs`.
 */
export async function acquireLock(path: string, activity: string, waitMs = 5_000): Promise<Lock> {
  mkdirSync(dirname(path), { recursive: true });
  const deadline = Date.now() + waitMs;
  for (;;) {
    if (tryCreate(path)) {
      let held = true;
      return {
        release() {
          if (!held) return;
          held = false;
          try {
            if (readOwner(path) === process.pid) unlinkSync(path);
          } catch {
            // already removed: nothing to release
          }
        },
      };
    }
    const owner = readOwner(path);
    if (owner === null) continue; // released between our attempt and the read
    // Locks are created with their pid, but an empty one may be left by an older news
    // killed between creating and writing it: after a grace period it is stale.
    // Otherwise only a pid that no longer exists proves the lock is stale.
    if (Number.isNaN(owner) ? emptyFor(path) > EMPTY_LOCK_GRACE_MS : !ownerAlive(owner)) {
      breakStaleLock(path, owner);
      continue;
    }
    if (Date.now() >= deadline) {
      throw new LockedError(`another news process${Number.isNaN(owner) ? '' : ` (pid ${owner})`} is ${activity}; try again when it has finished`);
    }
    await sleep(50);
  }
}
