// The one edge: reads argv and the environment, decides terminal facts and color,
// runs the command (src/argv.ts, or commander in src/program.ts), and maps typed
// errors to the documented exit codes.
import { readLine } from './argv.js';
import { COMMANDS, flagNames } from './command-spec.js';
import type { Context } from './commands/context.js';
import type { RunCommand } from './program.js';
import { parseDate } from './core/dates.js';
import { EXIT, NewsError, UsageError } from './errors.js';
import { type Config, readConfig } from './io/config.js';
import { sanitizeLine } from './render/sanitize.js';
import { stdWriter } from './io/std-write.js';
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
let stderrStream: NodeJS.WriteStream | undefined;
const errWriter = stdWriter(2, () => (stderrStream ??= process.stderr));
const stderrLine = (line: string) => errWriter.write(`news: ${sanitizeLine(line)}\n`);

// Made when a command first asks for the signal (a fetch, a URL source): an
// AbortController loads node modules that listing a file never needs.
let controller: AbortController | undefined;
const aborter = () => (controller ??= new AbortController());
let paging = false;
process.on('SIGINT', () => {
  if (paging) return; // the pager owns Ctrl-C while it runs, as with git
  aborter().abort();
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
    const chunk = this.bytes ? Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p))) : utf8(parts.join(''));
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

/**
 * The UTF-8 bytes of `text`, written into room for the worst case (3 bytes per
 * UTF-16 unit) rather than by Buffer.from, which measures the text first: for
 * a chunk holding any character beyond Latin-1 that doubled the cost of
 * encoding (55 MB of `--json` from big.xml: ≈ 140 → 60 ms, BENCHMARKS.md).
 * The room is one buffer, reused, and the bytes are copied out of it: a fresh
 * room for each chunk raised the peak RSS of streaming a big store by ≈ 40 MB.
 */
let room = Buffer.allocUnsafeSlow(0);
function utf8(text: string): Buffer {
  if (room.length < text.length * 3) room = Buffer.allocUnsafeSlow(text.length * 3);
  // A copy: a stream may hold the chunk while the room is written again.
  return Buffer.from(room.subarray(0, room.write(text, 'utf8')));
}

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
  const isTTY = outWriter.terminal; // process.stdout.isTTY, without making process.stdout
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
    get signal() {
      return aborter().signal;
    },
    out: (text) => stdout.write(text),
    warn: (m) => stderrLine(`warning: ${m}`),
    notice: (m) => stderrLine(m),
    errIsTTY: errWriter.terminal,
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

type Options = Record<string, unknown>;

/** The commands, each loaded on first use; operands as commander gives them. */
const COMMAND_RUNNERS: Record<string, (operands: string[], opts: Options, ctx: Context) => Promise<void>> = {
  list: async (_, o, ctx) => (await import('./commands/list.js')).runList(o, ctx),
  read: async ([ref], o, ctx) => (await import('./commands/read.js')).runRead(ref!, o, ctx),
  fetch: async (names, o, ctx) => (await import('./commands/fetch.js')).runFetch(names, o, ctx),
  feeds: async ([action, ...args], o, ctx) => (await import('./commands/feeds.js')).runFeeds(action ?? 'list', args, o, ctx),
  mark: async (refs, o, ctx) => (await import('./commands/mark.js')).runMark(refs, o, ctx),
  count: async (_, o, ctx) => (await import('./commands/count.js')).runCount(o, ctx),
  open: async ([ref], o, ctx) => (await import('./commands/open.js')).runOpen(ref!, o, ctx, process.platform),
  completion: async ([shell], _o, ctx) => {
    const { runCompletion } = await import('./commands/completion.js');
    const specs = COMMANDS.map((c) => ({
      name: c.name,
      options: c.options.map((o) => flagNames(o).long).concat('--help'),
    }));
    await runCompletion(shell!, specs, ctx);
  },
  doctor: async (_, _o, ctx) => (await import('./commands/doctor.js')).runDoctor(ctx),
  config: async ([action, ...args], o, ctx) => (await import('./commands/config.js')).runConfig(action!, args, o, ctx),
};

const runCommand: RunCommand = async (command, operands, opts, globals) => {
  await COMMAND_RUNNERS[command]!(operands, opts, await makeContext({ color: globals.color as boolean | undefined }));
};

/** Runs one command line; resolves to its exit code. bin/news.js calls it (the bundle does nothing when loaded). */
export async function runLine(argv: string[]): Promise<number> {
  try {
    // The everyday lines without commander (src/argv.ts); commander for the rest.
    const line = readLine(argv);
    let code: number = EXIT.ok;
    if (line) await runCommand(line.command, line.operands, line.opts, line.globals);
    else {
      const { runProgram } = await import('./program.js');
      const io = { writeOut: (s: string) => void outWriter.write(s), writeErr: (s: string) => void errWriter.write(s), version: VERSION, run: runCommand };
      code = (await runProgram(argv, io)) ?? EXIT.ok;
    }
    await stdout.flush();
    return code;
  } catch (err) {
    await stdout.flush();
    if (err instanceof NewsError) {
      stderrLine(err.message);
      if (debug && err.stack) errWriter.write(`${err.stack}\n`);
      return err.exitCode;
    }
    if (controller?.signal.aborted) return EXIT.interrupted;
    const message = err instanceof Error ? err.message : String(err);
    stderrLine(`unexpected error: ${message}${debug ? '' : ' (run with --debug for details)'}`);
    if (debug && err instanceof Error && err.stack) errWriter.write(`${err.stack}\n`);
    return EXIT.error;
  }
}

/** Ends the process with this code once the command is done. */
export function exitWith(code: number): void {
  // Every command awaits its own work, so once output went out by write(2) alone
  // nothing is left for the event loop but V8's housekeeping: a young-generation
  // collection it schedules as a task, about a millisecond of `news list`. With a
  // stream in use (a terminal, output beyond 64 KiB), the loop drains it first.
  if (!stdoutStream && !stderrStream) process.exit(code);
  process.exitCode = code;
}
