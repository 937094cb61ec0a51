// The one edge: reads argv and the environment, decides terminal facts and color,
// wires commander, and maps typed errors to the documented exit codes.
import { Command, CommanderError, Option } from 'commander';
import type { Context } from './commands/context.js';
import { parseDate } from './core/dates.js';
import { EXIT, NewsError, UsageError } from './errors.js';
import { type Config, readConfig } from './io/config.js';
import { sanitizeLine } from './render/sanitize.js';
import { isTerminal, stdWriter } from './io/std-write.js';
import { colorLevel, makeTheme } from './render/theme.js';

declare const __NEWS_VERSION__: string;
const VERSION = typeof __NEWS_VERSION__ === 'string' ? __NEWS_VERSION__ : '0.0.0-dev';

const env = process.env;
const debug = process.argv.includes('--debug') || env.NEWS_DEBUG === '1';

// process.stdout and process.stderr are made only when needed (see std-write.ts).
let stdoutStream: NodeJS.WriteStream | undefined;
const outWriter = stdWriter(1, () => {
  if (stdoutStream) return stdoutStream;
  stdoutStream = process.stdout;
  // `news list | head -1`: the reader went away. That is a normal end, not an error.
  stdoutStream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(EXIT.ok);
    stderrLine(`cannot write output: ${err.message}`);
    process.exit(EXIT.error);
  });
  return stdoutStream;
});
const errWriter = stdWriter(2, () => process.stderr);
const stderrLine = (line: string) => errWriter.write(`news: ${sanitizeLine(line)}\n`);

const controller = new AbortController();
let paging = false;
process.on('SIGINT', () => {
  if (paging) return; // the pager owns Ctrl-C while it runs, as with git
  controller.abort();
  setTimeout(() => process.exit(EXIT.interrupted), 1000).unref();
});

// Output is gathered into chunks of about 64 KiB: one write per line costs a
// system call each, which dominated listing 100,000 articles through a pipe.
class BufferedStdout {
  private parts: (string | Uint8Array)[] = [];
  private size = 0;
  private bytes = false;
  async write(data: string | Uint8Array): Promise<void> {
    this.parts.push(data);
    this.size += data.length;
    if (typeof data !== 'string') this.bytes = true;
    if (this.size >= 65_536) await this.flush();
  }
  flush(): Promise<void> {
    if (this.size === 0) return Promise.resolve();
    const parts = this.parts;
    const chunk = this.bytes ? Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p))) : parts.join('');
    this.parts = [];
    this.size = 0;
    this.bytes = false;
    return new Promise((resolve) => {
      if (outWriter.write(chunk)) resolve();
      else outWriter.stream().once('drain', resolve);
    });
  }
}
const stdout = new BufferedStdout();

function nowFromEnv(): number {
  const fixed = env.NEWS_NOW;
  if (fixed === undefined || fixed === '') return Date.now();
  const ms = parseDate(fixed);
  if (ms == null) throw new UsageError(`NEWS_NOW is not a date: "${fixed}" (use ISO 8601, e.g. 2025-06-09T11:00:00Z)`);
  return ms;
}

function positiveEnv(name: string): number | null {
  const n = Number(env[name]);
  return Number.isInteger(n) && n > 0 ? n : null;
}

async function makeContext(globals: { color?: boolean }): Promise<Context> {
  const isTTY = isTerminal(1); // process.stdout.isTTY, without making process.stdout
  let config: Config | undefined;
  // Read only when a command needs it, so `news config path` works with a broken file.
  const getConfig = () => (config ??= readConfig(env));
  let configColor: Config['color'];
  try {
    configColor = getConfig().color;
  } catch {
    configColor = undefined; // the command that needs the config reports it
  }
  const theme = await makeTheme(colorLevel({ isTTY, env, flag: globals.color, config: configColor }));
  return {
    env,
    now: nowFromEnv(),
    isTTY,
    columns: positiveEnv('COLUMNS') ?? (isTTY ? outWriter.stream().columns : undefined) ?? 80,
    rows: positiveEnv('LINES') ?? (isTTY ? outWriter.stream().rows : undefined) ?? 24,
    theme,
    get config() {
      return getConfig();
    },
    version: VERSION,
    signal: controller.signal,
    out: (text) => stdout.write(text),
    warn: (m) => stderrLine(`warning: ${m}`),
    notice: (m) => stderrLine(m),
    errIsTTY: isTerminal(2),
    errWrite: (text) => errWriter.write(text),
    readStdin: async () => {
      if (process.stdin.isTTY) throw new UsageError('--source - reads standard input, but it is a terminal: pipe a store or feed into news');
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
    page: async (text) => {
      await stdout.flush();
      const { page } = await import('./io/pager.js');
      paging = true;
      try {
        await page(text, env, (s) => outWriter.write(s));
      } finally {
        paging = false;
      }
    },
  };
}

function examples(lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  ${l}`).join('\n')}\n`;
}

/** The program, with every command or (`only`) just the one being run. */
function buildProgram(only?: string): Command {
  const defines = (name: string) => only === undefined || only === name;
  const program = new Command('news')
    .description('Read news from feeds and stores in the terminal, or pipe it into other tools.')
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    // --color first: defined the other way round, commander defaults color to true
    // and the terminal could no longer decide.
    .option('--color', 'use color even when not on a terminal')
    .option('--no-color', 'never use color (NO_COLOR is honored too)')
    .option('--debug', 'show stack traces for errors (or NEWS_DEBUG=1)')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => outWriter.write(s),
      writeErr: (s) => errWriter.write(s),
      outputError: (s, write) => write(`news: ${s.replace(/^error: /, '')}`),
    })
    .addHelpText('after', examples([
      'news list                          headlines of the default source',
      'news read 3                        the third article of that list',
      'news list --json | jq -r ".[].title"',
      'news list --source https://example.org/feed.xml --since 1d',
    ]));

  const sourceOptions = (cmd: Command) =>
    cmd
      .option('-s, --source <file|url|->', 'a JSON store, a feed file or URL, or - for standard input (default: NEWS_SOURCE, config, sample)')
      .option('--timeout <seconds>', 'network timeout for a URL source (default 20)')
      .option('--max-size <MiB>', 'largest body accepted from a URL, after decompression (default 20)');
  const filterOptions = (cmd: Command) =>
    cmd
      .option('-c, --category <name>', 'only this category (case-insensitive)')
      .option('-a, --author <name>', 'only authors (or sources) containing this text')
      .option('-q, --search <text>', 'only articles whose title, summary or body contain every word')
      .option('--since <when>', 'only published since a date or a duration ago (30m, 2h, 3d, 1w)')
      .option('--until <when>', 'only published until a date or a duration ago')
      .addOption(new Option('--sort <key>', 'order by date (newest first), title, or feed (the source\'s order)').choices(['date', 'title', 'feed']).default('date'))
      .option('-r, --reverse', 'reverse the order');

  if (defines('list')) {
    const list = program
      .command('list')
      .alias('ls')
      .description('list headlines: a table on a terminal, tab-separated lines when piped')
      .option('-n, --limit <n>', 'show at most n articles (default: fit the screen on a terminal, all otherwise)')
      .option('--all', 'on a terminal, show every article (through the pager when long)')
      .option('-w, --width <columns>', 'fit the table to this width instead of the terminal\'s (or COLUMNS)')
      .option('--json', 'print a JSON array of articles (schema in the README)')
      .option('--ndjson', 'print one JSON article per line, streamed')
      .option('--fields <list>', 'with --json/--ndjson, keep only these fields (e.g. title,url)')
      .option('-u, --unread', 'only unread articles (local store)');
    sourceOptions(filterOptions(list))
      .addHelpText('after', examples([
        'news list --category world --since 2h',
        'news list | fzf | cut -f1 | xargs news read',
        'news list --ndjson --fields title,url | jq -r .url',
      ]))
      .action(async (opts, cmd: Command) => {
        const { runList } = await import('./commands/list.js');
        await runList(opts, await makeContext(cmd.optsWithGlobals()));
      });
  }

  if (defines('read')) {
    const read = program
      .command('read <ref>')
      .description('show one article: by slug, by row number of `news list`, or by a unique slug prefix; or a web page (URL or .html file) in reader view')
      .option('--json', 'print the article as JSON')
      .option('--full', 'fetch the article\'s web page for its whole text (kept in the local store for next time)')
      .option('-w, --width <columns>', 'wrap text at this width (default: config width or 80, at most the terminal)')
      .option('--no-pager', 'never page long articles')
      .option('--no-mark', 'do not mark the article read (local store)');
    sourceOptions(filterOptions(read))
      .addHelpText('after', examples([
        'news read russia-anticipates-jinping-visit-in-the-days-to-come',
        'news read 2 --category world        row 2 of `news list --category world`',
        'news read russia --json | jq .body',
        'news read 3 --full                  the whole article from its web page',
        'news read https://example.org/story  a web page in reader view',
      ]))
      .action(async (ref: string, opts, cmd: Command) => {
        const { runRead } = await import('./commands/read.js');
        await runRead(ref, opts, await makeContext(cmd.optsWithGlobals()));
      });
  }

  if (defines('fetch')) {
    program
      .command('fetch [names...]')
      .description('fetch all (or the named) subscriptions into the local store')
      .option('-j, --concurrency <n>', 'feeds fetched at once (default: config concurrency or 8)')
      .option('--timeout <seconds>', 'per-request timeout (default 20)')
      .option('--max-size <MiB>', 'largest feed accepted, after decompression (default 20)')
      .option('-f, --force', 'fetch feeds that are not due yet (a server\'s Retry-After is still honored)')
      .addHelpText('after', examples([
        'news fetch                          every subscription that is due',
        'news fetch "Hacker News" --timeout 5',
        '*/15 * * * * news fetch 2>>~/.cache/news-fetch.log   (cron)',
      ]))
      .action(async (names: string[], opts, cmd: Command) => {
        const { runFetch } = await import('./commands/fetch.js');
        await runFetch(names, opts, await makeContext(cmd.optsWithGlobals()));
      });
  }

  if (defines('feeds')) {
    program
      .command('feeds [action] [args...]')
      .description('manage subscriptions: add, list, remove, rename, import, export (default: list)')
      .option('--name <name>', 'with add: the name to show (default: the feed\'s title)')
      .option('--category <name>', 'with add: a category for the subscription')
      .option('--no-check', 'with add: do not fetch the feed to check it first')
      .option('--keep-articles', 'with remove: keep the feed\'s articles in the local store')
      .option('--json', 'with list: print subscriptions as JSON')
      .addHelpText('after', examples([
        'news feeds add https://example.org/feed.xml --category tech',
        'news feeds import subscriptions.opml',
        'news feeds export > subscriptions.opml',
      ]))
      .action(async (action: string | undefined, args: string[], opts, cmd: Command) => {
        const { runFeeds } = await import('./commands/feeds.js');
        await runFeeds(action ?? 'list', args, opts, await makeContext(cmd.optsWithGlobals()));
      });
  }

  if (defines('mark')) {
    filterOptions(
      program
        .command('mark [refs...]')
        .description('mark articles of the local store read (or --unread)')
        .option('-u, --unread', 'mark unread instead')
        .option('--all', 'every article of the list (with the filters given)'),
    )
      .addHelpText('after', examples(['news mark 1 3 4', 'news mark --all --category sports', 'news mark some-slug --unread']))
      .action(async (refs: string[], opts, cmd: Command) => {
        const { runMark } = await import('./commands/mark.js');
        await runMark(refs, opts, await makeContext(cmd.optsWithGlobals()));
      });
  }

  if (defines('count')) {
    sourceOptions(
      filterOptions(
        program
          .command('count')
          .description('print the number of articles (or --unread ones): for status bars and prompts')
          .option('-u, --unread', 'count only unread articles (local store)'),
      ),
    )
      .addHelpText('after', examples(['news count --unread', 'news count --since 1d --category world']))
      .action(async (opts, cmd: Command) => {
        const { runCount } = await import('./commands/count.js');
        await runCount(opts, await makeContext(cmd.optsWithGlobals()));
      });
  }

  if (defines('open')) {
    sourceOptions(
      filterOptions(
        program
          .command('open <ref>')
          .description('open an article\'s page in the browser ($BROWSER, else the system\'s opener)')
          .option('--print', 'print the URL instead of opening it'),
      ),
    )
      .addHelpText('after', examples(['news open 1', 'news open russia-anticipates', 'BROWSER=w3m news open 3']))
      .action(async (ref: string, opts, cmd: Command) => {
        const { runOpen } = await import('./commands/open.js');
        await runOpen(ref, opts, await makeContext(cmd.optsWithGlobals()), process.platform);
      });
  }

  if (defines('completion')) {
    program
      .command('completion <shell>')
      .description('print a completion script for bash, zsh or fish')
      .addHelpText('after', examples(['eval "$(news completion bash)"', 'news completion fish > ~/.config/fish/completions/news.fish']))
      .action(async (shell: string, _opts, cmd: Command) => {
        const { runCompletion } = await import('./commands/completion.js');
        const specs = program.commands.map((c) => ({
          name: c.name(),
          options: c.options.flatMap((o) => (o.long ? [o.long] : [])).concat('--help'),
        }));
        await runCompletion(shell, specs, await makeContext(cmd.optsWithGlobals()));
      });
  }

  if (defines('doctor')) {
    program
      .command('doctor')
      .description('check the config and local store, and explain how to recover from problems')
      .addHelpText('after', examples(['news doctor', 'news doctor && news fetch    (in a script: stop if something is wrong)']))
      .action(async (_opts, cmd: Command) => {
        const { runDoctor } = await import('./commands/doctor.js');
        await runDoctor(await makeContext(cmd.optsWithGlobals()));
      });
  }

  if (defines('config')) {
    program
      .command('config <action> [args...]')
      .description('get, set, unset, list, keys or path of the settings (in XDG_CONFIG_HOME/news)')
      .option('--json', 'with list: print the settings as a JSON object')
      .addHelpText('after', examples([
        'news config set source https://example.org/feed.xml',
        'news config get source',
        'news config keys',
      ]))
      .action(async (action: string, args: string[], opts, cmd: Command) => {
        const { runConfig } = await import('./commands/config.js');
        await runConfig(action, args, opts, await makeContext(cmd.optsWithGlobals()));
      });
  }
  return program;
}

// Commands that run, parse their options and report their errors without any
// other command defined. When the first argument names one, only it is defined:
// all ten, with some sixty options, take commander longer than news list takes
// to list the sample store. help, completion (which lists every command) and
// anything else get them all.
const RUNS_ALONE: Record<string, string> = {
  list: 'list', ls: 'list', read: 'read', fetch: 'fetch', feeds: 'feeds', mark: 'mark',
  count: 'count', open: 'open', doctor: 'doctor', config: 'config',
};

async function main(argv: string[]): Promise<number> {
  const first = argv[0];
  const program = buildProgram(first !== undefined && Object.hasOwn(RUNS_ALONE, first) ? RUNS_ALONE[first] : undefined);
  if (argv.length === 0) {
    program.outputHelp(); // an overview with examples, not an error
    return EXIT.ok;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    await stdout.flush();
    return EXIT.ok;
  } catch (err) {
    await stdout.flush();
    if (err instanceof CommanderError) {
      // help and version exit 0; everything commander rejects is a usage error
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (err instanceof NewsError) {
      stderrLine(err.message);
      if (debug && err.stack) errWriter.write(`${err.stack}\n`);
      return err.exitCode;
    }
    if (controller.signal.aborted) return EXIT.interrupted;
    const message = err instanceof Error ? err.message : String(err);
    stderrLine(`unexpected error: ${message}${debug ? '' : ' (run with --debug for details)'}`);
    if (debug && err instanceof Error && err.stack) errWriter.write(`${err.stack}\n`);
    return EXIT.error;
  }
}

// No top-level await: the bundle is a CommonJS script (see scripts/build.mjs).
void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
