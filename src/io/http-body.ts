// Reading a response body with hard limits: a compression bomb must stop as soon as the
// decoded size passes the cap, with memory bounded by the cap plus zlib's buffers.

import type { IncomingMessage } from 'node:http';
import { Duplex, Readable, Transform, Writable } from 'node:stream';
import type { TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { lowerFirst } from './http-errors.js';

/** Raised inside the pipeline; the caller turns it into a FetchError. */
export class BodyTooLarge extends Error {
  constructor() {
    super('response body too large');
  }
}

export class UnsupportedEncoding extends Error {
  constructor(readonly encoding: string) {
    super(`unsupported content encoding "${encoding}"`);
  }
}

export class DecodeFailed extends Error {
  constructor(
    readonly encoding: string,
    readonly reason: string,
  ) {
    super(`could not decompress the ${encoding} response body: ${reason}`);
  }
}

// Truncated compressed bodies are common from sloppy servers; browsers show what
// arrived, so flush what we have instead of failing at the end of input.
const ZLIB_LENIENT: zlib.ZlibOptions = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };
const BROTLI_LENIENT: zlib.BrotliOptions = {
  flush: zlib.constants.BROTLI_OPERATION_FLUSH,
  finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH,
};

function looksLikeZlibHeader(b: Buffer): boolean {
  const cmf = b[0];
  const flg = b[1];
  return cmf !== undefined && flg !== undefined && (cmf & 0x0f) === 8 && ((cmf << 8) | flg) % 31 === 0;
}

/** `deflate` is meant to be zlib-wrapped, but some servers send raw deflate. */
function inflateEither(): Duplex {
  return Duplex.from(async function* (source: AsyncIterable<Buffer>) {
    const it = source[Symbol.asyncIterator]();
    const first = await it.next();
    if (first.done) return;
    const inflater = looksLikeZlibHeader(first.value) ? zlib.createInflate(ZLIB_LENIENT) : zlib.createInflateRaw(ZLIB_LENIENT);
    const feed = Readable.from(
      (async function* () {
        yield first.value;
        for (let next = await it.next(); !next.done; next = await it.next()) yield next.value;
      })(),
      { objectMode: false },
    );
    feed.once('error', (err) => inflater.destroy(err));
    feed.pipe(inflater);
    try {
      for await (const chunk of inflater) yield chunk as Buffer;
    } finally {
      feed.destroy();
      inflater.destroy();
    }
  });
}

function decoderFor(encoding: string): Duplex | null {
  switch (encoding) {
    case 'identity':
      return null;
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip(ZLIB_LENIENT);
    case 'deflate':
      return inflateEither();
    case 'br':
      return zlib.createBrotliDecompress(BROTLI_LENIENT);
    default:
      throw new UnsupportedEncoding(encoding);
  }
}

/** Caps bytes passing through; used on the raw (still compressed) side. */
class Cap extends Transform {
  private seen = 0;
  constructor(private readonly max: number) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.max) done(new BodyTooLarge());
    else done(null, chunk);
  }
}

export async function readBody(res: IncomingMessage, maxBytes: number, signal: AbortSignal): Promise<Uint8Array> {
  const declared = Number(res.headers['content-length']);
  // Compressed bodies are smaller than what they decode to, so the raw length is capped too.
  if (Number.isFinite(declared) && declared > maxBytes) {
    res.destroy();
    throw new BodyTooLarge();
  }

  // `Content-Encoding: gzip, br` means gzip was applied first, so undo right to left.
  const encodings = (res.headers['content-encoding'] ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s !== '');
  const decoders: { encoding: string; stream: Duplex }[] = [];
  for (const encoding of encodings.reverse()) {
    let stream: Duplex | null;
    try {
      stream = decoderFor(encoding);
    } catch (err) {
      res.destroy();
      throw err;
    }
    if (stream) decoders.push({ encoding, stream });
  }

  let failure: DecodeFailed | null = null;
  for (const { encoding, stream } of decoders) {
    stream.once('error', (err: Error) => {
      if (!(err instanceof BodyTooLarge) && err.name !== 'AbortError') failure ??= new DecodeFailed(encoding, lowerFirst(err.message));
    });
  }

  const chunks: Buffer[] = [];
  let total = 0;
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      total += chunk.length;
      if (total > maxBytes) return done(new BodyTooLarge());
      chunks.push(chunk);
      done();
    },
  });

  try {
    await pipeline([res, new Cap(maxBytes), ...decoders.map((d) => d.stream), sink], { signal });
  } catch (err) {
    if (err instanceof BodyTooLarge || signal.aborted) throw err;
    throw failure ?? err;
  }
  const out = Buffer.concat(chunks, total);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}
