// The TTY form of `news list`: a table fitted to the terminal by display width
// (CJK and emoji count double). When the terminal is narrow, columns are dropped
// in order of least use (author, category, row number) before the title shrinks
// below a readable width.
import Table from 'cli-table3';
import cliTruncate from 'cli-truncate';
import stringWidth from 'string-width';
import type { Article } from '../article.js';
import { relativeTime } from '../core/relative-time.js';
import { sanitizeLine } from './sanitize.js';
import type { Theme } from './theme.js';

export interface TableOptions {
  now: number;
  width: number;
  theme: Theme;
  /** Row number of the first article (1 unless paging). */
  firstRow?: number;
  isUnread?: (a: Article) => boolean;
}

interface Column {
  key: 'row' | 'title' | 'category' | 'author' | 'age';
  head: string;
  max: number;
  align?: 'right';
  cell: (a: Article, i: number) => string;
}

const MIN_TITLE = 16;
// cli-table3 adds one space of padding on each side and one border per column.
const CELL_OVERHEAD = 3;

export function renderTable(articles: readonly Article[], o: TableOptions): string {
  const first = o.firstRow ?? 1;
  const all: Column[] = [
    { key: 'row', head: '#', max: 6, align: 'right', cell: (_a, i) => String(first + i) },
    { key: 'title', head: 'Title', max: Infinity, cell: (a) => a.title },
    { key: 'category', head: 'Category', max: 16, cell: (a) => a.category ?? '' },
    { key: 'author', head: 'Author', max: 22, cell: (a) => a.author ?? a.source ?? '' },
    { key: 'age', head: 'Age', max: 14, cell: (a) => relativeTime(a.publishedAt, o.now) },
  ];
  const cells = all.map((c) => articles.map((a, i) => sanitizeLine(c.cell(a, i))));
  const natural = all.map((c, k) => Math.min(c.max, Math.max(stringWidth(c.head), ...cells[k]!.map((s) => stringWidth(s)))));

  let keep = all.map((_, k) => k);
  const fits = () => keep.reduce((sum, k) => sum + (all[k]!.key === 'title' ? MIN_TITLE : natural[k]!) + CELL_OVERHEAD, 1) <= o.width;
  for (const drop of ['author', 'category', 'row'] as const) {
    if (fits()) break;
    keep = keep.filter((k) => all[k]!.key !== drop);
  }
  const titleK = all.findIndex((c) => c.key === 'title');
  const others = keep.filter((k) => k !== titleK).reduce((sum, k) => sum + natural[k]! + CELL_OVERHEAD, 1 + CELL_OVERHEAD);
  const widths = new Map(keep.map((k) => [k, k === titleK ? Math.max(4, Math.min(natural[k]!, o.width - others)) : natural[k]!]));

  const t = o.theme;
  const table = new Table({
    head: keep.map((k) => t.bold(all[k]!.head)),
    colWidths: keep.map((k) => widths.get(k)! + 2),
    colAligns: keep.map((k) => all[k]!.align ?? 'left'),
    wordWrap: false,
    // cli-table3 colors heads and borders even when piped: the theme decides instead.
    style: { head: [], border: [], 'padding-left': 1, 'padding-right': 1 },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  articles.forEach((a, i) => {
    const unread = o.isUnread?.(a) ?? false;
    table.push(
      keep.map((k) => {
        const text = cliTruncate(cells[k]![i]!, widths.get(k)!, { truncationCharacter: '…' });
        const key = all[k]!.key;
        if (key === 'title') return unread ? t.unread(text) : text;
        if (key === 'category') return t.category(text);
        if (key === 'age' || key === 'row') return t.dim(text);
        return text;
      }),
    );
  });
  return table.toString() + '\n';
}
