// What makes `news list | …` start fast, kept so: bin/news.js compiles dist/cli.js
// with the V8 code cache the build wrote beside it (and works the same without
// it, or with one that does not belong to this cli.js), and piped output never
// loads node's net, stream and tty modules.
import { spawnSync } from 'node:child_process';
import { closeSync, cpSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, newsEnv, tempHome } from './run-news.js';

/** compileCli()'s verdict on a cache, in a node of its own: the flags of this one may differ. */
function cacheRejected(bin: string, cache = 'cli.js.cache'): string {
  const script = `process.stdout.write(String(require(${JSON.stringify(bin)}).compileCli({ cache: ${JSON.stringify(cache)} }).script.cachedDataRejected))`;
  return spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' }).stdout;
}

function list(bin: string) {
  const r = spawnSync(process.execPath, [bin, 'list'], { env: newsEnv(tempHome()), encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const copy = mkdtempSync(join(tmpdir(), 'news-startup-'));
afterAll(() => rmSync(copy, { recursive: true, force: true }));

describe('the code cache of dist/cli.js', () => {
  it('is taken by V8', () => {
    expect(cacheRejected(BIN)).toBe('false');
  });

  it('has one of its own for news read, which the build made', () => {
    const { cacheFor } = require(BIN) as { cacheFor(args: string[]): string };
    expect(cacheFor(['read', 'x'])).toBe('cli.js.read.cache');
    expect(cacheFor(['list'])).toBe('cli.js.cache');
    expect(cacheFor(['constructor'])).toBe('cli.js.cache');
    expect(cacheRejected(BIN, 'cli.js.read.cache')).toBe('false');
  });

  it('is optional, and never used for another build of cli.js', () => {
    const expected = list(BIN);
    expect(expected.status).toBe(0);
    for (const part of ['bin', 'dist', 'package.json']) cpSync(join(ROOT, part), join(copy, part), { recursive: true });
    const bin = join(copy, 'bin', 'news.js');
    const cache = join(copy, 'dist', 'cli.js.cache');
    const data = readFileSync(cache);
    // Another build: same length (all V8 checks), other build id.
    writeFileSync(cache, Buffer.concat([Buffer.from(data.toString('latin1', 0, 30).replace(/news-build:\w/, (m) => m.slice(0, -1) + (m.endsWith('0') ? '1' : '0')), 'latin1'), data.subarray(30)]));
    expect(cacheRejected(bin)).toBe('undefined'); // not given to V8
    expect(list(bin)).toEqual(expected);
    rmSync(cache);
    expect(cacheRejected(bin)).toBe('undefined');
    expect(list(bin)).toEqual(expected);
  });
});

describe('dist/cli.js', () => {
  it('is all ASCII, which node reads fastest', () => {
    const code = readFileSync(join(ROOT, 'dist', 'cli.js'), 'utf8');
    const at = code.search(/[^\x00-\x7f]/);
    expect(at === -1 ? '' : code.slice(at - 40, at + 20)).toBe('');
  });

  it('requires only node modules and its own vendor bundles, which bin/news.js resolves by hand', () => {
    const code = readFileSync(join(ROOT, 'dist', 'cli.js'), 'utf8');
    const ids = [...code.matchAll(/\brequire\((["'])(.*?)\1\)/g)].map((m) => m[2]!);
    expect(ids.length).toBeGreaterThan(10);
    expect(ids.filter((id) => !/^node:[\w/]+$/.test(id) && !/^\.\/vendor\/[\w-]+\.cjs$/.test(id))).toEqual([]);
    expect(code).not.toMatch(/\brequire\.\w|\brequire\([^"']/); // no require.resolve, no computed ids
  });
});

describe('commander', () => {
  // Files loaded besides bin/news.js, by a preload that lists require.cache at exit.
  const required = (args: string[]) => {
    const preload = join(copy, 'required.cjs');
    writeFileSync(preload, `process.on('exit', () => require('node:fs').writeSync(2, '\\nrequired: ' + JSON.stringify(Object.keys(require.cache)) + '\\n'));`);
    const r = spawnSync(process.execPath, ['-r', preload, BIN, ...args], { env: newsEnv(tempHome()), encoding: 'utf8' });
    return JSON.parse(/\nrequired: (.*)\n$/.exec(r.stderr)![1]!) as string[];
  };

  it('is not loaded for the everyday lines', () => {
    for (const args of [['list'], ['list', '-n', '3', '--json'], ['count'], ['read', '1', '--no-mark']]) {
      expect(required(args).filter((f) => f.includes('commander'))).toEqual([]);
    }
  });

  it('reads help and mistakes', () => {
    for (const args of [['--help'], ['list', '--bogus']]) expect(required(args).some((f) => f.endsWith('vendor/commander.cjs'))).toBe(true);
  });
});

describe('news list with its output piped or sent to /dev/null', () => {
  it('loads none of node:net, node:tty or node:child_process', () => {
    const loaded = (args: string[], stdout: 'pipe' | number = 'pipe') => {
      const script = `process.on('exit', () => require('node:fs').writeSync(2, '\\nloaded: ' + JSON.stringify(process.moduleLoadList) + '\\n'));`;
      const preload = join(copy, 'loaded.cjs');
      writeFileSync(preload, script);
      const r = spawnSync(process.execPath, ['-r', preload, ...args], { env: newsEnv(tempHome()), encoding: 'utf8', stdio: ['pipe', stdout, 'pipe'] });
      expect(r.status).toBe(0);
      return JSON.parse(/\nloaded: (.*)\n$/.exec(r.stderr)![1]!) as string[];
    };
    const node = new Set(loaded(['-e', '0']));
    const devNull = openSync('/dev/null', 'w');
    try {
      for (const run of [loaded([BIN, 'list']), loaded([BIN, 'list'], devNull)]) {
        const news = run.filter((m) => !node.has(m));
        expect(news).not.toEqual([]);
        expect(news.filter((m) => /^NativeModule (net|tty|child_process|stream)$/.test(m))).toEqual([]);
      }
    } finally {
      closeSync(devNull);
    }
  });
});
