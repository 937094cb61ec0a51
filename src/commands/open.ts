// `news open <ref>`: the article's page in a browser. Only http(s) URLs, and the
// browser is spawned directly with the URL as one argument: never through a
// shell, so no URL can inject a command.
import { spawn } from 'node:child_process';
import { selectArticles } from '../core/filter.js';
import { resolveRef } from '../core/resolve-ref.js';
import { DataError, NewsError, UsageError } from '../errors.js';
import { sanitizeLine } from '../render/sanitize.js';
import type { Context } from './context.js';
import { type FilterOptions, type SourceOptions, readArticles, toQuery } from './read-articles.js';

export interface OpenOptions extends SourceOptions, FilterOptions {
  print?: boolean;
}

/** $BROWSER (the first of a colon-separated list; `%s` marks where the URL goes), else the platform's opener. */
export function browserCommand(env: Record<string, string | undefined>, platform: string, url: string): [string, string[]] {
  const browser = env.BROWSER?.split(':').map((b) => b.trim()).find(Boolean);
  if (browser) {
    const [cmd, ...args] = browser.split(/\s+/) as [string, ...string[]];
    return args.some((a) => a.includes('%s')) ? [cmd, args.map((a) => a.replaceAll('%s', url))] : [cmd, [...args, url]];
  }
  if (platform === 'darwin') return ['open', [url]];
  if (platform === 'win32') return ['explorer.exe', [url]];
  return ['xdg-open', [url]];
}

export async function runOpen(ref: string, o: OpenOptions, ctx: Context, platform: string): Promise<void> {
  const query = toQuery(o, ctx.now);
  const set = await readArticles(o, ctx, { ref, query });
  const article = resolveRef(set.ref ?? ref, selectArticles(set.articles, query), set.articles);
  const url = article.url;
  if (!url || !/^https?:\/\//i.test(url)) throw new DataError(`"${sanitizeLine(article.title)}" has no http(s) link to open`);
  if (o.print) return ctx.out(`${sanitizeLine(url)}\n`);
  const [cmd, args] = browserCommand(ctx.env, platform, url);
  await new Promise<void>((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: 'ignore', detached: true, shell: false });
    child.on('error', (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'ENOENT'
          ? new UsageError(`cannot open a browser: "${cmd}" was not found; set BROWSER, or use --print to get the URL`)
          : new NewsError(`cannot open a browser: ${err.message}`),
      ),
    );
    child.on('spawn', () => {
      child.unref();
      resolve();
    });
  });
}
