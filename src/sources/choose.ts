// Which source a command reads: --source, else NEWS_SOURCE, else the configured
// default, else the local store of `news fetch` once it exists, else the
// bundled sample store.
import { join } from 'node:path';
import type { Config } from '../io/config.js';
import { SAMPLE_STORE } from './sample.js';

export type Chosen =
  | { kind: 'given'; source: string }
  | { kind: 'local' }
  /** `dir` holds the store and the build's normalized copy of it (sample.ts). */
  | { kind: 'sample'; source: string; dir: string };

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
  const dir = import.meta.dirname;
  return { kind: 'sample', source: join(dir, SAMPLE_STORE), dir };
}

export const SAMPLE_NOTICE =
  'showing the bundled sample store; subscribe with "news feeds add <url>" then "news fetch", or read any feed with --source <file|url>';
