// `news completion bash|zsh|fish`: a completion script for commands, their
// options, and article slugs (asked from `news list` of the current source when
// completing `read`, `open` or `mark`).
import { UsageError } from '../errors.js';
import type { Context } from './context.js';

export interface CommandSpec {
  name: string;
  options: string[];
}

const SLUG_COMMANDS = ['read', 'open', 'mark'];

function bash(cmds: CommandSpec[]): string {
  const cases = cmds.map((c) => `    ${c.name}) opts="${c.options.join(' ')}" ;;`).join('\n');
  return `# news completion for bash: add to ~/.bashrc:  eval "$(news completion bash)"
_news() {
  local cur cmd opts
  cur="\${COMP_WORDS[COMP_CWORD]}"
  cmd="\${COMP_WORDS[1]}"
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=( $(compgen -W "${cmds.map((c) => c.name).join(' ')}" -- "$cur") )
    return
  fi
  case "$cmd" in
${cases}
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=( $(compgen -W "$opts" -- "$cur") )
  elif [[ " ${SLUG_COMMANDS.join(' ')} " == *" $cmd "* ]]; then
    COMPREPLY=( $(compgen -W "$(news list 2>/dev/null | cut -f1)" -- "$cur") )
  fi
}
complete -F _news news
`;
}

function zsh(cmds: CommandSpec[]): string {
  return `#compdef news
# news completion for zsh: add to ~/.zshrc:  eval "$(news completion zsh)"
_news() {
  local -a commands
  commands=(${cmds.map((c) => `'${c.name}'`).join(' ')})
  if (( CURRENT == 2 )); then
    compadd -- $commands
    return
  fi
  case $words[2] in
${cmds.map((c) => `    ${c.name}) [[ $PREFIX == -* ]] && compadd -- ${c.options.join(' ')} ;;`).join('\n')}
  esac
  if [[ $PREFIX != -* && " ${SLUG_COMMANDS.join(' ')} " == *" $words[2] "* ]]; then
    compadd -- \${(f)"$(news list 2>/dev/null | cut -f1)"}
  fi
}
compdef _news news
`;
}

function fish(cmds: CommandSpec[]): string {
  const lines = [
    '# news completion for fish: news completion fish > ~/.config/fish/completions/news.fish',
    `complete -c news -f -n '__fish_use_subcommand' -a '${cmds.map((c) => c.name).join(' ')}'`,
  ];
  for (const c of cmds) {
    for (const o of c.options) lines.push(`complete -c news -f -n '__fish_seen_subcommand_from ${c.name}' -l '${o.replace(/^--/, '')}'`);
  }
  lines.push(`complete -c news -f -n '__fish_seen_subcommand_from ${SLUG_COMMANDS.join(' ')}' -a '(news list 2>/dev/null | cut -f1)'`);
  return lines.join('\n') + '\n';
}

export async function runCompletion(shell: string, cmds: CommandSpec[], ctx: Context): Promise<void> {
  const make = { bash, zsh, fish }[shell as 'bash' | 'zsh' | 'fish'];
  if (!make) throw new UsageError(`completion takes bash, zsh or fish, not "${shell}"`);
  await ctx.out(make(cmds));
}
