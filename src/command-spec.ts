// Every command and option of news, as data. Two readers: src/program.ts builds
// commander's program from it (help, suggestions, error messages), and
// src/argv.ts reads the plain command lines with it, without loading commander
// at all. One table, so the two cannot disagree on what an option is called or
// whether it takes a value.

export interface OptionSpec {
  /** As commander writes them: '-n, --limit <n>', '--no-pager', '--json'. */
  flags: string;
  help: string;
  choices?: readonly string[];
  default?: string;
}

export interface CommandSpec {
  name: string;
  alias?: string;
  /** Operands as commander writes them: '<ref>', '[names...]', '<action> [args...]'. */
  operands: string;
  description: string;
  options: readonly OptionSpec[];
  examples: readonly string[];
}

// --color before --no-color: defined the other way round, commander defaults
// color to true and the terminal could no longer decide.
export const GLOBAL_OPTIONS: readonly OptionSpec[] = [
  { flags: '--color', help: 'use color even when not on a terminal' },
  { flags: '--no-color', help: 'never use color (NO_COLOR is honored too)' },
  { flags: '--debug', help: 'show stack traces for errors (or NEWS_DEBUG=1)' },
];

export const PROGRAM_EXAMPLES = [
  'news list                          headlines of the default source',
  'news read 3                        the third article of that list',
  'news list --json | jq -r ".[].title"',
  'news list --source https://example.org/feed.xml --since 1d',
];

const FILTER_OPTIONS: readonly OptionSpec[] = [
  { flags: '-c, --category <name>', help: 'only this category (case-insensitive)' },
  { flags: '-a, --author <name>', help: 'only authors (or sources) containing this text' },
  { flags: '-q, --search <text>', help: 'only articles whose title, summary or body contain every word' },
  { flags: '--since <when>', help: 'only published since a date or a duration ago (30m, 2h, 3d, 1w)' },
  { flags: '--until <when>', help: 'only published until a date or a duration ago' },
  { flags: '--sort <key>', help: 'order by date (newest first), title, or feed (the source\'s order)', choices: ['date', 'title', 'feed'], default: 'date' },
  { flags: '-r, --reverse', help: 'reverse the order' },
];

const SOURCE_OPTIONS: readonly OptionSpec[] = [
  { flags: '-s, --source <file|url|->', help: 'a JSON store, a feed file or URL, or - for standard input (default: NEWS_SOURCE, config, sample)' },
  { flags: '--timeout <seconds>', help: 'network timeout for a URL source (default 20)' },
  { flags: '--max-size <MiB>', help: 'largest body accepted from a URL, after decompression (default 20)' },
];

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'list',
    alias: 'ls',
    operands: '',
    description: 'list headlines: a table on a terminal, tab-separated lines when piped',
    options: [
      { flags: '-n, --limit <n>', help: 'show at most n articles (default: fit the screen on a terminal, all otherwise)' },
      { flags: '--all', help: 'on a terminal, show every article (through the pager when long)' },
      { flags: '-w, --width <columns>', help: 'fit the table to this width instead of the terminal\'s (or COLUMNS)' },
      { flags: '--json', help: 'print a JSON array of articles (schema in the README)' },
      { flags: '--ndjson', help: 'print one JSON article per line, streamed' },
      { flags: '--fields <list>', help: 'with --json/--ndjson, keep only these fields (e.g. title,url)' },
      { flags: '-u, --unread', help: 'only unread articles (local store)' },
      ...FILTER_OPTIONS,
      ...SOURCE_OPTIONS,
    ],
    examples: [
      'news list --category world --since 2h',
      'news list | fzf | cut -f1 | xargs news read',
      'news list --ndjson --fields title,url | jq -r .url',
    ],
  },
  {
    name: 'read',
    operands: '<ref>',
    description: 'show one article: by slug, by row number of `news list`, or by a unique slug prefix; or a web page (URL or .html file) in reader view',
    options: [
      { flags: '--json', help: 'print the article as JSON' },
      { flags: '--full', help: 'fetch the article\'s web page for its whole text (kept in the local store for next time)' },
      { flags: '-w, --width <columns>', help: 'wrap text at this width (default: config width or 80, at most the terminal)' },
      { flags: '--no-pager', help: 'never page long articles' },
      { flags: '--no-mark', help: 'do not mark the article read (local store)' },
      ...FILTER_OPTIONS,
      ...SOURCE_OPTIONS,
    ],
    examples: [
      'news read russia-anticipates-jinping-visit-in-the-days-to-come',
      'news read 2 --category world        row 2 of `news list --category world`',
      'news read russia --json | jq .body',
      'news read 3 --full                  the whole article from its web page',
      'news read https://example.org/story  a web page in reader view',
    ],
  },
  {
    name: 'fetch',
    operands: '[names...]',
    description: 'fetch all (or the named) subscriptions into the local store',
    options: [
      { flags: '-j, --concurrency <n>', help: 'feeds fetched at once (default: config concurrency or 8)' },
      { flags: '--timeout <seconds>', help: 'per-request timeout (default 20)' },
      { flags: '--max-size <MiB>', help: 'largest feed accepted, after decompression (default 20)' },
      { flags: '-f, --force', help: 'fetch feeds that are not due yet (a server\'s Retry-After is still honored)' },
    ],
    examples: [
      'news fetch                          every subscription that is due',
      'news fetch "Hacker News" --timeout 5',
      '*/15 * * * * news fetch 2>>~/.cache/news-fetch.log   (cron)',
    ],
  },
  {
    name: 'feeds',
    operands: '[action] [args...]',
    description: 'manage subscriptions: add, list, remove, rename, import, export (default: list)',
    options: [
      { flags: '--name <name>', help: 'with add: the name to show (default: the feed\'s title)' },
      { flags: '--category <name>', help: 'with add: a category for the subscription' },
      { flags: '--no-check', help: 'with add: do not fetch the feed to check it first' },
      { flags: '--keep-articles', help: 'with remove: keep the feed\'s articles in the local store' },
      { flags: '--json', help: 'with list: print subscriptions as JSON' },
    ],
    examples: [
      'news feeds add https://example.org/feed.xml --category tech',
      'news feeds import subscriptions.opml',
      'news feeds export > subscriptions.opml',
    ],
  },
  {
    name: 'mark',
    operands: '[refs...]',
    description: 'mark articles of the local store read (or --unread)',
    options: [
      { flags: '-u, --unread', help: 'mark unread instead' },
      { flags: '--all', help: 'every article of the list (with the filters given)' },
      ...FILTER_OPTIONS,
    ],
    examples: ['news mark 1 3 4', 'news mark --all --category sports', 'news mark some-slug --unread'],
  },
  {
    name: 'count',
    operands: '',
    description: 'print the number of articles (or --unread ones): for status bars and prompts',
    options: [{ flags: '-u, --unread', help: 'count only unread articles (local store)' }, ...FILTER_OPTIONS, ...SOURCE_OPTIONS],
    examples: ['news count --unread', 'news count --since 1d --category world'],
  },
  {
    name: 'open',
    operands: '<ref>',
    description: 'open an article\'s page in the browser ($BROWSER, else the system\'s opener)',
    options: [{ flags: '--print', help: 'print the URL instead of opening it' }, ...FILTER_OPTIONS, ...SOURCE_OPTIONS],
    examples: ['news open 1', 'news open russia-anticipates', 'BROWSER=w3m news open 3'],
  },
  {
    name: 'completion',
    operands: '<shell>',
    description: 'print a completion script for bash, zsh or fish',
    options: [],
    examples: ['eval "$(news completion bash)"', 'news completion fish > ~/.config/fish/completions/news.fish'],
  },
  {
    name: 'doctor',
    operands: '',
    description: 'check the config and local store, and explain how to recover from problems',
    options: [],
    examples: ['news doctor', 'news doctor && news fetch    (in a script: stop if something is wrong)'],
  },
  {
    name: 'config',
    operands: '<action> [args...]',
    description: 'get, set, unset, list, keys or path of the settings (in XDG_CONFIG_HOME/news)',
    options: [{ flags: '--json', help: 'with list: print the settings as a JSON object' }],
    examples: ['news config set source https://example.org/feed.xml', 'news config get source', 'news config keys'],
  },
];

/** The command a word names, by its name or its alias. */
export function commandNamed(word: string): CommandSpec | undefined {
  return COMMANDS.find((c) => c.name === word || c.alias === word);
}

/**
 * An option's names as typed: `-n` (when it has one) and `--limit`; not its
 * value, such as `<file|url|->`. By string steps, not regular expressions: every
 * `news list` reads its options on start-up, and V8 compiles each regular
 * expression on its first use (a case-insensitive one cost 0.2 ms).
 */
export function flagNames(o: OptionSpec): { short?: string; long: string } {
  let short: string | undefined;
  let long: string | undefined;
  for (const word of o.flags.split(' ')) {
    const name = word.endsWith(',') ? word.slice(0, -1) : word;
    if (name.startsWith('--')) long ??= name;
    else if (name.startsWith('-') && name.length > 1) short ??= name;
  }
  return { short, long: long! };
}
