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
 *
 * While catching up (a full page), the next page is read while the handler works on this one, so
 * the database reads and the handler overlap. Pages are still handed over one at a time, in order,
 * and a page read ahead is dropped, never delivered, if the handler fails or the subscription stops.
 */
export class PostgresSubscription implements Subscription {
  readonly done: Promise<void>;
  private readonly stopping = new AbortController();
  private readingAhead: ReadAhead | null = null;

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
    try {
      await this.loop();
    } finally {
      // Never leave a read running on the pool after `done` settles.
      await this.readingAhead?.page.catch(() => undefined);
    }
  }

  private async loop(): Promise<void> {
    const signal = this.stopping.signal;
    const { batchSize, pollIntervalMs } = this.options;
    let checkpoint = this.options.after;
    let failures = 0;
    let notified = false;
    let heldBack = 0;
    this.notifications.start();
    while (!signal.aborted) {
      // The notification generation as it was when the page was asked for, so that an append
      // notified while a page read ahead was on its way is not mistaken for one already read.
      const readAhead = this.readingAhead;
      const generation = readAhead?.generation ?? this.notifications.generation;
      let page: ReadAllResult;
      try {
        page = await (readAhead?.page ?? this.readAll({ after: checkpoint, limit: batchSize }));
        failures = 0;
      } catch (error) {
        if (!isTransientPostgresError(error)) throw error;
        failures += 1;
        await sleep(backoffMs(failures, 50, Math.max(pollIntervalMs, 1_000)), signal);
        continue;
      } finally {
        this.readingAhead = null;
      }
      if (signal.aborted) return;
      if (page.events.length > 0) {
        if (page.events.length >= batchSize) this.readingAhead = this.readAhead(page.checkpoint, batchSize);
        await this.handler(page.events, page.checkpoint);
        checkpoint = page.checkpoint;
        notified = false;
        heldBack = 0;
        continue;
      }
      if (notified || this.notifications.generation !== generation) {
        // Something was appended but is not readable yet: an older transaction is still open and the
        // log is held back behind it. Its notification has come and will not come again, so retry
        // until a page arrives, backing off (at most half a second) while the log stays held back.
        heldBack += 1;
        notified = true;
        await sleep(Math.min(pollIntervalMs, 2 * 2 ** Math.min(heldBack, 8)), signal);
        continue;
      }
      heldBack = 0;
      notified = await this.notifications.waitForChange(generation, pollIntervalMs, signal);
    }
  }

  private readAhead(after: Checkpoint, limit: number): ReadAhead {
    const readAhead = { generation: this.notifications.generation, page: this.readAll({ after, limit }) };
    // Awaited later (or dropped): a failure meanwhile is not an unhandled rejection.
    readAhead.page.catch(() => undefined);
    return readAhead;
  }
}

interface ReadAhead {
  generation: number;
  page: Promise<ReadAllResult>;
}
