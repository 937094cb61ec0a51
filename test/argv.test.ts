// src/argv.ts must read every line it accepts exactly as commander does, and
// leave the rest to commander. Each line below goes through both: commander's
// program (src/program.ts) with a command runner that records what it is given.
import { describe, expect, it } from 'vitest';
import { type ParsedLine, readLine } from '../src/argv.js';
import { COMMANDS, GLOBAL_OPTIONS, flagNames } from '../src/command-spec.js';
import { runProgram } from '../src/program.js';

async function viaCommander(argv: string[]): Promise<{ ran: ParsedLine | null; code: number | null; output: string }> {
  let ran: ParsedLine | null = null;
  let output = '';
  const code = await runProgram(argv, {
    writeOut: (s) => (output += s),
    writeErr: (s) => (output += s),
    version: '0.0.0',
    run: async (command, operands, opts, withGlobals) => {
      const globals = Object.fromEntries(GLOBAL_OPTIONS.map((o) => /--(?:no-)?([\w-]+)/.exec(o.flags)![1]!).filter((k) => k in withGlobals).map((k) => [k, withGlobals[k]]));
      ran = { command, operands, opts: opts as ParsedLine['opts'], globals: globals as ParsedLine['globals'] };
    },
  });
  return { ran, code, output };
}

const operandsFor = (operands: string) => (operands.startsWith('<') ? ['x'] : []);

/** Lines for a command's every option: each form the fast path may take, and some it must not. */
function linesFor(c: (typeof COMMANDS)[number]): string[][] {
  const out: string[][] = [];
  const base = [c.name, ...operandsFor(c.operands)];
  out.push(base);
  if (c.alias) out.push([c.alias, ...base.slice(1)]);
  for (const o of [...c.options, ...GLOBAL_OPTIONS]) {
    const { short, long } = flagNames(o);
    const takesValue = /[<[]/.test(o.flags);
    const values = takesValue ? (o.choices ? [...o.choices, 'nope'] : ['5', '-', '-3', '', 'a b']) : [];
    for (const flag of [short, long].filter((f) => f !== undefined)) {
      if (!takesValue) {
        out.push([...base, flag], [flag, ...base], [...base, flag, flag], [...base, `${flag}=1`]);
        continue;
      }
      for (const v of values) out.push([...base, flag, v], [...base, `${flag}=${v}`], [...base, flag, v, flag, 'again']);
      out.push([...base, flag]);
      if (short) out.push([...base, `${short}7`]);
    }
  }
  out.push([...base, '--', 'y'], [...base, 'y', 'z'], [c.name], [c.name, '-h'], [c.name, '--help'], [c.name, '--nope'], [c.name, '-V']);
  return out;
}

const OTHER_LINES = [
  [], ['nope'], ['help'], ['help', 'list'], ['--version'], ['--debug'], ['--no-color', '--color', 'list'], ['list', '-ur'], ['read', '-', '--json'],
  ['feeds', 'add', 'https://example.org/feed.xml', '--category', 'tech', '--no-check'], ['config', 'set', 'width', '100'], ['mark', '1', '3', '4', '--unread'],
];

/** Each line the fast path takes must be read exactly as commander reads it; returns how many it took. */
async function agreeWithCommander(lines: string[][]): Promise<number> {
  let taken = 0;
  for (const argv of lines) {
    const fast = readLine(argv);
    if (fast === null) continue; // commander's alone
    taken++;
    const slow = await viaCommander(argv);
    const line = argv.join(' ');
    expect(slow.code, `${line}: ${slow.output}`).toBeNull(); // commander ran the command: no error, no help
    expect(slow.output, line).toBe('');
    expect(fast, line).toEqual(slow.ran);
  }
  return taken;
}

describe('readLine', () => {
  it.each(COMMANDS.map((c) => [c.name, c] as const))('reads every option of %s as commander does, or leaves the line to commander', async (_, c) => {
    expect(await agreeWithCommander(linesFor(c))).toBeGreaterThan(0);
  });

  it('reads other lines as commander does, or leaves them to commander', async () => {
    expect(await agreeWithCommander(OTHER_LINES)).toBeGreaterThan(0);
  });

  it('takes the everyday lines', () => {
    for (const line of [['list'], ['ls', '-n', '5'], ['list', '--json', '--fields', 'title,url'], ['read', '3'], ['read', 'some-slug', '--no-mark'], ['count', '--unread'], ['fetch'], ['list', '--source', '-'], ['--no-color', 'list', '--since', '2h'], ['mark', '1', '2']]) {
      expect(readLine(line), line.join(' ')).not.toBeNull();
    }
    expect(readLine(['list', '-n', '5'])).toEqual({ command: 'list', operands: [], opts: { sort: 'date', limit: '5' }, globals: {} });
    expect(readLine(['read', '3', '--no-pager', '--color'])).toEqual({ command: 'read', operands: ['3'], opts: { sort: 'date', pager: false, mark: true }, globals: { color: true } });
  });

  it('leaves help, version, errors and the rarer forms to commander', () => {
    for (const line of [[], ['--help'], ['-V'], ['list', '-h'], ['list', '--bogus'], ['list', '--sort', 'size'], ['list', '-n'], ['list', '-n5'], ['list', '-ur'], ['list', '--', 'x'], ['read'], ['read', 'a', 'b'], ['help', 'list'], ['list', '-n', '-3'], ['list', '--json=yes']]) {
      expect(readLine(line), line.join(' ')).toBeNull();
    }
  });
});
