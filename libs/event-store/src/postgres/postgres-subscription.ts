import type {
  BatchHandler,
  Checkpoint,
  ReadAllOptions,
  ReadAllResult,
  Subscription,
} from '../event-store.port';
import { backoffMs, sleep } from '../shared/sleep';
import type { PostgresAppendNotifications } from './postgres-append-notifications';
import { isTransientPostgresError } from './postgres-errors';

export interface PostgresSubscriptionOptions {
  after: Checkpoint;
  batchSize: number;
  pollIntervalMs: number;
}

/**
 * Catch-up subscription on the global log: reads pages after its checkpoint until it is caught up,
 * then waits for an append notification (or the poll interval) and reads again. Lost connections
 * are retried with back-off from the last delivered checkpoint, so nothing is skipped or repeated.
 */
export class PostgresSubscription implements Subscription {
  readonly done: Promise<void>;
  private readonly stopping = new AbortController();

  constructor(
    private readonly readAll: (options: ReadAllOptions) => Promise<ReadAllResult>,
    private readonly notifications: PostgresAppendNotifications,
    private readonly handler: BatchHandler,
    private readonly options: PostgresSubscriptionOptions,
  ) {
    this.done = this.run();
    // Callers that never look at `done` must not crash the process with an unhandled rejection.
    this.done.catch(() => undefined);
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.done.catch(() => undefined);
  }

  private async run(): Promise<void> {
    const signal = this.stopping.signal;
    const { batchSize, pollIntervalMs } = this.options;
    let checkpoint = this.options.after;
    let failures = 0;
    let notified = false;
    let heldBack = 0;
    this.notifications.start();
    while (!signal.aborted) {
      const generation = this.notifications.generation;
      let page: ReadAllResult;
      try {
        page = await this.readAll({ after: checkpoint, limit: batchSize });
        failures = 0;
      } catch (error) {
        if (!isTransientPostgresError(error)) throw error;
        failures += 1;
        await sleep(backoffMs(failures, 50, Math.max(pollIntervalMs, 1_000)), signal);
        continue;
      }
      if (signal.aborted) return;
      if (page.events.length > 0) {
        await this.handler(page.events, page.checkpoint);
        checkpoint = page.checkpoint;
        notified = false;
        heldBack = 0;
        continue;
      }
      if (notified || this.notifications.generation !== generation) {
        // Something was appended but is not readable yet: an older transaction is still open and the
        // log is held back behind it. Retry soon, backing off while it stays open.
        heldBack += 1;
        notified = false;
        await sleep(Math.min(pollIntervalMs, 2 * 2 ** Math.min(heldBack, 12)), signal);
        continue;
      }
      heldBack = 0;
      notified = await this.notifications.waitForChange(generation, pollIntervalMs, signal);
    }
  }
}
