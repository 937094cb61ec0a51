// Runs the built `news` binary as a user would: its own temp HOME and XDG
// folders, a fixed clock, no color, UTC.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = join(ROOT, 'bin', 'news.js');
export const fixture = (...parts: string[]) => join(ROOT, 'fixtures', ...parts);
export const SEED_NOW = '2025-06-09T11:00:00Z';

export interface RunResult {
  stdout: string;
  stderr: string;
  code: number | null;
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  input?: string | Buffer;
  home?: string;
  cwd?: string;
}

export function tempHome(): string {
  return mkdtempSync(join(tmpdir(), 'news-e2e-'));
}

export function newsEnv(home: string, extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: home,
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_DATA_HOME: join(home, 'data'),
    NEWS_NOW: SEED_NOW,
    NO_COLOR: '1',
    TZ: 'UTC',
    LANG: 'C.UTF-8',
    ...extra,
  };
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
}

export function runNews(args: string[], o: RunOptions = {}): Promise<RunResult> {
  const home = o.home ?? tempHome();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: newsEnv(home, o.env), cwd: o.cwd ?? home });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ stdout, stderr, code }));
    child.stdin.end(o.input ?? '');
  });
}
