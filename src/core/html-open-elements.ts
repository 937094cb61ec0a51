// The stack of open elements, kept the way browsers keep it where that matters for
// text: implied end tags (a new `li` ends the previous one), end tags that do not reach
// out of a table cell, and dropped elements. A loop over an array, never recursion.

import {
  BUTTON_SCOPE, CELL_SCOPE, CLOSES_P, DROPPED, HEAD_CONTENT, ITEM_SCOPE, ROW_SCOPE, TABLE_PART, TABLE_SCOPE,
} from './html-elements.js';

/**
 * The stack, bounded by `maxDepth`: deeper start tags are ignored (their text is kept),
 * which also bounds every search of the stack. A dropped element may go one past the
 * bound so that its content is still dropped.
 */
export class OpenElements<E extends { readonly name: string }> {
  readonly items: E[] = [];
  /** Each item's html-elements.ts bits. */
  private readonly flags: number[] = [];
  /** Index of the outermost open dropped element, or -1. */
  private dropAt = -1;
  /** Open elements per name, so a stray end tag is O(1) however deep the stack is. */
  private readonly counts = new Map<string, { n: number }>();
  /** Each item's counter, so popping needs no lookup. */
  private readonly counters: { n: number }[] = [];

  constructor(
    private readonly maxDepth: number,
    private readonly onPop: (element: E) => void,
  ) {}

  get dropping(): boolean {
    return this.dropAt >= 0;
  }

  /** Index of the outermost open dropped element, or -1. */
  get dropIndex(): number {
    return this.dropAt;
  }

  canPush(flags: number): boolean {
    return this.items.length < this.maxDepth || (this.dropAt < 0 && (flags & DROPPED) !== 0);
  }

  push(element: E, flags: number): void {
    if (this.dropAt < 0 && flags & DROPPED) this.dropAt = this.items.length;
    this.items.push(element);
    this.flags.push(flags);
    let counter = this.counts.get(element.name);
    if (!counter) this.counts.set(element.name, (counter = { n: 0 }));
    counter.n++;
    this.counters.push(counter);
  }

  /** Pops the elements from the top down to and including `index`. */
  popTo(index: number): void {
    while (this.items.length > index) {
      const element = this.items.pop() as E;
      this.flags.pop();
      (this.counters.pop() as { n: number }).n--;
      if (this.items.length === this.dropAt) this.dropAt = -1;
      this.onPop(element);
    }
  }

  private isOpen(name: string): boolean {
    return (this.counts.get(name)?.n ?? 0) > 0;
  }

  /** Closes the innermost open `a` or `b` unless an element with `scope` bits comes first; returns its index or -1. */
  private close(a: string, b: string, scope: number): number {
    if (!this.isOpen(a) && (a === b || !this.isOpen(b))) return -1;
    const { items, flags } = this;
    for (let i = items.length - 1; i >= 0; i--) {
      const name = (items[i] as E).name;
      if (name === a || name === b) {
        this.popTo(i);
        return i;
      }
      if ((flags[i] as number) & scope) return -1;
    }
    return -1;
  }

  /** Applies the end tags that browsers imply when an element starts. */
  beforeStart(name: string, flags: number): void {
    // Past the depth bound structure is ignored, which also keeps each tag O(1) there.
    // A dropped element leaves no trace, not even the end of a paragraph it implies
    // (`<p>a<form>…</form>b`): the sanitizer removes it, and its output must convert
    // to the same text.
    if (this.items.length >= this.maxDepth || flags & DROPPED) return;
    if (!(flags & HEAD_CONTENT) && this.isOpen('head')) this.close('head', 'head', TABLE_SCOPE);
    if (flags & CLOSES_P) this.close('p', 'p', BUTTON_SCOPE);
    if (name === 'li') this.close('li', 'li', ITEM_SCOPE);
    else if (name === 'dd' || name === 'dt') this.close('dd', 'dt', ITEM_SCOPE);
    else if (name === 'tr') this.close('tr', 'tr', TABLE_SCOPE);
    else if (name === 'td' || name === 'th') this.close('td', 'th', ROW_SCOPE);
    else if (name === 'a' || name === 'button') this.close(name, name, CELL_SCOPE);
  }

  /** Text directly in `head` that is not all whitespace means the author's head has ended. */
  beforeText(text: string): void {
    if (this.items[this.items.length - 1]?.name === 'head' && /[^ \t\n\f\r]/.test(text)) {
      this.popTo(this.items.length - 1);
    }
  }

  /** Closes the element an end tag names; returns its former index, or -1 when none is open. */
  end(name: string, flags: number): number {
    return this.close(name, name, name === 'table' || flags & TABLE_PART ? TABLE_SCOPE : CELL_SCOPE);
  }
}
