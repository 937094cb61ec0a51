import { readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserCommand } from '../../src/commands/open.js';
import { runNews, tempHome } from './run-news.js';

describe('browserCommand', () => {
  it.each([
    [{ BROWSER: 'firefox' }, 'linux', ['firefox', ['https://x.test/a']]],
    [{ BROWSER: 'w3m -N:lynx' }, 'linux', ['w3m', ['-N', 'https://x.test/a']]],
    [{ BROWSER: 'chromium --app=%s' }, 'linux', ['chromium', ['--app=https://x.test/a']]],
    [{}, 'linux', ['xdg-open', ['https://x.test/a']]],
    [{}, 'darwin', ['open', ['https://x.test/a']]],
  ])('%j on %s', (env, platform, expected) => {
    expect(browserCommand(env, platform, 'https://x.test/a')).toEqual(expected);
  });
});

describe('news open', () => {
  it('runs $BROWSER with the URL as one argument, never through a shell', async () => {
    const home = tempHome();
    const log = join(home, 'args.txt');
    const fake = join(home, 'fake-browser');
    writeFileSync(fake, `#!/bin/sh\nfor a in "$@"; do printf '%s\\n' "$a" >> "${log}"; done\n`);
    chmodSync(fake, 0o755);
    const store = join(home, 'store.json');
    writeFileSync(store, JSON.stringify([{ title: 'Quote', slug: 'q', url: "https://x.test/a?b=1&c=$(touch pwned);'x'" }]));
    const r = await runNews(['open', 'q', '--source', store], { home, env: { BROWSER: fake } });
    expect(r.code).toBe(0);
    await new Promise((res) => setTimeout(res, 300));
    expect(readFileSync(log, 'utf8')).toBe("https://x.test/a?b=1&c=$(touch pwned);'x'\n");
  });

  it('refuses articles without an http(s) link', async () => {
    const home = tempHome();
    const store = join(home, 'store.json');
    writeFileSync(store, JSON.stringify([{ title: 'No link', slug: 'n', url: 'javascript:alert(1)' }]));
    const r = await runNews(['open', 'n', '--source', store], { home, env: { BROWSER: 'true' } });
    expect(r).toEqual({ stdout: '', stderr: 'news: "No link" has no http(s) link to open\n', code: 4 });
  });

  it('prints the URL with --print', async () => {
    const r = await runNews(['open', 'russia-anticipates', '--print']);
    expect(r.stdout).toBe('https://www.meridianherald.example/world/russia-anticipates-jinping-visit-in-the-days-to-come\n');
  });
});

describe('news completion', () => {
  it.each(['bash', 'zsh', 'fish'])('prints a %s script naming every command', async (shell) => {
    const r = await runNews(['completion', shell]);
    expect(r.code).toBe(0);
    for (const cmd of ['list', 'read', 'fetch', 'feeds', 'mark', 'count', 'open', 'doctor', 'config']) expect(r.stdout).toContain(cmd);
    expect(r.stdout).toContain('news list 2>/dev/null | cut -f1');
  });

  it('completes slugs in bash from the current source', async () => {
    const r = await runNews(['completion', 'bash']);
    const home = tempHome();
    const script = join(home, 'c.bash');
    writeFileSync(script, r.stdout);
    const { execFileSync } = await import('node:child_process');
    const bin = join(home, 'bin');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(bin);
    writeFileSync(join(bin, 'news'), `#!/bin/sh\nexec node "${join(process.cwd(), 'bin', 'news.js')}" "$@"\n`);
    chmodSync(join(bin, 'news'), 0o755);
    const out = execFileSync('bash', ['-c', `source "${script}"; COMP_WORDS=(news read russia-an); COMP_CWORD=2; _news; printf '%s\\n' "\${COMPREPLY[@]}"`], {
      env: { PATH: `${bin}:${process.env.PATH}`, HOME: home, XDG_CONFIG_HOME: join(home, 'c'), XDG_DATA_HOME: join(home, 'd'), NEWS_NOW: '2025-06-09T11:00:00Z' },
      encoding: 'utf8',
    });
    expect(out).toBe('russia-anticipates-jinping-visit-in-the-days-to-come\n');
  });

  it('rejects other shells', async () => {
    expect((await runNews(['completion', 'tcsh'])).code).toBe(2);
  });
});
