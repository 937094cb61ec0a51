// Where news keeps its files (XDG base directories), so tests and users can
// point them elsewhere with XDG_CONFIG_HOME / XDG_DATA_HOME.
import { join } from 'node:path';
import { nodeOs } from './builtin.js';

type Env = Record<string, string | undefined>;

const home = (env: Env) => env.HOME || nodeOs().homedir();

export function configDir(env: Env): string {
  return join(env.XDG_CONFIG_HOME || join(home(env), '.config'), 'news');
}

export function dataDir(env: Env): string {
  return join(env.XDG_DATA_HOME || join(home(env), '.local', 'share'), 'news');
}

/** Shows a path with the home directory as ~, for messages. */
export function tildify(path: string, env: Env): string {
  const h = home(env);
  return h && path.startsWith(h + '/') ? `~${path.slice(h.length)}` : path;
}
