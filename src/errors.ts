// Typed errors carry their documented exit code; only src/cli.ts turns them into
// a process exit. Messages are one line, for people: what went wrong and where.

export const EXIT = {
  ok: 0,
  error: 1,
  usage: 2,
  notFound: 3,
  data: 4,
  network: 5,
  partial: 6,
  interrupted: 130,
} as const;

export class NewsError extends Error {
  readonly exitCode: number = EXIT.error;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Bad flag, bad value, bad combination of options. */
export class UsageError extends NewsError {
  override readonly exitCode = EXIT.usage;
}

/** An article, feed, file or key that does not exist, or a reference that is ambiguous. */
export class NotFoundError extends NewsError {
  override readonly exitCode = EXIT.notFound;
}

/** A store, feed or config that cannot be read as what it claims to be. */
export class DataError extends NewsError {
  override readonly exitCode = EXIT.data;
}

/** DNS, connection, TLS, timeout, HTTP status, size limit: anything on the way to bytes. */
export class FetchError extends NewsError {
  override readonly exitCode = EXIT.network;
  constructor(
    message: string,
    readonly url: string,
    options?: { cause?: unknown; status?: number; retryAfter?: string | null },
  ) {
    super(message, options);
    this.status = options?.status ?? null;
    this.retryAfter = options?.retryAfter ?? null;
  }
  readonly status: number | null;
  readonly retryAfter: string | null;
}

/** Some of several independent jobs failed (feeds in a fetch); the rest succeeded. */
export class PartialError extends NewsError {
  override readonly exitCode = EXIT.partial;
}

/** Ctrl-C or SIGTERM: work was stopped on request. */
export class InterruptedError extends NewsError {
  override readonly exitCode = EXIT.interrupted;
}
