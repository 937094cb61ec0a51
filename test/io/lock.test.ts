import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireLock, LockedError } from '../../src/io/lock.js';

const dir = () => mkdtempSync(join(tmpdir(), 'news-lock-'));

// A pid that certainly belonged to a process that has exited.
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '0']);
  return child.pid!;
}

describe('acquireLock', () => {
  it('holds the lock file with our pid, leaves nothing else behind, and removes it on release', async () => {
    const d = dir();
    const path = join(d, 'fetch.lock');
    const lock = await acquireLock(path, 'fetching feeds', 0);
    expect(readFileSync(path, 'utf8')).toBe(`${process.pid}\n`);
    expect(readdirSync(d)).toEqual(['fetch.lock']);
    lock.release();
    expect(existsSync(path)).toBe(false);
    lock.release(); // twice is harmless
  });

  it('names the live owner when the lock stays busy', async () => {
    const path = join(dir(), 'fetch.lock');
    writeFileSync(path, `${process.ppid}\n`);
    await expect(acquireLock(path, 'fetching feeds', 0)).rejects.toThrow(
      new LockedError(`another news process (pid ${process.ppid}) is fetching feeds; try again when it has finished`),
    );
    expect(readFileSync(path, 'utf8')).toBe(`${process.ppid}\n`); // not taken
  });

  it('waits for a busy lock and takes it once released', async () => {
    const path = join(dir(), 'store.lock');
    const first = await acquireLock(path, 'writing', 0);
    setTimeout(() => first.release(), 120);
    const second = await acquireLock(path, 'writing', 2_000);
    expect(readFileSync(path, 'utf8')).toBe(`${process.pid}\n`);
    second.release();
  });

  it('takes over a lock whose owner has exited', async () => {
    const path = join(dir(), 'fetch.lock');
    writeFileSync(path, `${deadPid()}\n`);
    const lock = await acquireLock(path, 'fetching feeds', 0);
    expect(readFileSync(path, 'utf8')).toBe(`${process.pid}\n`);
    lock.release();
  });

  it('treats a fresh empty lock as busy and an old empty one as stale', async () => {
    const path = join(dir(), 'fetch.lock');
    writeFileSync(path, '');
    await expect(acquireLock(path, 'fetching feeds', 0)).rejects.toThrow(
      'another news process is fetching feeds; try again when it has finished',
    );
    const old = new Date(Date.now() - 60_000);
    utimesSync(path, old, old);
    const lock = await acquireLock(path, 'fetching feeds', 0);
    expect(readFileSync(path, 'utf8')).toBe(`${process.pid}\n`);
    lock.release();
  });

  it('does not remove a lock another process took after ours was broken', async () => {
    const path = join(dir(), 'fetch.lock');
    const lock = await acquireLock(path, 'fetching feeds', 0);
    writeFileSync(path, `${process.ppid}\n`); // as if a takeover happened
    lock.release();
    expect(readFileSync(path, 'utf8')).toBe(`${process.ppid}\n`);
  });
});

describe('acquireLock across processes', () => {
  it('lets exactly one of several simultaneous processes win, and every loser names the winner', async () => {
    const { build } = await import('esbuild');
    const d = dir();
    const harness = join(d, 'harness.mjs');
    await build({
      stdin: {
        contents: `import { acquireLock } from ${JSON.stringify(join(process.cwd(), 'src/io/lock.ts'))};
          const [path, go] = process.argv.slice(2);
          while (Date.now() < Number(go)) {} // start together
          try {
            const lock = await acquireLock(path, 'fetching feeds', 0);
            process.stdout.write('won ' + process.pid);
            setTimeout(() => lock.release(), 400);
          } catch (err) { process.stdout.write(err.message); }`,
        resolveDir: d,
        loader: 'ts',
      },
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: harness,
      logLevel: 'silent',
    });
    const { spawn } = await import('node:child_process');
    for (let round = 0; round < 4; round++) {
      const path = join(d, `round${round}.lock`);
      const go = String(Date.now() + 250);
      const outputs = await Promise.all(
        Array.from({ length: 6 }, () => new Promise<string>((resolve) => {
          const child = spawn(process.execPath, [harness, path, go], { stdio: ['ignore', 'pipe', 'inherit'] });
          let out = '';
          child.stdout.on('data', (c) => (out += c));
          child.on('close', () => resolve(out));
        })),
      );
      const winners = outputs.filter((o) => o.startsWith('won '));
      expect(winners, outputs.join('\n')).toHaveLength(1);
      const pid = winners[0]!.slice(4);
      for (const o of outputs) {
        if (o !== winners[0]) expect(o).toBe(`another news process (pid ${pid}) is fetching feeds; try again when it has finished`);
      }
      expect(readdirSync(d).filter((f) => f.startsWith(`round${round}.lock`))).toEqual([]);
    }
  }, 20_000);
});
