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
  retention?: number;
  concurrency?: number;
  minInterval?: number;
  maxInterval?: number;
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

const int = (key: string, min: number, max: number) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`${key} takes a whole number from ${min} to ${max}, not "${v}"`);
  return n;
};

export const CONFIG_KEYS: Record<keyof Config, KeySpec> = {
  source: { describe: 'default source: a store or feed file, or an http(s) URL', parse: (v) => v },
  width: {
    describe: 'maximum width of `news read` text (20-400; default 80)',
    parse: int('width', 20, 400),
  },
  pager: { describe: 'page long output on a terminal (true/false; default true)', parse: bool('pager') },
  retention: { describe: 'articles kept per feed in the local store (default 1000)', parse: int('retention', 1, 1_000_000) },
  concurrency: { describe: 'feeds fetched at once by `news fetch` (1-64; default 8)', parse: int('concurrency', 1, 64) },
  minInterval: { describe: 'minutes before a feed is requested again, at least (default 15)', parse: int('minInterval', 1, 10_080) },
  maxInterval: { describe: 'minutes before a feed is requested again, at most (default 1440)', parse: int('maxInterval', 1, 43_200) },
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

/** The config file as a JSON object (a missing file is empty); corrupt ones are reported. */
export function readRawConfig(env: Env): Record<string, unknown> {
  const path = configPath(env);
  // Asked first, because the first error a run makes node throw costs half a
  // millisecond to build; a file removed in between is still read as missing.
  if (!existsSync(path)) return {};
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
  return data as Record<string, unknown>;
}

/** Reads and checks the settings; a missing file is an empty config. */
export function readConfig(env: Env): Config {
  const config: Config = {};
  for (const [key, value] of Object.entries(readRawConfig(env))) {
    if (!isConfigKey(key)) continue; // subscriptions and keys of later versions are not settings
    try {
      (config as Record<string, unknown>)[key] = CONFIG_KEYS[key].parse(String(value));
    } catch (err) {
      throw new DataError(`config ${tildify(configPath(env), env)}: ${(err as Error).message}; fix it with "news config set ${key} <value>"`);
    }
  }
  return config;
}

export interface ConfStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

/** Runs one change of the config file through conf, atomically and under the config lock. */
export async function updateConfig<T>(env: Env, change: (conf: ConfStore) => T): Promise<T> {
  const dir = configDir(env);
  const lock = await acquireLock(join(dir, '.lock'), `writing ${tildify(dir, env)}`);
  try {
    readRawConfig(env); // refuse to touch a corrupt file: conf would reset it
    const { default: Conf } = await import('conf');
    const conf = new Conf<Record<string, unknown>>({
      cwd: dir,
      configName: 'config',
      projectName: 'news',
      projectSuffix: '',
      clearInvalidConfig: false,
    });
    const result = change(conf as unknown as ConfStore);
    if (existsSync(dir)) fsyncDir(dir);
    return result;
  } finally {
    lock.release();
  }
}

/** Sets (value) or unsets (undefined) one setting. */
export function writeConfigKey(env: Env, key: keyof Config, value: Config[keyof Config] | undefined): Promise<void> {
  return updateConfig(env, (conf) => (value === undefined ? conf.delete(key) : conf.set(key, value)));
}
