// Lays the converter's structure out as lines: pending breaks that merge (two
// paragraph ends make one blank line), list markers and indents, quote prefixes, table
// rows and cells, and link footnotes (docs/text-rules.md, "HTML to text").

export interface Link {
  readonly url: string;
  /** The line its text starts on, once it has any; that line's `text` starts with it. */
  line: Line | null;
}

interface Line {
  quote: number;
  indent: number;
  marker: string;
  /** Text before the last link: set apart so that link's text can be replaced by its marker
   * without slicing a long line (which would be quadratic with many links on one line). */
  head: string;
  text: string;
  /** Inside `pre`: not trimmed. */
  verbatim: boolean;
}

interface TableState {
  rowStart: number;
  cellStart: number;
  cellOpen: boolean;
}

interface ListState {
  ordered: boolean;
  next: number;
}

// Only runs other than a single space: most text has none, and then replace() copies nothing.
const WHITESPACE_RUN = /[\t\n\f\r][ \t\n\f\r]*| [ \t\n\f\r]+/g;
const QUOTE = '> ';

export class TextLayout {
  private readonly lines: Line[] = [];
  private cur: Line | null = null;
  private lastLine: Line | null = null;
  /** 1: the next text starts a new line; 2: and a blank line comes before it. */
  private pendingBreak = 0;
  private pendingSpace = false;
  private pendingMarker = '';
  private pendingCellSeparator = false;
  /** Counts writes: a row or cell has content when this moved since it started. */
  private writes = 0;
  private quote = 0;
  private pre = 0;
  /** Open list items and `dd`s; each indents the lines inside it by two spaces. */
  private indent = 0;
  /** Inside lists and tables paragraph breaks are line breaks: each is one paragraph. */
  private flat = 0;
  private readonly lists: ListState[] = [];
  private readonly tables: TableState[] = [];
  private link: Link | null = null;
  private readonly footnotes = new Map<string, number>();

  text(s: string): void {
    if (this.pre > 0) {
      const t = s.includes('\r') ? s.replace(/\r\n?/g, '\n') : s;
      for (let from = 0; ; ) {
        const nl = t.indexOf('\n', from);
        const part = nl < 0 ? t.slice(from) : t.slice(from, nl);
        if (part) this.write(part);
        if (nl < 0) return;
        this.endLine();
        from = nl + 1;
      }
    }
    let t = s.replace(WHITESPACE_RUN, ' ');
    if (t.charCodeAt(0) === 32) {
      this.pendingSpace = true;
      t = t.slice(1);
    }
    if (t === '') return;
    const trailing = t.charCodeAt(t.length - 1) === 32;
    this.write(trailing ? t.slice(0, -1) : t);
    if (trailing) this.pendingSpace = true;
  }

  /** Generated text such as `[image: alt]`. */
  inline(s: string): void {
    this.write(s);
  }

  requestBreak(level: 1 | 2): void {
    // Breaks at the very start of a cell would tear its row apart.
    if (this.inEmptyCell()) return;
    const effective = this.flat > 0 ? 1 : level;
    if (effective > this.pendingBreak) this.pendingBreak = effective;
  }

  /** `br`. */
  lineBreak(): void {
    // `<li><br>text` keeps the text on the bullet's line; a `<br>` opening a cell keeps its row.
    if ((this.pendingMarker && !this.cur) || this.inEmptyCell()) return;
    this.endLine();
  }

  preStart(): void {
    this.requestBreak(2);
    this.pre++;
  }

  preEnd(): void {
    this.pre--;
    this.requestBreak(2);
  }

  quoteStart(): void {
    this.requestBreak(2);
    this.quote++;
  }

  quoteEnd(): void {
    this.quote--;
    this.requestBreak(2);
  }

  listStart(ordered: boolean, start: number): void {
    this.requestBreak(2);
    this.flat++;
    this.lists.push({ ordered, next: start });
  }

  listEnd(): void {
    this.lists.pop();
    this.flat--;
    this.requestBreak(2);
  }

  itemStart(): void {
    this.requestBreak(1);
    this.flat++;
    this.indent++;
    const list = this.lists[this.lists.length - 1];
    this.pendingMarker = list?.ordered ? `${list.next++}. ` : '- ';
  }

  itemEnd(): void {
    this.requestBreak(1);
    this.flat--;
    this.indent--;
    this.pendingMarker = '';
  }

  definitionStart(): void {
    this.requestBreak(1);
    this.indent++;
  }

  definitionEnd(): void {
    this.requestBreak(1);
    this.indent--;
  }

  tableStart(): void {
    this.requestBreak(2);
    this.flat++;
    this.tables.push({ rowStart: this.writes, cellStart: this.writes, cellOpen: false });
  }

  tableEnd(): void {
    this.tables.pop();
    this.flat--;
    this.requestBreak(2);
    this.endRow();
  }

  rowStart(): void {
    this.requestBreak(1);
    const table = this.tables[this.tables.length - 1];
    if (table) table.rowStart = this.writes;
    this.endRow();
  }

  rowEnd(): void {
    this.requestBreak(1);
    this.endRow();
  }

  cellStart(): void {
    const table = this.tables[this.tables.length - 1];
    if (!table) return;
    // Empty cells (layout spacers) get no separator: only cells with text are joined.
    if (this.writes > table.rowStart) this.pendingCellSeparator = true;
    table.cellOpen = true;
    table.cellStart = this.writes;
  }

  cellEnd(): void {
    const table = this.tables[this.tables.length - 1];
    if (table) table.cellOpen = false;
  }

  linkStart(url: string): Link {
    this.link = { url, line: null };
    return this.link;
  }

  linkEnd(link: Link): void {
    if (this.link === link) this.link = null;
    let n = this.footnotes.get(link.url);
    if (n === undefined) {
      n = this.footnotes.size + 1;
      this.footnotes.set(link.url, n);
    }
    const { line } = link;
    if (!line) this.write(`[${n}]`);
    else if (line === this.lastLine && line.text === link.url) line.text = `[${n}]`;
    else (this.lastLine ?? line).text += ` [${n}]`;
  }

  finish(): string {
    if (this.cur) this.lines.push(this.cur);
    this.cur = null;
    const out: string[] = [];
    let prevQuote = 0;
    let blankQuote = -1;
    for (const line of this.lines) {
      const whole = line.head ? line.head + line.text : line.text;
      const content = line.verbatim ? whole : whole.trim();
      if (!line.marker && (line.verbatim ? content.trim() : content) === '') {
        // One blank line for any run of them, quoted only as deep as both its neighbours.
        if (out.length > 0) blankQuote = Math.min(blankQuote < 0 ? prevQuote : blankQuote, line.quote);
        continue;
      }
      if (blankQuote >= 0) out.push(QUOTE.repeat(blankQuote).trimEnd());
      blankQuote = -1;
      let text = line.marker + content;
      if (line.indent) text = ' '.repeat(line.indent) + text;
      if (line.quote) text = QUOTE.repeat(line.quote) + text;
      // Only a bullet with nothing after it ends in a space.
      out.push(content === '' ? text.trimEnd() : text);
      prevQuote = line.quote;
    }
    if (this.footnotes.size > 0) {
      if (out.length > 0) out.push('');
      for (const [url, n] of this.footnotes) out.push(`[${n}] ${url}`);
    }
    return out.join('\n');
  }

  private inEmptyCell(): boolean {
    for (const t of this.tables) if (t.cellOpen && t.cellStart === this.writes) return true;
    return false;
  }

  /** A new row or table: no separator carries over, unless an enclosing cell still waits for its first text. */
  private endRow(): void {
    if (!this.inEmptyCell()) this.pendingCellSeparator = false;
  }

  private write(chunk: string): void {
    // Spacer cells (`<td>&nbsp;</td>`) are layout, not content: they get no separator.
    if (this.tables.length > 0 && chunk.trim() === '' && this.inEmptyCell()) {
      this.pendingSpace = true;
      return;
    }
    if (this.pendingCellSeparator) {
      // A cell's text follows its row's text on the same line, whatever breaks came between.
      if (!this.cur && this.lastLine && this.lines[this.lines.length - 1] === this.lastLine) {
        this.cur = this.lines.pop() ?? null;
      }
      if (this.cur) {
        this.cur.text += ' | ';
        this.pendingBreak = 0;
        this.pendingSpace = false;
      }
      this.pendingCellSeparator = false;
    }
    if (this.pendingBreak) this.applyBreak();
    let line = this.cur;
    if (!line) {
      const marker = this.pendingMarker;
      line = this.cur = {
        quote: this.quote,
        indent: Math.max(0, 2 * this.indent - (marker ? 2 : 0)),
        marker,
        head: '',
        text: '',
        verbatim: this.pre > 0,
      };
    } else if (this.pendingSpace || this.pendingMarker) {
      line.text += this.pendingMarker || ' ';
    }
    this.pendingSpace = false;
    this.pendingMarker = '';
    if (this.link && !this.link.line) {
      this.link.line = line;
      line.head += line.text;
      line.text = '';
    }
    line.text += chunk;
    this.lastLine = line;
    this.writes++;
  }

  private applyBreak(): void {
    if (this.cur) this.lines.push(this.cur);
    this.cur = null;
    if (this.pendingBreak === 2) this.lines.push(this.emptyLine());
    this.pendingBreak = 0;
  }

  /** Ends the current line; on an empty one that leaves an empty line (`a<br><br>b`). */
  private endLine(): void {
    if (this.pendingBreak) this.applyBreak();
    this.lines.push(this.cur ?? this.emptyLine());
    this.cur = null;
    this.pendingSpace = false;
  }

  private emptyLine(): Line {
    return { quote: this.quote, indent: 0, marker: '', head: '', text: '', verbatim: false };
  }
}
