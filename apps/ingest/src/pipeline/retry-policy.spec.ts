import { IngestAbandonedError, retryDelayMs, waitOrAbandon } from './retry-policy';

describe('retry policy', () => {
  const policy = { initialDelayMs: 100, maxDelayMs: 1_000, maxAttempts: 10 };

  it('doubles the wait after each failure, up to the cap', () => {
    const middle = () => 0.5;
    expect([1, 2, 3, 4, 5, 6].map((attempt) => retryDelayMs(policy, attempt, middle))).toEqual([
      100, 200, 400, 800, 1_000, 1_000,
    ]);
  });

  it('spreads waits by up to 20% either way so consumers do not retry in step', () => {
    expect(retryDelayMs(policy, 2, () => 0)).toBe(160);
    expect(retryDelayMs(policy, 2, () => 0.999999)).toBe(240);
  });

  it('stops waiting as soon as the work is abandoned', async () => {
    const abandon = new AbortController();
    const waiting = waitOrAbandon(60_000, abandon.signal);
    abandon.abort();
    await expect(waiting).rejects.toBeInstanceOf(IngestAbandonedError);
    await expect(waitOrAbandon(1, abandon.signal)).rejects.toBeInstanceOf(IngestAbandonedError);
  });
});
