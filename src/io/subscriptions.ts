// Subscriptions (URL, name, category) live in the config file under "feeds",
// written through conf like every setting. Fetch state does not: it lives with
// the articles it describes, in the local store.
import { DataError, NotFoundError } from '../errors.js';
import { configPath, readRawConfig, updateConfig } from './config.js';
import { tildify } from './paths.js';

type Env = Record<string, string | undefined>;

export interface Subscription {
  url: string;
  name: string;
  category: string | null;
}

function check(value: unknown, env: Env): Subscription[] {
  if (value === undefined) return [];
  const where = `config ${tildify(configPath(env), env)}`;
  if (!Array.isArray(value)) throw new DataError(`${where}: "feeds" is not a list; fix or remove it`);
  return value.map((s, i) => {
    if (!s || typeof s !== 'object' || typeof s.url !== 'string' || typeof s.name !== 'string') {
      throw new DataError(`${where}: feed ${i} needs a "url" and a "name"; fix or remove it`);
    }
    return { url: s.url, name: s.name, category: typeof s.category === 'string' && s.category !== '' ? s.category : null };
  });
}

export function readSubscriptions(env: Env): Subscription[] {
  return check(readRawConfig(env).feeds, env);
}

/** Changes the subscription list under the config lock; the change sees the current list. */
export function updateSubscriptions<T>(env: Env, change: (subs: Subscription[]) => T): Promise<T> {
  return updateConfig(env, (conf) => {
    const subs = check(conf.get('feeds'), env);
    const result = change(subs);
    conf.set('feeds', subs.map((s) => (s.category ? s : { url: s.url, name: s.name })));
    return result;
  });
}

/** The subscription a user named, or the not-found error every command gives. */
export function requireSubscription(subs: readonly Subscription[], ref: string): Subscription {
  const sub = findSubscription(subs, ref);
  if (!sub) throw new NotFoundError(`no subscription "${ref}"; see "news feeds list"`);
  return sub;
}

/** A subscription by exact name (case-insensitive) or URL. */
export function findSubscription(subs: readonly Subscription[], ref: string): Subscription | undefined {
  const lower = ref.toLocaleLowerCase('en');
  return subs.find((s) => s.url === ref) ?? subs.find((s) => s.name.toLocaleLowerCase('en') === lower);
}
