// What a person sees in a real terminal: news inside tmux at 80 and 40 columns,
// and a long article through the pager. tmux is a Debian package that .ci/run
// installs; on a machine without it these tests are skipped with a notice.
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, tempHome } from './run-news.js';

const hasTmux = spawnSync('tmux', ['-V']).status === 0;
if (!hasTmux) console.warn('tmux not found: the real-terminal tests are skipped (apt-get install tmux)');

// A fresh tmux server per test: reusing one socket races with the previous
// server's shutdown ("server exited unexpectedly").
let run = 0;
let session = '';
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', session, ...args], { encoding: 'utf8' });
const screen = () => tmux('capture-pane', '-t', session, '-p');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(test: (s: string) => boolean, what: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const s = screen();
    if (test(s)) return s;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}; the screen shows:\n${screen()}`);
}

function start(columns: number, rows: number): void {
  session = `news-test-${process.pid}-${++run}`;
  const home = tempHome();
  const env = [
    `HOME=${home}`, `XDG_CONFIG_HOME=${join(home, 'c')}`, `XDG_DATA_HOME=${join(home, 'd')}`,
    'NEWS_NOW=2025-06-09T11:00:00Z', 'TZ=UTC', 'NO_COLOR=1', 'PS1=$ ', 'LANG=C.UTF-8', 'PAGER=less -R', 'LESS=',
  ];
  tmux('new-session', '-d', '-s', session, '-x', String(columns), '-y', String(rows), 'env', ...env, 'bash', '--norc', '--noprofile');
  tmux('set-option', '-t', session, 'status', 'off');
}

afterEach(() => {
  if (hasTmux) spawnSync('tmux', ['-L', session, 'kill-server']);
});

describe.skipIf(!hasTmux)('in a real terminal', () => {
  it('fits the table to 80 columns, cut to the screen with a footer', async () => {
    start(80, 24);
    tmux('send-keys', '-t', session, `clear; node ${BIN} list 2>/dev/null`, 'Enter');
    const s = await waitFor((x) => x.includes('more with --all'), 'the table');
    const lines = s.split('\n');
    const top = lines.findIndex((l) => l.startsWith('┌'));
    expect(lines[top + 1]).toBe('│  # │ Title                                    │ Category      │ Age          │');
    expect(lines[top + 2]).toBe('│  1 │ Open-Source Mapping Project Adds Offlin… │ Technology    │ just now     │');
    expect(lines[top + 16]).toBe('│ 15 │ Tokyo 東京の配達ロボット: Quiet Deliver… │ Technology    │ 6 days ago   │');
    expect(lines.filter((l) => l.startsWith('│')).every((l) => l.length <= 80)).toBe(true);
    expect(s).toContain('18 of 31 articles · 13 more with --all or --limit N');
  });

  it('drops columns rather than wrapping at 40 columns', async () => {
    start(40, 24);
    tmux('send-keys', '-t', session, `clear; node ${BIN} list --limit 3 2>/dev/null`, 'Enter');
    const s = await waitFor((x) => x.includes('└'), 'the table');
    expect(s.split('\n').filter((l) => /^[┌│└]/.test(l))).toEqual([
      '┌───┬────────────────────┬─────────────┐',
      '│ # │ Title              │ Age         │',
      '│ 1 │ Open-Source Mappi… │ just now    │',
      '│ 2 │ Browser Update Fi… │ 1 min ago   │',
      '│ 3 │ Hina Khan Hails 1… │ 16 mins ago │',
      '└───┴────────────────────┴─────────────┘',
    ]);
  });

  it('honors --width on a wide terminal', async () => {
    start(120, 24);
    tmux('send-keys', '-t', session, `clear; node ${BIN} list --limit 1 --width 40 2>/dev/null`, 'Enter');
    const s = await waitFor((x) => x.includes('└'), 'the table');
    const rows = s.split('\n').filter((l) => /^[┌│└]/.test(l));
    expect(rows.map((l) => l.length)).toEqual([40, 40, 40, 40]);
    expect(rows[1]).toBe('│ # │ Title                 │ Age      │');
  });

  it('pages a long article and returns to the prompt on q', async () => {
    start(80, 12);
    tmux('send-keys', '-t', session, `clear; node ${BIN} read russia-anticipates 2>/dev/null; echo done-$?`, 'Enter');
    const s = await waitFor((x) => x.includes('Russia anticipates Jinping visit') && /^:\s*$/m.test(x), 'the pager');
    expect(s.split('\n')[0]).toBe('World');
    expect(s).not.toContain('done-');
    tmux('send-keys', '-t', session, 'q');
    await waitFor((x) => x.includes('done-0'), 'the prompt after quitting the pager');
  });
});
