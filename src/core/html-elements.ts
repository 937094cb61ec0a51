// What the HTML tokenizer, the open-element stack, the text converter and the sanitizer
// need to know about elements, as bits of one number per name. The tokenizer looks a
// tag's name up once; every later question is a bit test instead of another Set lookup.

/** No content and no end tag. */
export const VOID = 1 << 0;
/** Content is text up to the element's end tag, as browsers read it. */
export const RAW_TEXT = 1 << 1;
/** Removed with its content (docs/text-rules.md). */
export const DROPPED = 1 << 2;
/** Starting it ends an open `p` (an implied end tag). */
export const CLOSES_P = 1 << 3;
/** May sit in `head`; anything else means the author's head has ended. */
export const HEAD_CONTENT = 1 << 4;
export const TABLE_PART = 1 << 5;
// Scope boundaries: containers that implied and explicit end tags do not reach through.
export const CELL_SCOPE = 1 << 6;
export const BUTTON_SCOPE = 1 << 7;
export const TABLE_SCOPE = 1 << 8;
export const ROW_SCOPE = 1 << 9;
/** Stops the search for an open `li`, `dd` or `dt`: browsers' "special" elements, roughly. */
export const ITEM_SCOPE = 1 << 10;

// Built on first use: listing headlines never looks at an element, and the table
// cost `news list` a quarter of a millisecond at start-up.
let FLAGS: Map<string, number> | undefined;

function flagTable(): Map<string, number> {
  const flags = new Map<string, number>();
  const mark = (bits: number, names: string) => {
    for (const name of names.split(' ')) flags.set(name, (flags.get(name) ?? 0) | bits);
  };
  mark(VOID, 'area base br col embed hr img image input keygen link meta param source track wbr');
  mark(RAW_TEXT, 'script style xmp iframe noembed noframes noscript textarea title plaintext');
  // noembed and noframes are not in the rules, but browsers never show their content either.
  mark(
    DROPPED,
    'script style noscript template head iframe object embed svg math form button select textarea noembed noframes',
  );
  mark(
    CLOSES_P,
    'address article aside blockquote center details dialog dir div dl fieldset figcaption figure footer form ' +
      'h1 h2 h3 h4 h5 h6 header hgroup hr li dd dt listing main menu nav ol p plaintext pre search section ' +
      'summary table ul xmp',
  );
  mark(HEAD_CONTENT, 'base link meta noscript script style template title');
  mark(TABLE_PART, 'td th tr tbody thead tfoot caption');
  mark(CELL_SCOPE | BUTTON_SCOPE, 'td th caption table template object svg math');
  mark(BUTTON_SCOPE, 'button');
  mark(TABLE_SCOPE | ROW_SCOPE, 'table template');
  mark(ROW_SCOPE, 'tr');
  for (const [name, bits] of flags) {
    const stops = bits & (CLOSES_P | BUTTON_SCOPE) && !['p', 'div', 'address', 'li', 'dd', 'dt'].includes(name);
    if (stops) flags.set(name, bits | ITEM_SCOPE);
  }
  return flags;
}

/** The bits of a lowercase element name; 0 for names nothing here cares about. */
export function elementFlags(name: string): number {
  return (FLAGS ??= flagTable()).get(name) ?? 0;
}
