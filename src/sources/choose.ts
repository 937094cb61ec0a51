// Which source a command reads: --source, else NEWS_SOURCE, else the configured
// default, else the local store of `news fetch` once it exists, else the
// bundled sample store.
import { join } from 'node:path';
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
  // Beside the bundle (dist/): the build copies it there.
  return { kind: 'sample', source: join(import.meta.dirname, 'sample-store.json') };
}

export const SAMPLE_NOTICE =
  'showing the bundled sample store; subscribe with "news feeds add <url>" then "news fetch", or read any feed with --source <file|url>';
