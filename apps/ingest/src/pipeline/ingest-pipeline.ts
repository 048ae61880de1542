import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { parseSourceRecord, type HouseholdEvent } from '@monitoring/domain';
import type { EventStore, StreamAppend } from '@monitoring/event-store';
import { canonicalJson } from '@monitoring/event-store/shared/canonical-json';
import type { IngestMetrics } from '../metrics/ingest-metrics';
import { safeText } from '@monitoring/platform';
import { toRejectedMessage, type RejectionRecorder } from '../rejections/rejected-message';
import { classifyAppendFailure } from './append-failure';
import {
  describeOrigin,
  type BatchOutcome,
  type IngestBatch,
  type ItemOutcome,
  type RejectedOutcome,
} from './ingest-batch';
import {
  IngestAbandonedError,
  retryDelayMs,
  StoreUnavailableError,
  waitOrAbandon,
  type RetryPolicy,
} from './retry-policy';

/** The logger ingest writes to: Nest's `Logger` fits, so does a quiet one for the command line. */
export interface IngestLogger {
  warn(message: string): void;
  error(message: string): void;
}

export interface IngestPipelineDependencies {
  eventStore: EventStore;
  rejections: RejectionRecorder;
  metrics: IngestMetrics;
  logger: IngestLogger;
  /** The current time: business times may not lie beyond it. */
  clock?: () => Date;
}

/** How hard to try when the store is unavailable, and how to give up. */
export interface StoreControl {
  retry: RetryPolicy;
  /** Aborting abandons the batch: nothing more is written and `store` throws IngestAbandonedError. */
  signal?: AbortSignal;
  /** Runs before each wait (Kafka sends a heartbeat there); throwing abandons the batch. */
  beforeRetry?: (attempt: number, error: unknown) => Promise<void>;
}

/** A valid record waiting to be appended. */
interface Candidate {
  index: number;
  event: HouseholdEvent;
  streamId: string;
}

/** A batch parsed and validated, ready to append: what `prepare` hands to `store`. */
export interface PreparedBatch {
  readonly batch: IngestBatch;
  readonly receivedAt: Date;
  /** Outcomes known before the append (rejections), by item index. */
  readonly outcomes: (ItemOutcome | undefined)[];
  /** First copies of valid records, in arrival order. */
  readonly candidates: Candidate[];
  /** Later copies of a record in the same batch, by the index of its first copy. */
  readonly repeats: Map<number, number[]>;
}

const LOGGED_TEXT_CHARS = 500;
/** Records validated between two yields to the event loop (a few milliseconds of work). */
const PREPARE_SLICE = 200;

/**
 * The one path every record takes, from Kafka, HTTP or a file: validate and map with the domain
 * (`parseSourceRecord`), append the batch's events in one `appendMany` (grouped by household stream,
 * in arrival order, expected version `any`), and say what became of each record. Re-deliveries are
 * duplicates at the store (event ids are deterministic); a record that fails validation is rejected
 * and never retried; a store failure is retried and never rejects a valid record.
 */
export class IngestPipeline {
  private readonly clock: () => Date;

  constructor(private readonly deps: IngestPipelineDependencies) {
    this.clock = deps.clock ?? (() => new Date());
  }

  /** Prepares and stores a batch. */
  async ingest(batch: IngestBatch, control: StoreControl): Promise<BatchOutcome> {
    return this.store(await this.prepare(batch), control);
  }

  /**
   * Validates and maps every record (CPU only, no I/O), so a caller can prepare one batch while the
   * last is stored. It yields to the event loop every PREPARE_SLICE records: the appends of other
   * batches (other partitions, the previous file batch) keep their round trips to the database going.
   */
  async prepare(batch: IngestBatch): Promise<PreparedBatch> {
    const receivedAt = this.clock();
    const outcomes: (ItemOutcome | undefined)[] = new Array(batch.items.length).fill(undefined);
    const candidates: Candidate[] = [];
    const repeats = new Map<number, number[]>();
    const firstById = new Map<string, Candidate>();

    for (const [index, item] of batch.items.entries()) {
      if (index > 0 && index % PREPARE_SLICE === 0) await yieldToEventLoop();
      if (!item.content.readable) {
        outcomes[index] = { status: 'rejected', category: 'unreadable', reason: item.content.reason };
        continue;
      }
      const parsed = parseSourceRecord(batch.topic, item.content.value, { now: receivedAt });
      if (!parsed.ok) {
        outcomes[index] = {
          status: 'rejected',
          category: 'invalid',
          reason: parsed.reason,
          ...(parsed.recordType !== undefined && { recordType: parsed.recordType }),
          ...(parsed.sourceId !== undefined && { sourceId: parsed.sourceId }),
        };
        continue;
      }
      const { event, streamId, record } = parsed;
      const first = firstById.get(event.eventId);
      if (!first) {
        const candidate = { index, event, streamId };
        firstById.set(event.eventId, candidate);
        candidates.push(candidate);
      } else if (sameContent(first, { index, event, streamId })) {
        repeats.set(first.index, [...(repeats.get(first.index) ?? []), index]);
      } else {
        outcomes[index] = {
          status: 'rejected',
          category: 'conflict',
          reason:
            `record ${record.type} with sourceId ${JSON.stringify(record.sourceId)} came earlier in this batch ` +
            `(${describeOrigin(batch.items[first.index].origin)}) with different content`,
          recordType: record.type,
          sourceId: record.sourceId,
        };
      }
    }
    return { batch, receivedAt, outcomes, candidates, repeats };
  }

  /**
   * Appends the prepared records and records the rejections. Throws StoreUnavailableError when the
   * store stays unavailable past the retry policy, IngestAbandonedError when the control's signal
   * aborts first; either way nothing is lost (what was appended is a duplicate next time).
   */
  async store(prepared: PreparedBatch, control: StoreControl): Promise<BatchOutcome> {
    const { batch } = prepared;
    const outcomes = [...prepared.outcomes];
    const retries = new RetryCounter(batch, control, this.deps.metrics);

    await this.appendIsolating(prepared, prepared.candidates, outcomes, retries);

    for (const [firstIndex, later] of prepared.repeats) {
      const first = outcomes[firstIndex]!;
      for (const index of later)
        outcomes[index] = first.status === 'rejected' ? first : { status: 'duplicate' };
    }
    const finalOutcomes = outcomes as ItemOutcome[];
    const rejected = finalOutcomes.flatMap((outcome, index) =>
      outcome.status === 'rejected' ? [{ outcome, index }] : [],
    );
    if (rejected.length > 0) {
      const rows = rejected.map(({ outcome, index }) =>
        toRejectedMessage(batch.topic, batch.items[index], outcome, prepared.receivedAt),
      );
      try {
        await retries.run(() => this.deps.rejections.record(rows));
      } catch (error) {
        if (error instanceof StoreUnavailableError || error instanceof IngestAbandonedError) throw error;
        // Rows the table refuses must not stop the flow: the records are still counted, logged and,
        // on Kafka, dead-lettered.
        this.deps.logger.error(
          `could not record ${rows.length} rejected record(s) in rejected_messages: ${safeText(String(error), LOGGED_TEXT_CHARS)}`,
        );
      }
    }
    return this.summarise(batch, finalOutcomes);
  }

  /**
   * Appends the candidates; a record the store refuses is found by halving the batch (halves go in
   * order, so a household's events keep their arrival order) and rejected, the others appended.
   */
  private async appendIsolating(
    prepared: PreparedBatch,
    candidates: Candidate[],
    outcomes: (ItemOutcome | undefined)[],
    retries: RetryCounter,
  ): Promise<void> {
    let pending = candidates;
    while (pending.length > 0) {
      let error: unknown;
      try {
        await this.appendOnce(prepared.batch.path, pending, outcomes);
        return;
      } catch (caught) {
        error = caught;
      }
      const failure = classifyAppendFailure(error);
      if (failure.kind === 'conflict') {
        const conflicting = pending.find((candidate) => candidate.event.eventId === failure.eventId);
        if (!conflicting) throw error;
        outcomes[conflicting.index] = {
          status: 'rejected',
          category: 'conflict',
          reason:
            `a different ${conflicting.event.type} with sourceId ${JSON.stringify(conflicting.event.metadata.sourceId)} ` +
            `is stored already; a source id names one record for good (send a correction as a new record)`,
          ...recordIdentity(prepared, conflicting),
        };
        pending = pending.filter((candidate) => candidate !== conflicting);
      } else if (failure.kind === 'refused') {
        if (pending.length === 1) {
          outcomes[pending[0].index] = {
            status: 'rejected',
            category: 'refused',
            reason: `the event store refused the record: ${failure.message}`,
            ...recordIdentity(prepared, pending[0]),
          };
          return;
        }
        const middle = Math.ceil(pending.length / 2);
        await this.appendIsolating(prepared, pending.slice(0, middle), outcomes, retries);
        await this.appendIsolating(prepared, pending.slice(middle), outcomes, retries);
        return;
      } else {
        await retries.wait(error);
      }
    }
  }

  private async appendOnce(
    path: IngestBatch['path'],
    candidates: readonly Candidate[],
    outcomes: (ItemOutcome | undefined)[],
  ): Promise<void> {
    const byStream = new Map<string, Candidate[]>();
    for (const candidate of candidates) {
      const stream = byStream.get(candidate.streamId);
      if (stream) stream.push(candidate);
      else byStream.set(candidate.streamId, [candidate]);
    }
    const appends: StreamAppend[] = [...byStream].map(([streamId, stream]) => ({
      streamId,
      events: stream.map((candidate) => candidate.event),
      expectedVersion: 'any',
    }));
    const stopTimer = this.deps.metrics.startAppendTimer(path);
    const results = await this.deps.eventStore.appendMany(appends);
    stopTimer();
    results.forEach((result, appendIndex) => {
      const stream = byStream.get(appends[appendIndex].streamId)!;
      result.events.forEach((appended, eventIndex) => {
        outcomes[stream[eventIndex].index] = {
          status: appended.status === 'appended' ? 'accepted' : 'duplicate',
        };
      });
    });
  }

  private summarise(batch: IngestBatch, outcomes: ItemOutcome[]): BatchOutcome {
    let accepted = 0;
    let duplicates = 0;
    let rejected = 0;
    const { metrics, logger } = this.deps;
    outcomes.forEach((outcome, index) => {
      if (outcome.status === 'accepted') accepted += 1;
      else if (outcome.status === 'duplicate') duplicates += 1;
      else {
        rejected += 1;
        metrics.countRejected(batch.path, batch.topic, outcome.category);
        logger.warn(describeRejection(batch, index, outcome));
      }
    });
    metrics.countAccepted(batch.path, batch.topic, accepted);
    metrics.countDuplicates(batch.path, batch.topic, duplicates);
    return { outcomes, accepted, duplicates, rejected };
  }
}

/** Counts store retries across one batch and waits between them, per the control's policy. */
class RetryCounter {
  private attempts = 1;

  constructor(
    private readonly batch: IngestBatch,
    private readonly control: StoreControl,
    private readonly metrics: IngestMetrics,
  ) {}

  /** Runs `work`, retrying it while the store is unavailable. */
  async run(work: () => Promise<void>): Promise<void> {
    for (;;) {
      try {
        await work();
        return;
      } catch (error) {
        if (classifyAppendFailure(error).kind !== 'unavailable') throw error;
        await this.wait(error);
      }
    }
  }

  /** Waits before the next attempt; throws when the policy or the caller gives up. */
  async wait(error: unknown): Promise<void> {
    if (this.control.signal?.aborted) throw new IngestAbandonedError();
    if (this.attempts >= this.control.retry.maxAttempts)
      throw new StoreUnavailableError(this.attempts, error);
    this.metrics.countAppendRetry(this.batch.path);
    await this.control.beforeRetry?.(this.attempts, error);
    await waitOrAbandon(retryDelayMs(this.control.retry, this.attempts), this.control.signal);
    this.attempts += 1;
  }
}

/** Two copies of one event id carry the same content when their stream, type and payloads match. */
function sameContent(a: Candidate, b: Candidate): boolean {
  return (
    a.streamId === b.streamId &&
    canonicalJson([a.event.type, a.event.schemaVersion, a.event.data, a.event.metadata]) ===
      canonicalJson([b.event.type, b.event.schemaVersion, b.event.data, b.event.metadata])
  );
}

function recordIdentity(
  prepared: PreparedBatch,
  candidate: Candidate,
): Pick<RejectedOutcome, 'recordType' | 'sourceId'> {
  const value = prepared.batch.items[candidate.index].content;
  const type = value.readable ? (value.value as { type?: unknown }).type : undefined;
  return {
    ...(typeof type === 'string' && { recordType: type }),
    ...(candidate.event.metadata.sourceId !== undefined && { sourceId: candidate.event.metadata.sourceId }),
  };
}

/** `rejected claim_settled CLM-1 (claims partition 2 offset 17): totalFen: ...`, ID numbers masked. */
function describeRejection(batch: IngestBatch, index: number, outcome: RejectedOutcome): string {
  const record = [outcome.recordType, outcome.sourceId].filter((part) => part !== undefined).join(' ');
  return safeText(
    `rejected ${record || 'record'} (${describeOrigin(batch.items[index].origin)}) [${outcome.category}]: ${outcome.reason}`,
    LOGGED_TEXT_CHARS,
  );
}
