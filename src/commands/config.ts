// `news config get|set|unset|list|path`.
import { NotFoundError, UsageError } from '../errors.js';
import { CONFIG_KEYS, type Config, configPath, isConfigKey, readConfig, writeConfigKey } from '../io/config.js';
import { stringifyJson } from '../render/json.js';
import { sanitizeLine } from '../render/sanitize.js';
import type { Context } from './context.js';

function key(name: string | undefined): keyof Config {
  if (name === undefined) throw new UsageError(`name a key: ${Object.keys(CONFIG_KEYS).join(', ')}`);
  if (!isConfigKey(name)) throw new UsageError(`unknown config key "${name}"; keys are ${Object.keys(CONFIG_KEYS).join(', ')}`);
  return name;
}

export async function runConfig(action: string, args: string[], o: { json?: boolean }, ctx: Context): Promise<void> {
  switch (action) {
    case 'path':
      return ctx.out(configPath(ctx.env) + '\n');
    case 'list': {
      const config = readConfig(ctx.env);
      if (o.json) return ctx.out(stringifyJson(config, 2) + '\n');
      for (const [k, v] of Object.entries(config)) await ctx.out(`${k}=${sanitizeLine(String(v))}\n`);
      return;
    }
    case 'keys':
      for (const [k, spec] of Object.entries(CONFIG_KEYS)) await ctx.out(`${k}\t${spec.describe}\n`);
      return;
    case 'get': {
      const k = key(args[0]);
      const value = readConfig(ctx.env)[k];
      if (value === undefined) throw new NotFoundError(`${k} is not set`);
      return ctx.out(sanitizeLine(String(value)) + '\n');
    }
    case 'set': {
      const k = key(args[0]);
      if (args[1] === undefined) throw new UsageError(`give a value: news config set ${k} <value>`);
      await writeConfigKey(ctx.env, k, CONFIG_KEYS[k].parse(args[1]));
      return;
    }
    case 'unset':
      return writeConfigKey(ctx.env, key(args[0]), undefined);
    default:
      throw new UsageError(`unknown config action "${action}"; use get, set, unset, list, keys or path`);
  }
}
