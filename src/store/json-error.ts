// Turns a JSON.parse failure into "line L, column C". V8 reports a position for
// most syntax errors but not all ("Unexpected token 'x', ... is not valid JSON"),
// so when it does not, a small scanner finds the first offending character.

export function jsonErrorLocation(text: string, error: unknown): { line: number; column: number } {
  const msg = error instanceof Error ? error.message : '';
  const m = /at position (\d+)/.exec(msg);
  const offset = m ? Number(m[1]) : /end of JSON input/.test(msg) ? text.length : firstFault(text);
  return lineColumn(text, offset);
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

// A minimal validating scan (iterative, so deep nesting cannot overflow the stack).
function firstFault(s: string): number {
  let i = 0;
  const ws = () => {
    while (i < s.length && ' \t\n\r'.includes(s[i]!)) i++;
  };
  const stack: string[] = [];
  let expectValue = true;
  for (;;) {
    ws();
    if (i >= s.length) return s.length;
    const c = s[i]!;
    if (expectValue) {
      if (c === '{' || c === '[') {
        stack.push(c);
        i++;
        ws();
        if (s[i] === (c === '{' ? '}' : ']')) {
          stack.pop();
          i++;
          expectValue = false;
        } else if (c === '{') {
          if (s[i] !== '"') return i;
        }
        if (c === '{' && s[i] === '"') {
          if (!skipString()) return i;
          ws();
          if (s[i] !== ':') return i;
          i++;
        }
        continue;
      }
      if (c === '"') {
        if (!skipString()) return i;
      } else {
        const lit = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(s.slice(i, i + 64));
        if (!lit) return i;
        i += lit[0].length;
      }
      expectValue = false;
      continue;
    }
    const top = stack[stack.length - 1];
    if (top === undefined) return i; // trailing garbage after the value
    if (c === ',') {
      i++;
      ws();
      if (top === '{') {
        if (s[i] !== '"' || !skipString()) return i;
        ws();
        if (s[i] !== ':') return i;
        i++;
      }
      expectValue = true;
    } else if ((c === '}' && top === '{') || (c === ']' && top === '[')) {
      stack.pop();
      i++;
    } else return i;
  }

  function skipString(): boolean {
    i++;
    while (i < s.length) {
      const ch = s[i]!;
      if (ch === '"') {
        i++;
        return true;
      }
      if (ch === '\\') i += 2;
      else if (ch < ' ') return false;
      else i++;
    }
    return false;
  }
}
