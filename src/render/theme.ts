// A restrained palette. Color is decided once at the edge (src/cli.ts) and a theme
// is passed in; with color off every style is the identity, so renderers never
// branch on it.
import type { ChalkInstance } from 'chalk';

export interface Theme {
  enabled: boolean;
  bold(s: string): string;
  dim(s: string): string;
  category(s: string): string;
  unread(s: string): string;
  link(s: string): string;
  warn(s: string): string;
}

const identity = (s: string) => s;

// Async because chalk is loaded only for color: at load it asks node:tty about
// stdout, and node:tty brings node's net and stream modules, a tenth of
// `node -e 0`, which `news list | …` need not pay.
export async function makeTheme(level: 0 | 1 | 2 | 3): Promise<Theme> {
  if (level === 0) {
    return { enabled: false, bold: identity, dim: identity, category: identity, unread: identity, link: identity, warn: identity };
  }
  const { Chalk } = await import('chalk');
  const c: ChalkInstance = new Chalk({ level });
  return {
    enabled: true,
    bold: (s) => c.bold(s),
    dim: (s) => c.dim(s),
    category: (s) => c.cyan(s),
    unread: (s) => c.bold(s),
    link: (s) => c.underline(s),
    warn: (s) => c.yellow(s),
  };
}

export interface ColorInputs {
  isTTY: boolean;
  env: Record<string, string | undefined>;
  /** --color / --no-color; undefined when neither was given. */
  flag?: boolean;
  /** the `color` config key. */
  config?: 'auto' | 'always' | 'never';
}

/**
 * Flag beats environment beats config beats the terminal. FORCE_COLOR wins over
 * NO_COLOR (it is the explicit request); chalk 5 alone ignores NO_COLOR.
 */
export function colorLevel({ isTTY, env, flag, config }: ColorInputs): 0 | 1 | 2 | 3 {
  if (flag === false) return 0;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') {
    if (force === '0' || force === 'false') return 0;
    return force === '2' ? 2 : force === '3' ? 3 : 1;
  }
  if (flag === true) return 1;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  if (config === 'never') return 0;
  if (config === 'always') return 1;
  if (env.TERM === 'dumb') return 0;
  return isTTY ? 1 : 0;
}
