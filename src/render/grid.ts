// A plain table for lists other than headlines (subscriptions): natural column
// widths, shrunk in the given order when the terminal is too narrow.
import Table from 'cli-table3';
import cliTruncate from 'cli-truncate';
import stringWidth from 'string-width';
import { sanitizeLine } from './sanitize.js';
import type { Theme } from './theme.js';

export interface GridOptions {
  width: number;
  theme: Theme;
  /** Column indexes to shrink first when space runs out. */
  shrink: number[];
}

const MIN_COLUMN = 6;

export function renderGrid(head: string[], rows: string[][], o: GridOptions): string {
  const cells = rows.map((r) => r.map(sanitizeLine));
  const widths = head.map((h, k) => Math.max(stringWidth(h), ...cells.map((r) => stringWidth(r[k] ?? ''))));
  const total = () => widths.reduce((s, w) => s + w + 3, 1);
  for (const k of o.shrink) {
    const over = total() - o.width;
    if (over <= 0) break;
    widths[k] = Math.max(MIN_COLUMN, widths[k]! - over);
  }
  const table = new Table({
    head: head.map((h) => o.theme.bold(h)),
    colWidths: widths.map((w) => w + 2),
    wordWrap: false,
    style: { head: [], border: [], 'padding-left': 1, 'padding-right': 1 },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  for (const r of cells) table.push(r.map((c, k) => cliTruncate(c, widths[k]!, { truncationCharacter: '…' })));
  return table.toString() + '\n';
}
