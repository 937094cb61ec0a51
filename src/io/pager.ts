// Long output on a terminal goes through $PAGER (default `less -R`), as git does.
// The pager is spawned without a shell: PAGER is split on spaces.
import { spawn } from 'node:child_process';

type Env = Record<string, string | undefined>;

export async function page(text: string, env: Env, fallback: (s: string) => void): Promise<void> {
  const spec = (env.PAGER ?? '').trim() || 'less -R';
  const [cmd, ...args] = spec.split(/\s+/);
  if (!cmd || cmd === 'cat') return fallback(text);
  const child = spawn(cmd, args, {
    stdio: ['pipe', 'inherit', 'inherit'],
    // F: quit if one screen; R: colors; X: leave the text on screen.
    env: { ...env, LESS: env.LESS ?? 'FRX', LV: env.LV ?? '-c' },
  });
  const done = new Promise<boolean>((resolve) => {
    child.on('error', () => resolve(false));
    child.on('close', () => resolve(true));
  });
  child.stdin.on('error', () => {
    // the reader quit early (q in less): not an error
  });
  child.stdin.end(text);
  if (!(await done)) fallback(text);
}
