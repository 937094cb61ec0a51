// Fetch progress on stderr: on a terminal one live line that rewrites itself;
// when piped nothing until the per-feed summary lines (see fetch.ts).
export interface Progress {
  tick(failed: boolean): void;
  end(): void;
}

export function liveProgress(total: number, write: (s: string) => void, isTTY: boolean): Progress {
  if (!isTTY) return { tick() {}, end() {} };
  let done = 0;
  let failed = 0;
  const draw = () => write(`\r\x1b[2Kfetching ${done}/${total} ${total === 1 ? 'feed' : 'feeds'}${failed ? ` · ${failed} failed` : ''}`);
  draw();
  return {
    tick(f) {
      done++;
      if (f) failed++;
      draw();
    },
    end() {
      write('\r\x1b[2K');
    },
  };
}
