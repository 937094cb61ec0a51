// Turns bench/data/results/*.json into Markdown (bench/data/results.md): the
// machine, then per benchmark the commands, a results table, the targets met or
// missed, notes, and the profile summaries of the misses. BENCHMARKS.md is
// written from it.
//   node bench/report.mjs
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA, mib, ms, times } from './lib.mjs';

const ORDER = ['startup', 'big-store', 'local-store', 'big-feed', 'sync', 'memory'];
const TITLES = {
  startup: '1. Start-up',
  'big-store': '2. A big JSON store',
  'local-store': '3. The local store at scale',
  'big-feed': '4. A big feed',
  sync: '5. Sync',
  memory: '6. Memory',
};

export function report() {
  const dir = join(DATA, 'results');
  if (!existsSync(dir)) return '';
  const all = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')))
    .sort((a, b) => ORDER.indexOf(a.name) - ORDER.indexOf(b.name));
  const out = [];
  const m = all[0]?.machine;
  if (m) {
    out.push(`Machine: ${m.cpu}, ${m.cores} cores, ${m.ramGiB} GiB RAM, Node ${m.node}, ${m.os}.`);
    const b = m.build;
    out.push(
      `news under test: ${b ? `a private build of ${b.from === 'HEAD' ? 'git HEAD' : 'the working tree'} at ${b.commit}${b.uncommitted?.length ? ` plus ${b.uncommitted.length} uncommitted changes in src/` : ''}, built ${b.builtAt}` : m.news}.`,
    );
    out.push('');
  }
  const summary = [['target', 'what', 'measured', 'target', 'met']];
  for (const r of all) for (const t of r.targets) summary.push([t.id, t.what, t.shown, `${t.op} ${t.limitShown}`, t.met ? 'yes' : '**no**']);
  out.push('### All targets', '', table(summary), '');

  for (const r of all) {
    out.push(`### ${TITLES[r.name] ?? r.name}`, '');
    out.push(`Run at ${r.machine.date} (load average at start ${r.machine.loadavg?.map((x) => x.toFixed(2)).join(' ')}).`, '');
    for (const [key, cmp] of Object.entries(r.comparisons)) {
      const rows = Object.values(cmp);
      const runs = rows[0]?.runs;
      out.push(`**${key}** (${runs} runs each, alternating; load ${rows[0]?.load?.map((x) => x.toFixed(1)).join(' → ')}):`, '');
      const hasTtfb = rows.some((s) => s.ttfb != null && s.command.includes('read by the harness'));
      out.push(
        table([
          ['case', 'command', 'median', 'min', 'max', 'ratio', 'peak RSS', 'RSS ratio', ...(hasTtfb ? ['first byte'] : [])],
          ...rows.map((s) => [
            s.name,
            `\`${s.command.replace(/\|/g, '\\|')}\``,
            ms(s.median),
            ms(s.min),
            ms(s.max),
            times(s.ratio),
            mib(s.rss),
            times(s.rssRatio),
            ...(hasTtfb ? [ms(s.ttfb)] : []),
          ]),
        ]),
        '',
      );
    }
    out.push(table([['target', 'what', 'measured', 'target', 'met'], ...r.targets.map((t) => [t.id, t.what + (t.note ? ` (${t.note})` : ''), t.shown, `${t.op} ${t.limitShown}`, t.met ? 'yes' : '**no**'])]), '');
    for (const n of r.notes) out.push(`- ${n}`);
    if (r.notes.length) out.push('');
    for (const [label, p] of Object.entries(r.profiles ?? {})) {
      out.push(`Profile of the miss, \`${p.command}\` (${p.totalMs.toFixed(0)} ms profiled), self time:`, '');
      out.push(table([['by source file', 'ms', '%'], ...p.files.map((f) => [f.file, f.ms.toFixed(0), f.pct.toFixed(1)])]), '');
      out.push(table([['top functions', 'file', 'ms', '%'], ...p.functions.map((f) => [`\`${f.fn}\``, f.file, f.ms.toFixed(0), f.pct.toFixed(1)])]), '');
      if (p.timeline) {
        out.push(
          table([
            ['phase (function on the stack)', 'first–last sample', 'CPU on the stack'],
            ...Object.entries(p.timeline.phases).map(([k, v]) => [k, v.first == null ? 'never' : `${v.first.toFixed(0)}–${v.last.toFixed(0)} ms`, `${v.ms.toFixed(0)} ms`]),
          ]),
          '',
        );
      }
      void label;
    }
  }
  return out.join('\n');
}

function table(rows) {
  rows = rows.map((r) => r.map((c) => String(c).replace(/(?<!\\)\|/g, '\\|')));
  return [`| ${rows[0].join(' | ')} |`, `|${rows[0].map(() => '---').join('|')}|`, ...rows.slice(1).map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const md = report();
  writeFileSync(join(DATA, 'results.md'), md + '\n');
  console.log(md);
}
