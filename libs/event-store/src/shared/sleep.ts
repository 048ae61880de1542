/** Resolves after `ms`, or as soon as the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Exponential back-off with jitter for the n-th consecutive failure (n ≥ 1). */
export function backoffMs(failures: number, minMs = 50, maxMs = 5_000): number {
  const ceiling = Math.min(maxMs, minMs * 2 ** Math.min(failures - 1, 16));
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}
