// Which source a command reads: --source, else NEWS_SOURCE, else the configured
// default, else the bundled sample store (the local store of `news fetch` will
// slot in before the sample once it exists).
import type { Config } from '../io/config.js';

export interface Chosen {
  source: string;
  sample: boolean;
}

export function chooseSource(flag: string | undefined, env: Record<string, string | undefined>, config: Config): Chosen {
  const given = flag ?? (env.NEWS_SOURCE || undefined) ?? config.source;
  if (given) return { source: given, sample: false };
  return { source: new URL('./sample-store.json', import.meta.url).pathname, sample: true };
}

export const SAMPLE_NOTICE =
  'showing the bundled sample store; read your own with --source <file|url>, or make one the default with "news config set source <file|url>"';
