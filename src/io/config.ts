// User settings. Reading is a plain JSON read (conf's file is plain JSON, and
// loading conf pulls in ajv, ~140 ms), so `news list` never pays for conf;
// writing goes through conf, under our lock, followed by a directory fsync.
// A corrupt file is reported with its path and never rewritten (PITFALLS: conf's
// clearInvalidConfig would replace it with defaults).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataError, UsageError } from '../errors.js';
import { jsonErrorLocation } from '../store/json-error.js';
import { fsyncDir } from './atomic-write.js';
import { acquireLock } from './lock.js';
import { configDir, tildify } from './paths.js';

type Env = Record<string, string | undefined>;

export interface Config {
  source?: string;
  width?: number;
  pager?: boolean;
  color?: 'auto' | 'always' | 'never';
}

interface KeySpec {
  describe: string;
  parse(value: string): Config[keyof Config];
}

const bool = (key: string) => (v: string) => {
  if (/^(true|yes|on|1)$/i.test(v)) return true;
  if (/^(false|no|off|0)$/i.test(v)) return false;
  throw new UsageError(`${key} takes true or false, not "${v}"`);
};

export const CONFIG_KEYS: Record<keyof Config, KeySpec> = {
  source: { describe: 'default source: a store or feed file, or an http(s) URL', parse: (v) => v },
  width: {
    describe: 'maximum width of `news read` text (20-400; default 80)',
    parse: (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 20 || n > 400) throw new UsageError(`width takes a whole number from 20 to 400, not "${v}"`);
      return n;
    },
  },
  pager: { describe: 'page long output on a terminal (true/false; default true)', parse: bool('pager') },
  color: {
    describe: 'auto, always or never (default auto; NO_COLOR, FORCE_COLOR and --no-color win)',
    parse: (v) => {
      if (v === 'auto' || v === 'always' || v === 'never') return v;
      throw new UsageError(`color takes auto, always or never, not "${v}"`);
    },
  },
};

export function isConfigKey(key: string): key is keyof Config {
  return Object.hasOwn(CONFIG_KEYS, key);
}

export function configPath(env: Env): string {
  return join(configDir(env), 'config.json');
}

/** Reads and checks the config; a missing file is an empty config. */
export function readConfig(env: Env): Config {
  const path = configPath(env);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new DataError(`cannot read config ${tildify(path, env)}: ${(err as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const { line, column } = jsonErrorLocation(text, err);
    throw new DataError(`config ${tildify(path, env)} is not valid JSON (line ${line}, column ${column}); fix or remove it`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    throw new DataError(`config ${tildify(path, env)} is not a JSON object; fix or remove it`);
  }
  const config: Config = {};
  for (const [key, value] of Object.entries(data)) {
    if (!isConfigKey(key)) continue; // keys of later versions are kept on disk, ignored here
    try {
      (config as Record<string, unknown>)[key] = CONFIG_KEYS[key].parse(String(value));
    } catch (err) {
      throw new DataError(`config ${tildify(path, env)}: ${(err as Error).message}; fix it with "news config set ${key} <value>"`);
    }
  }
  return config;
}

/** Sets (value) or unsets (undefined) one key, atomically and under the config lock. */
export async function writeConfigKey(env: Env, key: keyof Config, value: Config[keyof Config] | undefined): Promise<void> {
  const dir = configDir(env);
  const lock = await acquireLock(join(dir, '.lock'), tildify(dir, env));
  try {
    readConfig(env); // refuse to touch a corrupt file: conf would reset it
    const { default: Conf } = await import('conf');
    const conf = new Conf<Record<string, unknown>>({
      cwd: dir,
      configName: 'config',
      projectName: 'news',
      projectSuffix: '',
      clearInvalidConfig: false,
    });
    if (value === undefined) conf.delete(key);
    else conf.set(key, value);
    if (existsSync(dir)) fsyncDir(dir);
  } finally {
    lock.release();
  }
}
