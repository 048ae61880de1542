import type { Readable } from 'node:stream';
import {
  ErrorType,
  START as ESDB_START,
  excludeSystemEvents,
  isCommandError,
  type AllStreamResolvedEvent,
} from '@eventstore/db-client';
import type { BatchHandler, Checkpoint, RecordedEvent, Subscription } from '../event-store.port';
import { backoffMs, sleep } from '../shared/sleep';
import { decodeEventStoreDbCheckpoint, isAfter } from './eventstoredb-checkpoint';
import type { EventStoreDbClient } from './eventstoredb-event-store';

export interface EventStoreDbSubscriptionOptions {
  after: Checkpoint;
  batchSize: number;
}

/** Errors after which the subscription re-subscribes from its checkpoint rather than failing. */
const TRANSIENT = new Set<string>([
  ErrorType.UNAVAILABLE,
  ErrorType.DEADLINE_EXCEEDED,
  ErrorType.TIMEOUT,
  ErrorType.CANCELLED,
  ErrorType.NOT_LEADER,
  ErrorType.UNKNOWN,
]);

class HandlerFailed {
  constructor(readonly error: unknown) {}
}

/**
 * `$all` catch-up subscription of EventStoreDB (system events filtered out on the server), delivered
 * in batches of what has arrived. When the connection drops it re-subscribes from the last delivered
 * checkpoint; events at or before it are skipped, so nothing is delivered twice.
 */
export class EventStoreDbSubscription implements Subscription {
  readonly done: Promise<void>;
  private readonly stopping = new AbortController();

  constructor(
    private readonly client: EventStoreDbClient,
    private readonly handler: BatchHandler,
    private readonly decode: (resolved: AllStreamResolvedEvent) => RecordedEvent | undefined,
    private readonly options: EventStoreDbSubscriptionOptions,
  ) {
    this.done = this.run();
    this.done.catch(() => undefined);
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.done.catch(() => undefined);
  }

  private async run(): Promise<void> {
    const signal = this.stopping.signal;
    let checkpoint = this.options.after;
    for (let failures = 0; !signal.aborted;) {
      const from = decodeEventStoreDbCheckpoint(checkpoint);
      const subscription = this.client.subscribeToAll({
        fromPosition: from ?? ESDB_START,
        filter: excludeSystemEvents(),
      });
      const batches = new ReadableBatches<AllStreamResolvedEvent>(subscription as unknown as Readable);
      try {
        for (;;) {
          const batch = await batches.next(this.options.batchSize, signal);
          if (batch === null) break;
          failures = 0;
          const last = decodeEventStoreDbCheckpoint(checkpoint);
          const events = batch
            .filter((resolved) => resolved.event?.position && isAfter(resolved.event.position, last))
            .map(this.decode)
            .filter((event): event is RecordedEvent => event !== undefined);
          if (events.length === 0 || signal.aborted) continue;
          const next = events[events.length - 1].checkpoint;
          try {
            await this.handler(events, next);
          } catch (error) {
            throw new HandlerFailed(error);
          }
          checkpoint = next;
        }
      } catch (error) {
        if (error instanceof HandlerFailed) throw error.error;
        if (!isTransient(error)) throw error;
        failures += 1;
        await sleep(backoffMs(failures, 100, 5_000), signal);
      } finally {
        await subscription.unsubscribe().catch(() => undefined);
      }
    }
  }
}

function isTransient(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return isCommandError(error) ? TRANSIENT.has(error.type) : true;
}

/** Takes what a readable object stream has buffered, up to `max` items, waiting when it has none. */
class ReadableBatches<T> {
  private failure: Error | undefined;
  private ended = false;
  private wake: (() => void) | undefined;

  constructor(private readonly stream: Readable) {
    const wake = () => this.wake?.();
    stream.on('readable', wake);
    stream.on('end', () => {
      this.ended = true;
      wake();
    });
    stream.on('close', () => {
      this.ended = true;
      wake();
    });
    stream.on('error', (error: Error) => {
      this.failure = error;
      wake();
    });
  }

  /** The next items; `null` once the stream ended or the signal aborted. */
  async next(max: number, signal: AbortSignal): Promise<T[] | null> {
    for (;;) {
      const batch: T[] = [];
      for (let item: T | null; batch.length < max && (item = this.stream.read() as T | null) !== null;) {
        batch.push(item);
      }
      if (batch.length > 0) return batch;
      if (this.failure) throw this.failure;
      if (this.ended || signal.aborted) return null;
      await new Promise<void>((resolve) => {
        const done = () => {
          this.wake = undefined;
          signal.removeEventListener('abort', done);
          resolve();
        };
        this.wake = done;
        signal.addEventListener('abort', done, { once: true });
      });
    }
  }
}
