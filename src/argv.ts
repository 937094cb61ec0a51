// The command lines people and scripts type every day (`news list -n 5`,
// `news read 3 --json`, `news count --unread`), read without commander. Loading
// and building commander's program is a tenth of `news list`'s whole run, so
// commander is loaded only for what this reader declines: help, version, errors
// of any kind, and the forms it does not take (`-un`, `-n5`, `--`, an option's
// value that starts with a dash). Then commander reads the line from the start
// and words the answer: a declined line never half-runs.
//
// What it accepts, it must read exactly as commander would (same option names,
// defaults and choices, from the same table: src/command-spec.ts);
// test/argv.test.ts compares the two on every option of every command.
import { type CommandSpec, GLOBAL_OPTIONS, type OptionSpec, commandNamed, flagNames } from './command-spec.js';

export interface ParsedLine {
  command: string;
  operands: string[];
  /** As commander's cmd.opts(): camelCase keys, defaults applied. */
  opts: Record<string, string | boolean>;
  /** The program's options (--color, --no-color, --debug), wherever they were given. */
  globals: Record<string, string | boolean>;
}

interface Flag {
  key: string;
  takesValue: boolean;
  /** For --no-x: the value given is false. */
  negated: boolean;
  choices?: readonly string[];
}

/** `max-size` → `maxSize`, as commander names an option's key. */
function camel(name: string): string {
  const parts = name.split('-');
  for (let i = 1; i < parts.length; i++) parts[i] = parts[i]!.charAt(0).toUpperCase() + parts[i]!.slice(1);
  return parts.join('');
}

function flagsOf(options: readonly OptionSpec[]): { byName: Map<string, Flag>; defaults: Record<string, string | boolean> } {
  const byName = new Map<string, Flag>();
  const defaults: Record<string, string | boolean> = {};
  const names = options.map(flagNames);
  const positive = new Set(names.filter(({ long }) => !long.startsWith('--no-')).map(({ long }) => long.slice(2)));
  options.forEach((o, i) => {
    const { short, long } = names[i]!;
    const negated = long.startsWith('--no-');
    const key = camel(negated ? long.slice(5) : long.slice(2));
    const flag: Flag = { key, takesValue: o.flags.includes('<') || o.flags.includes('['), negated, choices: o.choices };
    byName.set(long, flag);
    if (short) byName.set(short, flag);
    // As commander: --no-x alone defaults x to true; with --x also defined, x has no default.
    if (negated && !positive.has(long.slice(5))) defaults[key] = true;
    if (o.default !== undefined) defaults[key] = o.default;
  });
  return { byName, defaults };
}

const globals = flagsOf(GLOBAL_OPTIONS);

/** The command a word names, with its flags read from the table only for the command being run. */
function commandEntry(word: string): { spec: CommandSpec; flags: ReturnType<typeof flagsOf> } | undefined {
  const spec = commandNamed(word);
  return spec && { spec, flags: flagsOf(spec.options) };
}

/** How many operands the command takes: [least, most]. */
function arity(operands: string): [number, number] {
  const words = operands.split(' ').filter(Boolean);
  const least = words.filter((w) => w.startsWith('<')).length;
  return [least, words.some((w) => w.endsWith('...>') || w.endsWith('...]')) ? Infinity : words.length];
}

/** The line read as commander would read it, or null to leave it to commander. */
export function readLine(argv: readonly string[]): ParsedLine | null {
  const given: Record<string, string | boolean> = {};
  let i = 0;
  // Program options before the command.
  for (; i < argv.length && argv[i]!.startsWith('-'); i++) {
    const flag = globals.byName.get(argv[i]!);
    if (!flag || flag.takesValue) return null;
    given[flag.key] = !flag.negated;
  }
  const entry = i < argv.length ? commandEntry(argv[i]!) : undefined;
  if (!entry) return null;
  const opts: Record<string, string | boolean> = { ...entry.flags.defaults };
  const operands: string[] = [];
  for (i++; i < argv.length; i++) {
    const word = argv[i]!;
    if (!word.startsWith('-') || word === '-') {
      if (word === '-') return null;
      operands.push(word);
      continue;
    }
    const eq = word.startsWith('--') ? word.indexOf('=') : -1;
    const name = eq === -1 ? word : word.slice(0, eq);
    const own = entry.flags.byName.get(name);
    const flag = own ?? globals.byName.get(name);
    if (!flag) return null; // unknown, -h, -V, --, -un, -n5: commander's
    let value: string | boolean;
    if (!flag.takesValue) {
      if (eq !== -1) return null;
      value = !flag.negated;
    } else {
      const next = eq !== -1 ? word.slice(eq + 1) : argv[++i];
      if (next === undefined || (next.startsWith('-') && next !== '-')) return null;
      if (flag.choices && !flag.choices.includes(next)) return null;
      value = next;
    }
    (own ? opts : given)[flag.key] = value;
  }
  const [least, most] = arity(entry.spec.operands);
  if (operands.length < least || operands.length > most) return null;
  return { command: entry.spec.name, operands, opts, globals: given };
}
