// A UTF-8 document read as Latin-1: one character per byte. Markup is ASCII, so a
// parser finds the same structure in it at byte offsets, and decodes only the spans
// it keeps (`span`). Decoding the whole of a 31 MB feed cost ~120 ms and gave one
// two-byte string (a single CJK character anywhere makes the whole text two bytes per
// character in V8); a span here is decoded only when it holds a non-ASCII byte, and
// comes out one byte per character unless it has characters beyond Latin-1. Every
// string made from it after that (text, sanitized HTML, JSON) stays one-byte too,
// which halves what JSON writing and the output's UTF-8 encoding go through.
import { isAscii } from 'node:buffer';

export class Utf8View {
  /** The bytes as Latin-1 text: offsets in it are byte offsets. */
  readonly text: string;
  private readonly bytes: Buffer;
  // The first non-ASCII byte at or after `highFrom` (-1: none); spans are asked
  // for in document order, so this moves forward and the whole scan is linear.
  private highFrom = -1;
  private high = -1;
  private readonly highPattern = /[\x80-\xff]/g;

  /** `bytes` must be valid UTF-8 (without a BOM): spans are decoded without checks. */
  constructor(bytes: Buffer) {
    this.bytes = bytes;
    this.text = bytes.toString('latin1');
  }

  /**
   * The text of bytes `start` to `end`. Both must be at character boundaries: the
   * parser cuts only next to ASCII delimiters, which never sit inside a sequence.
   */
  span(start: number, end: number): string {
    if (start < this.highFrom || (this.high !== -1 && this.high < start) || this.highFrom === -1) {
      this.highPattern.lastIndex = start;
      this.high = this.highPattern.exec(this.text)?.index ?? -1;
      this.highFrom = start;
    }
    return this.high !== -1 && this.high < end ? this.bytes.toString('utf8', start, end) : this.text.slice(start, end);
  }

  /**
   * `span` for text read after the parse, in any order (xml.ts's XmlText): it
   * checks only its own bytes, where `span`'s forward search for the next
   * non-ASCII byte could scan to the end of the document on every call.
   */
  spanAnywhere(start: number, end: number): string {
    return isAscii(this.bytes.subarray(start, end)) ? this.text.slice(start, end) : this.bytes.toString('utf8', start, end);
  }

  /** The first `chars` characters, for sniffing: 4 bytes hold at least one, so a character cut short is never among them. */
  head(chars: number): string {
    return this.bytes.toString('utf8', 0, Math.min(4 * chars, this.bytes.length)).slice(0, chars);
  }

  /** The whole document decoded. */
  decoded(): string {
    return this.bytes.toString('utf8');
  }
}
