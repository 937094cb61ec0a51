// JSON syntax checked on UTF-8 bytes, as JSON.parse checks it, without building
// any value: the store scanner (json-records.ts) checks every record this way so
// that a store it reads without JSON.parse is still refused exactly when
// JSON.parse would refuse it. The bytes are valid UTF-8 already (the caller
// checks the whole buffer once), so only the ASCII grammar is checked here.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

export function skipSpace(b: Buffer, i: number): number {
  for (;;) {
    const c = b[i];
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return i;
    i++;
  }
}

const isHex = (c: number | undefined) => c !== undefined && ((c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66));

/** Index after the string starting at `i` (a quote); -1 for a raw control character, a broken escape or no end. */
export function checkedStringEnd(b: Buffer, i: number): number {
  const n = b.length;
  for (let k = i + 1; k < n; k++) {
    const c = b[k]!;
    if (c === QUOTE) return k + 1;
    if (c < 0x20) return -1;
    if (c === BACKSLASH) {
      const e = b[++k];
      if (e === 0x75) {
        if (!(isHex(b[k + 1]) && isHex(b[k + 2]) && isHex(b[k + 3]) && isHex(b[k + 4]))) return -1;
        k += 4;
      } else if (e !== QUOTE && e !== BACKSLASH && e !== 0x2f && e !== 0x62 && e !== 0x66 && e !== 0x6e && e !== 0x72 && e !== 0x74) return -1;
    }
  }
  return -1;
}

const isDigit = (c: number | undefined) => c !== undefined && c >= 0x30 && c <= 0x39;

// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
function numberEnd(b: Buffer, i: number): number {
  if (b[i] === 0x2d) i++;
  if (b[i] === 0x30) i++;
  else if (isDigit(b[i])) while (isDigit(b[i])) i++;
  else return -1;
  if (b[i] === 0x2e) {
    if (!isDigit(b[++i])) return -1;
    while (isDigit(b[i])) i++;
  }
  if (b[i] === 0x65 || b[i] === 0x45) {
    i++;
    if (b[i] === 0x2b || b[i] === 0x2d) i++;
    if (!isDigit(b[i])) return -1;
    while (isDigit(b[i])) i++;
  }
  return i;
}

function literalEnd(b: Buffer, i: number, word: string): number {
  for (let k = 0; k < word.length; k++) if (b[i + k] !== word.charCodeAt(k)) return -1;
  return i + word.length;
}

/** A number or a literal. */
function scalarEnd(b: Buffer, i: number): number {
  const c = b[i];
  if (c === 0x74) return literalEnd(b, i, 'true');
  if (c === 0x66) return literalEnd(b, i, 'false');
  if (c === 0x6e) return literalEnd(b, i, 'null');
  return numberEnd(b, i);
}

/** Index after a key and its colon, at `i` (spaces before them allowed); -1 when there is none. */
export function checkedKeyEnd(b: Buffer, i: number): number {
  i = skipSpace(b, i);
  if (b[i] !== QUOTE) return -1;
  i = checkedStringEnd(b, i);
  if (i < 0) return -1;
  i = skipSpace(b, i);
  return b[i] === 0x3a ? i + 1 : -1;
}

/**
 * Index after the JSON value at `i` (spaces before it allowed, none after it
 * taken); -1 when it is not valid JSON. Nesting is followed with a stack of its
 * own, not recursion, so depth costs memory, never the call stack.
 */
export function checkedValueEnd(b: Buffer, i: number): number {
  i = skipSpace(b, i);
  // Most values are strings, numbers or literals: no stack needed.
  const first = b[i];
  if (first === QUOTE) return checkedStringEnd(b, i);
  if (first !== 0x7b && first !== 0x5b) return scalarEnd(b, i);
  const closers: number[] = [];
  for (;;) {
    // A value.
    i = skipSpace(b, i);
    const c = b[i];
    let opened = false;
    if (c === 0x7b || c === 0x5b) {
      const close = c + 2; // '}' or ']'
      const next = skipSpace(b, i + 1);
      if (b[next] === close) i = next + 1;
      else {
        closers.push(close);
        i = close === 0x7d ? checkedKeyEnd(b, next) : next;
        opened = true;
      }
    } else i = c === QUOTE ? checkedStringEnd(b, i) : scalarEnd(b, i);
    if (i < 0) return -1;
    if (opened) continue;
    // After a value: close what it ends, or go on to the next member or element.
    for (;;) {
      if (closers.length === 0) return i;
      i = skipSpace(b, i);
      const close = closers[closers.length - 1];
      if (b[i] === close) {
        closers.pop();
        i++;
        continue;
      }
      if (b[i] !== 0x2c) return -1;
      i = close === 0x7d ? checkedKeyEnd(b, i + 1) : i + 1;
      if (i < 0) return -1;
      break;
    }
  }
}
