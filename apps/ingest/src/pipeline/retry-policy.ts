import { setTimeout as sleep } from 'node:timers/promises';

/** How long to keep retrying an event store that is unavailable, and how fast. */
export interface RetryPolicy {
  /** Wait after the first failure. */
  initialDelayMs: number;
  /** Longest wait between attempts; the wait doubles up to it. */
  maxDelayMs: number;
  /** Attempts in all, the first included; `Infinity` retries until the work is abandoned. */
  maxAttempts: number;
}

/** Kafka: a batch is retried until the store is back or the consumer stops; its offsets wait. */
export const KAFKA_RETRY_POLICY: RetryPolicy = {
  initialDelayMs: 200,
  maxDelayMs: 30_000,
  maxAttempts: Infinity,
};
/** HTTP: a few seconds, then 503 (the sender may retry: ingest is idempotent). */
export const HTTP_RETRY_POLICY: RetryPolicy = { initialDelayMs: 100, maxDelayMs: 2_000, maxAttempts: 5 };
/** File import: a few minutes, then the import stops (running it again is safe). */
export const FILE_RETRY_POLICY: RetryPolicy = { initialDelayMs: 500, maxDelayMs: 30_000, maxAttempts: 12 };

/** The wait after failed attempt number `attempt` (1-based): doubling, capped, with ±20% jitter. */
export const retryDelayMs = (
  policy: RetryPolicy,
  attempt: number,
  random: () => number = Math.random,
): number => {
  const base = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.min(attempt - 1, 30));
  return Math.round(base * (0.8 + 0.4 * random()));
};

/** The event store stayed unavailable for every attempt the policy allows. */
export class StoreUnavailableError extends Error {
  constructor(
    readonly attempts: number,
    readonly lastError: unknown,
  ) {
    super(
      `the event store is unavailable (${attempts} attempt${attempts === 1 ? '' : 's'}): ` +
        (lastError instanceof Error ? lastError.message : String(lastError)),
    );
    this.name = 'StoreUnavailableError';
  }
}

/** The caller gave up on the batch (shutdown, a Kafka rebalance) while the store was unavailable. */
export class IngestAbandonedError extends Error {
  constructor() {
    super('the batch was abandoned before it could be stored');
    this.name = 'IngestAbandonedError';
  }
}

/** Waits `ms`, or throws IngestAbandonedError as soon as the signal aborts. */
export async function waitOrAbandon(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) throw new IngestAbandonedError();
  try {
    await sleep(ms, undefined, { signal });
  } catch (error) {
    if (signal?.aborted) throw new IngestAbandonedError();
    throw error;
  }
}
