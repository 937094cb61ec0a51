// commander's program, built from src/command-spec.ts: loaded only for the lines
// src/argv.ts leaves to it (help, version, usage errors with suggestions, the
// rarer option forms). It reads the line itself and runs the same command
// functions as the fast path.
import { Command, CommanderError, Option } from 'commander';
import { COMMANDS, GLOBAL_OPTIONS, type OptionSpec, PROGRAM_EXAMPLES, commandNamed } from './command-spec.js';
import { EXIT } from './errors.js';

export type RunCommand = (command: string, operands: string[], opts: Record<string, unknown>, globals: Record<string, unknown>) => Promise<void>;

export interface ProgramIo {
  writeOut(text: string): void;
  writeErr(text: string): void;
  version: string;
  run: RunCommand;
}

function examples(lines: readonly string[]): string {
  return `\nExamples:\n${lines.map((l) => `  ${l}`).join('\n')}\n`;
}

function addOptions(cmd: Command, options: readonly OptionSpec[]): Command {
  for (const o of options) {
    if (o.choices || o.default !== undefined) {
      const option = new Option(o.flags, o.help);
      if (o.choices) option.choices(o.choices);
      if (o.default !== undefined) option.default(o.default);
      cmd.addOption(option);
    } else {
      cmd.option(o.flags, o.help);
    }
  }
  return cmd;
}

/** The program, with every command or (`only`) just the one being run. */
export function buildProgram(io: ProgramIo, only?: string): Command {
  const program = new Command('news')
    .description('Read news from feeds and stores in the terminal, or pipe it into other tools.')
    .version(io.version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help');
  addOptions(program, GLOBAL_OPTIONS)
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: io.writeOut,
      writeErr: io.writeErr,
      outputError: (s, write) => write(`news: ${s.replace(/^error: /, '')}`),
    })
    .addHelpText('after', examples(PROGRAM_EXAMPLES));

  for (const spec of COMMANDS) {
    if (only !== undefined && only !== spec.name) continue;
    const cmd = program.command(`${spec.name}${spec.operands ? ` ${spec.operands}` : ''}`);
    if (spec.alias) cmd.alias(spec.alias);
    cmd.description(spec.description);
    addOptions(cmd, spec.options)
      .addHelpText('after', examples(spec.examples))
      .action(async (...params: unknown[]) => {
        const self = params.at(-1) as Command;
        await io.run(spec.name, self.args, self.opts(), self.optsWithGlobals());
      });
  }
  return program;
}

/**
 * Reads and runs the line with commander. Resolves to the exit code of what
 * commander itself answered (help and version ok, anything it rejects a usage
 * error), or null when a command ran; the command's own errors are thrown.
 */
export async function runProgram(argv: string[], io: ProgramIo): Promise<number | null> {
  // When the first argument names a command, only it is defined: it runs, parses
  // its options and reports its errors alone, and all ten, with some sixty
  // options, take commander longer to build. `news help`, `news --help` and
  // anything else get them all.
  const program = buildProgram(io, argv[0] === undefined ? undefined : commandNamed(argv[0])?.name);
  if (argv.length === 0) {
    program.outputHelp(); // an overview with examples, not an error
    return EXIT.ok;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return null;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    throw err;
  }
}
