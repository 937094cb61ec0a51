// Which source a command reads: --source, else NEWS_SOURCE, else the configured
// default, else the local store of `news fetch` once it exists, else the
// bundled sample store.
import { fileURLToPath } from 'node:url';
import type { Config } from '../io/config.js';

export type Chosen =
  | { kind: 'given'; source: string }
  | { kind: 'local' }
  | { kind: 'sample'; source: string };

export function chooseSource(
  flag: string | undefined,
  env: Record<string, string | undefined>,
  config: Config,
  localExists: () => boolean,
): Chosen {
  const given = flag ?? (env.NEWS_SOURCE || undefined) ?? config.source;
  if (given) return { kind: 'given', source: given };
  if (localExists()) return { kind: 'local' };
  // fileURLToPath, not URL.pathname: a checkout under "My Files" would be "My%20Files".
  return { kind: 'sample', source: fileURLToPath(new URL('./sample-store.json', import.meta.url)) };
}

export const SAMPLE_NOTICE =
  'showing the bundled sample store; subscribe with "news feeds add <url>" then "news fetch", or read any feed with --source <file|url>';
