import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START as ESDB_START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  jsonEvent,
  type AllStreamResolvedEvent,
  type JSONType,
  type ReadPosition,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { Pool } from 'pg';
import {
  EventIdConflict,
  START,
  WrongExpectedVersion,
  type AppendResult,
  type AppendedEvent,
  type BatchHandler,
  type Checkpoint,
  type EventMetadata,
  type EventStore,
  type ExpectedVersion,
  type LogPosition as StoreLogPosition,
  type NewEvent,
  type ReadAllOptions,
  type ReadAllResult,
  type ReadStreamOptions,
  type RecordedEvent,
  type StreamAppend,
  type SubscribeOptions,
  type Subscription,
} from '../event-store.port';
import { matchesExpectedVersion } from '../shared/expected-version';
import { mapLimit } from '../shared/map-limit';
import { prepareAppends, type PreparedAppend, type PreparedEvent } from '../shared/new-event';
import { storableJson } from '../shared/storable-json';
import {
  compareEventStoreDbCheckpoints,
  decodeEventStoreDbCheckpoint,
  encodeEventStoreDbCheckpoint,
  isAfter,
  revisionToVersion,
  type LogPosition,
} from './eventstoredb-checkpoint';
import {
  EventStoreDbEventIds,
  contentHash,
  type CommittedEventId,
  type RegisteredEventId,
} from './eventstoredb-event-ids';
import { EventStoreDbSubscription } from './eventstoredb-subscription';

/** The part of the EventStoreDB client the adapter uses. */
export type EventStoreDbClient = Pick<
  EventStoreDBClient,
  'appendToStream' | 'readStream' | 'readAll' | 'subscribeToAll' | 'dispose'
>;

export interface EventStoreDbEventStoreOptions {
  /** EventStoreDB connection string, e.g. `esdb://127.0.0.1:2113?tls=false`. */
  eventStoreDbUrl: string;
  /** A client to use instead of connecting to `eventStoreDbUrl`; the store disposes it on close. */
  client?: EventStoreDbClient;
  /** PostgreSQL database holding the durable event-id registry (see `EventStoreDbEventIds`). */
  databaseUrl: string;
  /** Create or update the registry's table when opening (default true). */
  migrate?: boolean;
  /** Connections of the registry's pool (default 5). */
  poolSize?: number;
  /** Streams `appendMany` reads or writes at once (default 16). */
  concurrency?: number;
  /** Page size of `readAll` when the caller gives no limit (default 1,000). */
  defaultReadLimit?: number;
}

/** Envelope of our fields in EventStoreDB's event metadata. */
type StoredMetadata = {
  schemaVersion: number;
  metadata: EventMetadata;
  $correlationId?: string;
  $causationId?: string;
};

/** Attempts to write one stream when concurrent writers keep moving it. */
const MAX_WRITE_ATTEMPTS = 5;
const PAGE_SIZE = 1_000;

interface PlannedEvent {
  event: PreparedEvent;
  contentHash: string;
  /** Known to be in EventStoreDB already. */
  stored?: { streamPosition: number; position: LogPosition };
  /** Registered as pending: it may be in EventStoreDB, after this revision. */
  pendingFrom?: bigint;
  /** Written by this call (rather than found stored). */
  writtenNow?: boolean;
}

interface StreamPlan {
  append: PreparedAppend;
  events: PlannedEvent[];
  /** The stream's current revision as last read (-1: no stream). */
  current: bigint;
}

/**
 * The event store on EventStoreDB, with the same semantics as the PostgreSQL adapter. Two limits of
 * EventStoreDB shape it:
 * - Idempotency needs a durable unique key on event ids, which EventStoreDB does not have: a
 *   PostgreSQL registry sits beside it (see `EventStoreDbEventIds` for why it stays right).
 * - EventStoreDB cannot append to several streams atomically. `appendMany` checks every stream's
 *   expected version and every event id before writing anything, so a conflict it can see fails the
 *   call with nothing written. A writer that races in between that check and the writes can still
 *   make one stream's write fail after others were written: the call then throws (WrongExpectedVersion
 *   for that stream) and the written streams stay written. Retrying the same call is safe (appends
 *   are idempotent); with expected versions other than `any`, recompute them first.
 * Needs EventStoreDB 22.6 or later (event positions on stream reads).
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly subscriptions = new Set<EventStoreDbSubscription>();
  private closed = false;

  private constructor(
    private readonly client: EventStoreDbClient,
    private readonly pool: Pool,
    private readonly ids: EventStoreDbEventIds,
    private readonly options: EventStoreDbEventStoreOptions,
  ) {}

  static async open(options: EventStoreDbEventStoreOptions): Promise<EventStoreDbEventStore> {
    const pool = new Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 5,
      application_name: 'event-store-eventstoredb-ids',
    });
    pool.on('error', () => undefined);
    const client = options.client ?? EventStoreDBClient.connectionString(options.eventStoreDbUrl);
    const ids = new EventStoreDbEventIds(pool);
    try {
      if (options.migrate ?? true) await ids.migrate();
    } catch (error) {
      await Promise.allSettled([pool.end(), client.dispose()]);
      throw error;
    }
    return new EventStoreDbEventStore(client, pool, ids, options);
  }

  appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    expectedVersion: ExpectedVersion,
  ): Promise<AppendResult> {
    return this.appendMany([{ streamId, events, expectedVersion }]).then(([result]) => result);
  }

  async appendMany(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    this.assertOpen();
    const prepared = prepareAppends(appends);
    // Refused as PostgreSQL's store refuses them: the read models are jsonb whichever store holds the log.
    for (const append of prepared) {
      for (const event of append.events) {
        storableJson(event.data, event.eventId, append.streamId);
        storableJson(event.metadata, event.eventId, append.streamId);
      }
    }
    const plans: StreamPlan[] = prepared.map((append) => ({
      append,
      current: -1n,
      events: append.events
        .filter((event) => !event.repeatOf)
        .map((event) => ({ event, contentHash: contentHash(append.streamId, event) })),
    }));
    const concurrency = this.options.concurrency ?? 16;

    // 1. What the registry knows: stored ids, pending ids (maybe written), conflicts.
    const registered = await this.ids.lookup(
      plans.flatMap((plan) => plan.events.map((p) => p.event.eventId)),
    );
    for (const plan of plans) {
      for (const planned of plan.events) this.applyRegistered(plan, planned, registered);
    }

    // 2. Read each stream: its revision, and whether pending ids were written after all.
    const found: CommittedEventId[] = [];
    await mapLimit(plans, concurrency, async (plan) => found.push(...(await this.inspect(plan))));

    // 3. Check every expected version before writing anything.
    for (const plan of plans) await this.checkExpectedVersion(plan, found);

    // 4. Register new ids as pending, durably, before any write to EventStoreDB.
    const fresh = plans.flatMap((plan) =>
      plan.events.filter((p) => !p.stored && p.pendingFrom === undefined).map((p) => ({ plan, planned: p })),
    );
    const raced = await this.ids.registerPending(
      fresh.map(({ plan, planned }) => ({
        eventId: planned.event.eventId,
        streamId: plan.append.streamId,
        contentHash: planned.contentHash,
        fromRevision: plan.current,
      })),
    );
    for (const { plan, planned } of fresh) planned.pendingFrom = plan.current;
    if (raced.size > 0) {
      // Another writer registered some of these ids meanwhile: take its rows as the truth.
      const rows = await this.ids.lookup([...raced]);
      for (const plan of plans) {
        for (const planned of plan.events) {
          if (raced.has(planned.event.eventId)) this.applyRegistered(plan, planned, rows);
        }
      }
    }

    // 5. Write each stream at the exact revision it was checked at; re-check on a race.
    const written: CommittedEventId[] = [];
    try {
      await mapLimit(plans, concurrency, async (plan) => {
        if (raced.size > 0 && plan.events.some((p) => raced.has(p.event.eventId))) {
          found.push(...(await this.inspect(plan)));
          await this.checkExpectedVersion(plan, found);
        }
        written.push(...(await this.writeStream(plan, found)));
      });
    } finally {
      // 6. Record what is now known to be in EventStoreDB, even when a later stream failed. Only a
      // shortcut: a row left pending is resolved by reading the stream, so a failure here is harmless.
      await this.ids.markCommitted([...found, ...written]).catch(() => undefined);
    }
    return this.results(plans);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const backwards = options.direction === 'backwards';
    const from = options.from ?? (backwards ? undefined : 1);
    const to = options.to ?? (backwards ? 1 : undefined);
    let maxCount = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    if (from !== undefined && to !== undefined) maxCount = Math.min(maxCount, Math.abs(from - to) + 1);
    if (maxCount <= 0 || (from !== undefined && from < 1)) return [];
    const events: RecordedEvent[] = [];
    for (const resolved of await this.collectStream(streamId, {
      direction: backwards ? BACKWARDS : FORWARDS,
      fromRevision: from === undefined ? END : BigInt(from - 1),
      maxCount,
    })) {
      const recorded = toRecordedEvent(resolved);
      if (!recorded) continue;
      if (to !== undefined && (backwards ? recorded.streamPosition < to : recorded.streamPosition > to))
        break;
      events.push(recorded);
    }
    return events;
  }

  async streamVersion(streamId: string): Promise<number> {
    this.assertOpen();
    return revisionToVersion(await this.currentRevision(streamId));
  }

  async readAll(options: ReadAllOptions = {}): Promise<ReadAllResult> {
    this.assertOpen();
    const after = options.after ?? START;
    const limit = options.limit ?? this.options.defaultReadLimit ?? 1_000;
    if (!Number.isSafeInteger(limit) || limit < 0)
      throw new TypeError('limit must be a non-negative integer');
    let skipUpTo = decodeEventStoreDbCheckpoint(after);
    const events: RecordedEvent[] = [];
    while (events.length < limit) {
      const page = await this.collectAll({
        fromPosition: skipUpTo ?? ESDB_START,
        direction: FORWARDS,
        maxCount: PAGE_SIZE,
      });
      let moved = false;
      for (const resolved of page) {
        const position = resolved.event?.position;
        if (!position || !isAfter(position, skipUpTo)) continue;
        skipUpTo = position;
        moved = true;
        const recorded = toRecordedEvent(resolved);
        if (recorded) events.push(recorded);
        if (events.length === limit) break;
      }
      if (page.length < PAGE_SIZE || !moved) break;
    }
    return { events, checkpoint: events.length ? events[events.length - 1].checkpoint : after };
  }

  subscribeToAll(handler: BatchHandler, options: SubscribeOptions = {}): Subscription {
    this.assertOpen();
    const after = options.after ?? START;
    decodeEventStoreDbCheckpoint(after);
    const subscription = new EventStoreDbSubscription(this.client, handler, toRecordedEvent, {
      after,
      batchSize: options.batchSize ?? 500,
    });
    this.subscriptions.add(subscription);
    void subscription.done.catch(() => undefined).then(() => this.subscriptions.delete(subscription));
    return subscription;
  }

  /** Counting the lag reads `$all` after the checkpoint: cheap for a projection that keeps up. */
  async position(after: Checkpoint = START): Promise<StoreLogPosition> {
    this.assertOpen();
    const from = decodeEventStoreDbCheckpoint(after);
    let head: Checkpoint = START;
    for (let before: ReadPosition = END; head === START;) {
      const page = await this.collectAll({ fromPosition: before, direction: BACKWARDS, maxCount: PAGE_SIZE });
      const recorded = page.map(toRecordedEvent).find((event) => event !== undefined);
      if (recorded) head = recorded.checkpoint;
      const last = page[page.length - 1]?.event?.position;
      if (page.length < PAGE_SIZE || !last) break;
      before = last;
    }
    let lag = 0;
    for (let cursor = from; ;) {
      const page = await this.collectAll({
        fromPosition: cursor ?? ESDB_START,
        direction: FORWARDS,
        maxCount: PAGE_SIZE,
      });
      let moved = false;
      for (const resolved of page) {
        const position = resolved.event?.position;
        if (!position || !isAfter(position, cursor)) continue;
        cursor = position;
        moved = true;
        if (toRecordedEvent(resolved)) lag += 1;
      }
      if (page.length < PAGE_SIZE || !moved) break;
    }
    return { head, lag };
  }

  compareCheckpoints(a: Checkpoint, b: Checkpoint): number {
    return compareEventStoreDbCheckpoints(a, b);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    await Promise.allSettled([this.client.dispose(), this.pool.end()]);
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the event store is closed');
  }

  private applyRegistered(
    plan: StreamPlan,
    planned: PlannedEvent,
    registered: ReadonlyMap<string, RegisteredEventId>,
  ): void {
    const row = registered.get(planned.event.eventId);
    if (!row) return;
    if (row.streamId !== plan.append.streamId || row.contentHash !== planned.contentHash) {
      throw new EventIdConflict(planned.event.eventId, plan.append.streamId);
    }
    if (row.status === 'committed' && row.streamPosition !== undefined && row.position) {
      planned.stored = { streamPosition: row.streamPosition, position: row.position };
    } else {
      planned.pendingFrom = row.fromRevision;
    }
  }

  /**
   * Reads the stream after the earliest revision a pending event of the plan could follow: sets the
   * plan's current revision and marks the pending events found there as stored. Returns those.
   */
  private async inspect(plan: StreamPlan): Promise<CommittedEventId[]> {
    const pending = plan.events.filter((p) => !p.stored && p.pendingFrom !== undefined);
    if (pending.length === 0) {
      plan.current = await this.currentRevision(plan.append.streamId);
      return [];
    }
    const from = pending.reduce(
      (min, p) => (p.pendingFrom! < min ? p.pendingFrom! : min),
      pending[0].pendingFrom!,
    );
    const byId = new Map(pending.map((p) => [p.event.eventId, p]));
    const found: CommittedEventId[] = [];
    let current = from;
    for (let cursor = from; ;) {
      const page = await this.collectStream(plan.append.streamId, {
        direction: FORWARDS,
        fromRevision: cursor < 0n ? ESDB_START : cursor + 1n,
        maxCount: PAGE_SIZE,
      });
      for (const resolved of page) {
        const event = resolved.event;
        if (!event) continue;
        current = event.revision;
        const planned = byId.get(event.id);
        if (!planned) continue;
        const stored = {
          streamPosition: revisionToVersion(event.revision),
          position: requirePosition(event.position),
        };
        planned.stored = stored;
        found.push({ eventId: event.id, ...stored });
      }
      if (page.length < PAGE_SIZE) break;
      cursor = current;
    }
    plan.current = current;
    return found;
  }

  /**
   * Checks the plan's expected version against the stream as last read. Duplicates come first: on a
   * mismatch, ids that were unknown at the first registry lookup are looked up again, since a
   * concurrent writer may have registered and written them since; the stream is then read again.
   */
  private async checkExpectedVersion(plan: StreamPlan, found: CommittedEventId[]): Promise<void> {
    for (;;) {
      const mismatch = this.versionMismatch(plan);
      if (!mismatch) return;
      const unknown = plan.events.filter((p) => !p.stored && p.pendingFrom === undefined);
      const rows = await this.ids.lookup(unknown.map((p) => p.event.eventId));
      if (rows.size === 0) throw mismatch;
      for (const planned of unknown) this.applyRegistered(plan, planned, rows);
      found.push(...(await this.inspect(plan)));
    }
  }

  private versionMismatch(plan: StreamPlan): WrongExpectedVersion | undefined {
    const { append } = plan;
    const toWrite = plan.events.some((p) => !p.stored);
    if (!toWrite && append.events.length > 0) return undefined;
    const version = revisionToVersion(plan.current);
    return matchesExpectedVersion(append.expectedVersion, version)
      ? undefined
      : new WrongExpectedVersion(append.streamId, append.expectedVersion, version);
  }

  /** Writes the plan's unstored events at the exact revision last read; on a race, re-reads and re-checks. */
  private async writeStream(plan: StreamPlan, found: CommittedEventId[]): Promise<CommittedEventId[]> {
    for (let attempt = 1; ; attempt += 1) {
      const toWrite = plan.events.filter((p) => !p.stored);
      if (toWrite.length === 0) return [];
      const expected = plan.current;
      try {
        await this.client.appendToStream(
          plan.append.streamId,
          toWrite.map(({ event }) =>
            jsonEvent({
              id: event.eventId,
              type: event.type,
              data: event.data as JSONType,
              metadata: storedMetadata(event),
            }),
          ),
          { expectedRevision: expected < 0n ? NO_STREAM : expected },
        );
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError) || attempt >= MAX_WRITE_ATTEMPTS) throw error;
        found.push(...(await this.inspect(plan)));
        await this.checkExpectedVersion(plan, found);
        continue;
      }
      return this.readBackPositions(plan, toWrite, expected);
    }
  }

  /** The stream and log positions of events just written after revision `after`. */
  private async readBackPositions(
    plan: StreamPlan,
    written: PlannedEvent[],
    after: bigint,
  ): Promise<CommittedEventId[]> {
    const page = await this.collectStream(plan.append.streamId, {
      direction: FORWARDS,
      fromRevision: after + 1n,
      maxCount: written.length,
    });
    const committed = written.map((planned, index) => {
      const event = page[index]?.event;
      if (!event || event.id !== planned.event.eventId) {
        throw new Error(
          `stream ${plan.append.streamId} does not hold event ${planned.event.eventId} where it was written`,
        );
      }
      planned.stored = {
        streamPosition: revisionToVersion(event.revision),
        position: requirePosition(event.position),
      };
      planned.writtenNow = true;
      return { eventId: planned.event.eventId, ...planned.stored };
    });
    plan.current = after + BigInt(written.length);
    return committed;
  }

  private results(plans: readonly StreamPlan[]): AppendResult[] {
    const byId = new Map<string, AppendedEvent>();
    return plans.map((plan) => {
      const { append } = plan;
      const firstOf = new Map(plan.events.map((p) => [p.event.eventId, p]));
      const events = append.events.map((event): AppendedEvent => {
        const planned = firstOf.get(event.eventId);
        if (!event.repeatOf && planned?.stored) {
          const entry: AppendedEvent = {
            eventId: event.eventId,
            status: planned.writtenNow ? 'appended' : 'duplicate',
            streamPosition: planned.stored.streamPosition,
            globalPosition: planned.stored.position.prepare.toString(),
          };
          byId.set(event.eventId, entry);
          return entry;
        }
        return { ...byId.get(event.eventId)!, status: 'duplicate' };
      });
      return { streamId: append.streamId, nextExpectedVersion: revisionToVersion(plan.current), events };
    });
  }

  private async currentRevision(streamId: string): Promise<bigint> {
    const [last] = await this.collectStream(streamId, {
      direction: BACKWARDS,
      fromRevision: END,
      maxCount: 1,
    });
    return last?.event ? last.event.revision : -1n;
  }

  /** A stream read into memory; a missing stream reads as empty. */
  private async collectStream(
    streamId: string,
    options: {
      direction: typeof FORWARDS | typeof BACKWARDS;
      fromRevision: bigint | typeof END | typeof ESDB_START;
      maxCount: number;
    },
  ): Promise<ResolvedEvent[]> {
    const events: ResolvedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId, options)) events.push(resolved);
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  private async collectAll(options: {
    fromPosition: ReadPosition;
    direction: typeof FORWARDS | typeof BACKWARDS;
    maxCount: number;
  }): Promise<AllStreamResolvedEvent[]> {
    const events: AllStreamResolvedEvent[] = [];
    for await (const resolved of this.client.readAll(options)) events.push(resolved);
    return events;
  }
}

function storedMetadata(event: PreparedEvent): StoredMetadata {
  const stored: StoredMetadata = { schemaVersion: event.schemaVersion, metadata: event.metadata };
  // EventStoreDB's own projections follow these two.
  if (typeof event.metadata.correlationId === 'string') stored.$correlationId = event.metadata.correlationId;
  if (typeof event.metadata.causationId === 'string') stored.$causationId = event.metadata.causationId;
  return stored;
}

function requirePosition(position: LogPosition | undefined): LogPosition {
  if (!position)
    throw new Error('EventStoreDB returned no event position: version 22.6 or later is required');
  return position;
}

/** Ours are the events outside system streams whose type is not a system type. */
function isSystemEvent(streamId: string, type: string): boolean {
  return streamId.startsWith('$') || type.startsWith('$');
}

/** Decodes one of our events; system events decode to `undefined`. */
export function toRecordedEvent(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | undefined {
  const event = resolved.event;
  if (!event || isSystemEvent(event.streamId, event.type)) return undefined;
  const position = requirePosition(event.position);
  const envelope = event.metadata as Partial<StoredMetadata> | undefined;
  const wrapped = envelope && typeof envelope === 'object' && typeof envelope.schemaVersion === 'number';
  const metadata = (wrapped ? envelope.metadata : envelope) as EventMetadata | undefined;
  return {
    eventId: event.id,
    type: event.type,
    schemaVersion: wrapped ? envelope.schemaVersion! : 1,
    data: event.data,
    metadata: { ...(metadata ?? ({} as EventMetadata)), recordedAt: event.created.toISOString() },
    streamId: event.streamId,
    streamPosition: revisionToVersion(event.revision),
    globalPosition: position.prepare.toString(),
    checkpoint: encodeEventStoreDbCheckpoint(position),
    recordedAt: event.created,
  };
}
