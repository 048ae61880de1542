/**
 * The event store port: the system of record. Every adapter (PostgreSQL, EventStoreDB) gives the same
 * semantics, proven by the contract suite in `event-store.contract.ts`.
 *
 * Stream versions count events: an empty or missing stream has version 0, a stream with n events has
 * version n, and its events carry stream positions 1..n.
 */

/** Expected version for an optimistic append: an exact event count, or one of the named conditions. */
export type ExpectedVersion = number | 'no_stream' | 'stream_exists' | 'any';

export interface EventMetadata {
  /** Business time (ISO 8601 with offset). */
  occurredAt: string;
  /** Department or system the fact came from. */
  source: string;
  /** Upstream record id (for events that come from outside). */
  sourceId?: string;
  correlationId?: string;
  causationId?: string;
  /** The acting user, for human commands. */
  actor?: string;
  /** Append time (ISO 8601), filled by the store on read; a value given on append is not stored. */
  recordedAt?: string;
}

export interface NewEvent<TType extends string = string, TData = unknown> {
  /** UUID. Appending an id that is already stored with the same content is a no-op. */
  eventId: string;
  type: TType;
  schemaVersion: number;
  data: TData;
  metadata: EventMetadata;
}

/**
 * A position in the global log, opaque to callers: adapters encode their own order in it
 * (PostgreSQL: transaction id and global position; EventStoreDB: commit and prepare positions).
 * Compare checkpoints only through the store.
 */
export type Checkpoint = string;

/** The checkpoint before the first event. */
export const START: Checkpoint = '';

export interface RecordedEvent<TType extends string = string, TData = unknown> extends NewEvent<
  TType,
  TData
> {
  streamId: string;
  /** 1-based position of the event in its stream. */
  streamPosition: number;
  /**
   * Unique number of the event in the global log (as a decimal string: it can exceed 2^53). Log order
   * is the checkpoints' order: on PostgreSQL a transaction that commits later can hold lower numbers.
   */
  globalPosition: string;
  /** Resume point: reading the log after this checkpoint yields the events after this one. */
  checkpoint: Checkpoint;
  recordedAt: Date;
}

export interface AppendedEvent {
  eventId: string;
  /** `duplicate`: the id was already stored with the same content; nothing was written for it. */
  status: 'appended' | 'duplicate';
  /** Stream and global positions (of the stored copy, for a duplicate). */
  streamPosition: number;
  globalPosition: string;
}

export interface AppendResult {
  streamId: string;
  /** The stream's version after the append: pass it as `expectedVersion` to the next append. */
  nextExpectedVersion: number;
  events: AppendedEvent[];
}

export interface StreamAppend {
  streamId: string;
  events: readonly NewEvent[];
  expectedVersion: ExpectedVersion;
}

export interface ReadStreamOptions {
  /** First stream position to read (inclusive); defaults to the start (forwards) or the end (backwards). */
  from?: number;
  /** Last stream position to read (inclusive). */
  to?: number;
  direction?: 'forwards' | 'backwards';
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Read events strictly after this checkpoint; START (the default) reads from the beginning. */
  after?: Checkpoint;
  /** Most events returned (default 1,000): page with the returned checkpoint. */
  limit?: number;
}

export interface ReadAllResult {
  events: RecordedEvent[];
  /** Checkpoint of the last event returned, or the `after` given when nothing was returned. */
  checkpoint: Checkpoint;
}

export interface SubscribeOptions {
  after?: Checkpoint;
  /** Most events handed to the handler at once (default 500). */
  batchSize?: number;
}

/**
 * Receives events in log order, in batches. The subscription waits for the returned promise before
 * delivering more; a handler that throws stops the subscription (see `Subscription.done`).
 */
export type BatchHandler = (events: RecordedEvent[], checkpoint: Checkpoint) => Promise<void>;

export interface Subscription {
  /** Stops delivery after the batch in flight; resolves once stopped (so never await it inside the handler). */
  stop(): Promise<void>;
  /** Resolves when the subscription stops; rejects with the handler's or the store's error. */
  readonly done: Promise<void>;
}

export interface LogPosition {
  /** Checkpoint of the last event in the log, or START for an empty log. */
  head: Checkpoint;
  /** Number of events in the log strictly after the given checkpoint. */
  lag: number;
}

export interface EventStore {
  appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    expectedVersion: ExpectedVersion,
  ): Promise<AppendResult>;
  /** Appends to many streams atomically: one conflict fails the whole call and nothing is written. */
  appendMany(appends: readonly StreamAppend[]): Promise<AppendResult[]>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** The stream's version (0 when it does not exist). */
  streamVersion(streamId: string): Promise<number>;
  readAll(options?: ReadAllOptions): Promise<ReadAllResult>;
  subscribeToAll(handler: BatchHandler, options?: SubscribeOptions): Subscription;
  /** Head of the log and how many events lie after `after`. */
  position(after?: Checkpoint): Promise<LogPosition>;
  /** Log order of two checkpoints: negative when `a` comes before `b`, 0 when equal, positive after. */
  compareCheckpoints(a: Checkpoint, b: Checkpoint): number;
  close(): Promise<void>;
}

/** Injection token for the configured adapter. */
export const EVENT_STORE = Symbol('EVENT_STORE');

export class WrongExpectedVersion extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    readonly actual: number,
  ) {
    super(`Wrong expected version for stream ${streamId}: expected ${String(expected)}, actual ${actual}`);
    this.name = 'WrongExpectedVersion';
  }
}

/**
 * An event's data or metadata holds what the read models cannot store (see `unstorableCharacterIn`):
 * the call is refused and nothing of it written.
 */
export class EventDataRefused extends Error {
  constructor(
    readonly eventId: string,
    readonly streamId: string,
    readonly what: string,
  ) {
    super(`event ${eventId} (stream ${streamId}) holds ${what}, which the read models cannot store`);
    this.name = 'EventDataRefused';
  }
}

/** The same event id was stored before with different content: a producer bug, never silently merged. */
export class EventIdConflict extends Error {
  constructor(
    readonly eventId: string,
    readonly streamId: string,
  ) {
    super(`Event ${eventId} is already stored with different content (stream ${streamId})`);
    this.name = 'EventIdConflict';
  }
}
