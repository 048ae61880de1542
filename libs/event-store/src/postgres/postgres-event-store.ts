import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Pool, types, type PoolClient, type PoolConfig, type QueryResult } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
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
  type LogPosition,
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
import { contentKey, prepareAppends, type PreparedAppend, type PreparedEvent } from '../shared/new-event';
import { storableJson } from '../shared/storable-json';
import { PostgresAppendNotifications } from './postgres-append-notifications';
import {
  comparePostgresCheckpoints,
  decodePostgresCheckpoint,
  encodePostgresCheckpoint,
} from './postgres-checkpoint';
import { isTransientPostgresError } from './postgres-errors';
import {
  APPEND_CHANNEL,
  POSTGRES_EVENT_STORE_COMPONENT,
  POSTGRES_EVENT_STORE_MIGRATIONS,
} from './postgres-event-store.schema';
import { applyMigrations } from './postgres-migrations';
import { PostgresSubscription } from './postgres-subscription';

export interface PostgresEventStoreOptions {
  connectionString: string;
  /** Most connections the store's pool opens (default 10); subscriptions also hold one LISTEN connection. */
  poolSize?: number;
  /** Apply the schema migrations when opening (default true). */
  migrate?: boolean;
  /** How often an idle subscription reads when no notification arrives (default 1,000 ms). */
  pollIntervalMs?: number;
  /** Page size of `readAll` when the caller gives no limit (default 1,000). */
  defaultReadLimit?: number;
  /**
   * Kills a session left idle inside a transaction after this long (default 60 s): an open append
   * transaction holds back every reader of the log.
   */
  idleInTransactionTimeoutMs?: number;
  /**
   * Runs inside each append transaction after the events are written, just before COMMIT. For tests
   * that interleave transactions (a lower global position committing after a higher one).
   */
  beforeCommit?: (appends: readonly StreamAppend[]) => Promise<void>;
}

const JSON_OIDS = new Set([114, 3802]);

/**
 * json and jsonb (event data is json since migration 2) parse with JSON.parse whatever another
 * library in the process registered globally (some replace pg's parsers); every other type keeps
 * pg's parser.
 */
const typeParser = ((oid: number, format?: 'text' | 'binary') =>
  JSON_OIDS.has(oid) && format !== 'binary'
    ? (value: string) => JSON.parse(value) as unknown
    : types.getTypeParser(oid, format)) as typeof types.getTypeParser;

/** Attempts of one append when it meets a concurrent duplicate or loses its connection. */
const MAX_APPEND_ATTEMPTS = 5;

/**
 * Read columns. Their text aliases shadow the real columns in ORDER BY, so queries order by
 * `e.<column>`. The append time comes as epoch milliseconds (all a Date holds): cheaper to decode
 * than a timestamp's text, on every event of a catch-up.
 */
const EVENT_COLUMNS = `event_id::text AS event_id, stream_id, stream_position::integer AS stream_position,
  global_position::text AS global_position, transaction_id::text AS transaction_id, type, schema_version,
  data, metadata, floor(extract(epoch FROM recorded_at) * 1000)::float8 AS recorded_at_ms`;

/**
 * Locks and bumps every written stream's version in one statement. Streams are taken in stream-id
 * order, so concurrent appends to overlapping streams lock in the same order and cannot deadlock.
 */
const BUMP_STREAMS_SQL = `
  INSERT INTO streams AS s (stream_id, version)
  SELECT stream_id, n FROM unnest($1::text[], $2::bigint[]) AS i(stream_id, n)
  ORDER BY stream_id COLLATE "C"
  ON CONFLICT (stream_id) DO UPDATE SET version = s.version + excluded.version
  RETURNING s.stream_id, s.version::text AS version`;

/**
 * Events are written with COPY, in the given order (so global positions follow stream positions):
 * on a busy log it costs about half of a multi-row INSERT. COPY cannot skip rows, so an id stored
 * already fails it with a unique violation and the append is re-planned knowing which ids are stored.
 */
const COPY_EVENTS_SQL = `COPY events (stream_id, stream_position, event_id, type, schema_version, data, metadata)
  FROM STDIN`;

/** The global positions this transaction just took, in the order its rows were copied. */
const OWN_POSITIONS_SQL = `
  SELECT e.global_position::text AS global_position FROM events e
  WHERE e.transaction_id = pg_current_xact_id()
  ORDER BY e.transaction_id, e.global_position`;

/** Log order, restricted to transactions older than every running one (see the schema). */
const READ_ALL_SQL = `
  SELECT ${EVENT_COLUMNS} FROM events e
  WHERE (e.transaction_id, e.global_position) > ($1::xid8, $2::bigint)
    AND e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
  ORDER BY e.transaction_id, e.global_position
  LIMIT $3`;

const POSITION_SQL = `
  SELECT
    (SELECT transaction_id::text || ':' || global_position::text FROM events
      ORDER BY transaction_id DESC, global_position DESC LIMIT 1) AS head,
    (SELECT count(*) FROM events WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint))::text AS lag`;

interface EventRow {
  event_id: string;
  stream_id: string;
  stream_position: number;
  global_position: string;
  transaction_id: string;
  type: string;
  schema_version: number;
  data: unknown;
  metadata: EventMetadata;
  recorded_at_ms: number;
}

interface StoredRef {
  streamPosition: number;
  globalPosition: string;
}

/** The outcome of one attempt: done, or re-plan knowing which ids are stored. */
type AttemptOutcome = { results: AppendResult[] } | { retry: true };

export class PostgresEventStore implements EventStore {
  private readonly subscriptions = new Set<PostgresSubscription>();
  private closed = false;
  /** The last append met ids stored already: the next one looks its ids up before writing. */
  private duplicatesSeen = false;

  private constructor(
    private readonly pool: Pool,
    private readonly notifications: PostgresAppendNotifications,
    private readonly options: PostgresEventStoreOptions,
  ) {}

  /** Opens a pool on the database and, unless told otherwise, brings its schema up to date. */
  static async open(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
    const config: PoolConfig = {
      connectionString: options.connectionString,
      max: options.poolSize ?? 10,
      application_name: 'event-store',
      idle_in_transaction_session_timeout: options.idleInTransactionTimeoutMs ?? 60_000,
      types: { getTypeParser: typeParser },
    };
    const pool = new Pool(config);
    // An idle pooled connection that the server drops is discarded by the pool; without a listener
    // the 'error' event would crash the process.
    pool.on('error', () => undefined);
    const notifications = new PostgresAppendNotifications(
      { connectionString: options.connectionString, application_name: 'event-store-listener' },
      APPEND_CHANNEL,
    );
    const store = new PostgresEventStore(pool, notifications, options);
    if (options.migrate ?? true) {
      try {
        await store.migrate();
      } catch (error) {
        await pool.end().catch(() => undefined);
        throw error;
      }
    }
    return store;
  }

  /** Creates or updates the schema; idempotent and safe to run from several processes at once. */
  migrate(): Promise<number[]> {
    return applyMigrations(this.pool, POSTGRES_EVENT_STORE_COMPONENT, POSTGRES_EVENT_STORE_MIGRATIONS);
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
    // The first attempt assumes no id is stored yet (the common case), so it writes without a lookup.
    // When some were, or the connection failed (the commit may have happened), look the ids up and
    // re-plan: duplicates are then reported as such, so a retry is always safe. While appends keep
    // meeting stored ids (a source re-delivering), look up first: one indexed lookup is far cheaper
    // than a COPY rolled back and written again.
    let stored = this.duplicatesSeen ? await this.findStoredIfReachable(prepared) : undefined;
    for (let attempt = 1; ; attempt += 1) {
      try {
        const outcome = await this.attemptAppend(appends, prepared, stored);
        if ('results' in outcome) {
          this.duplicatesSeen = stored !== undefined && stored.size > 0;
          return outcome.results;
        }
      } catch (error) {
        if (!isTransientPostgresError(error) || attempt >= MAX_APPEND_ATTEMPTS) throw error;
      }
      if (attempt >= MAX_APPEND_ATTEMPTS) {
        throw new Error(
          `append did not settle after ${attempt} attempts: its event ids keep being written concurrently`,
        );
      }
      stored = await this.findStored(prepared);
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const backwards = options.direction === 'backwards';
    const limit = options.maxCount ?? null;
    if (limit !== null && limit <= 0) return [];
    const { rows } = backwards
      ? await this.pool.query<EventRow>({
          name: 'event_store_read_stream_backwards',
          text: `SELECT ${EVENT_COLUMNS} FROM events e
            WHERE e.stream_id = $1 AND e.stream_position <= $2 AND e.stream_position >= $3
            ORDER BY e.stream_position DESC LIMIT $4`,
          values: [streamId, options.from ?? Number.MAX_SAFE_INTEGER, options.to ?? 1, limit],
        })
      : await this.pool.query<EventRow>({
          name: 'event_store_read_stream_forwards',
          text: `SELECT ${EVENT_COLUMNS} FROM events e
            WHERE e.stream_id = $1 AND e.stream_position >= $2 AND e.stream_position <= $3
            ORDER BY e.stream_position ASC LIMIT $4`,
          values: [streamId, options.from ?? 1, options.to ?? Number.MAX_SAFE_INTEGER, limit],
        });
    return rows.map(toRecordedEvent);
  }

  async streamVersion(streamId: string): Promise<number> {
    this.assertOpen();
    const { rows } = await this.pool.query<{ version: string }>(
      'SELECT version::text AS version FROM streams WHERE stream_id = $1',
      [streamId],
    );
    return rows.length ? Number(rows[0].version) : 0;
  }

  async readAll(options: ReadAllOptions = {}): Promise<ReadAllResult> {
    this.assertOpen();
    const after = options.after ?? START;
    const limit = options.limit ?? this.options.defaultReadLimit ?? 1_000;
    if (!Number.isSafeInteger(limit) || limit < 0) {
      throw new TypeError('limit must be a non-negative integer');
    }
    const from = decodePostgresCheckpoint(after);
    if (limit === 0) return { events: [], checkpoint: after };
    const { rows } = await this.pool.query<EventRow>({
      name: 'event_store_read_all',
      text: READ_ALL_SQL,
      values: [from.transactionId, from.globalPosition, limit],
    });
    const events = rows.map(toRecordedEvent);
    return { events, checkpoint: events.length ? events[events.length - 1].checkpoint : after };
  }

  subscribeToAll(handler: BatchHandler, options: SubscribeOptions = {}): Subscription {
    this.assertOpen();
    const after = options.after ?? START;
    decodePostgresCheckpoint(after);
    const subscription = new PostgresSubscription((read) => this.readAll(read), this.notifications, handler, {
      after,
      batchSize: options.batchSize ?? 500,
      pollIntervalMs: this.options.pollIntervalMs ?? 1_000,
    });
    this.subscriptions.add(subscription);
    void subscription.done.catch(() => undefined).then(() => this.subscriptions.delete(subscription));
    return subscription;
  }

  async position(after: Checkpoint = START): Promise<LogPosition> {
    this.assertOpen();
    const from = decodePostgresCheckpoint(after);
    const { rows } = await this.pool.query<{ head: string | null; lag: string }>({
      name: 'event_store_position',
      text: POSITION_SQL,
      values: [from.transactionId, from.globalPosition],
    });
    return { head: rows[0].head ?? START, lag: Number(rows[0].lag) };
  }

  /** Stops the subscriptions, then closes the connections. */
  compareCheckpoints(a: Checkpoint, b: Checkpoint): number {
    return comparePostgresCheckpoints(a, b);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    await this.notifications.close();
    await this.pool.end();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the event store is closed');
  }

  /**
   * Writes every event not known to be stored, in one transaction. Returns `retry` when some id turned
   * out to be stored already (written concurrently, or by an earlier attempt whose commit was lost).
   */
  private async attemptAppend(
    original: readonly StreamAppend[],
    appends: readonly PreparedAppend[],
    stored: ReadonlyMap<string, StoredRef> | undefined,
  ): Promise<AttemptOutcome> {
    const writes = appends.map((append) =>
      append.events.filter((event) => !event.repeatOf && !stored?.has(event.eventId)),
    );
    const eventCount = writes.reduce((sum, events) => sum + events.length, 0);
    // Streams with nothing to write: empty appends are checked against the current version; appends
    // whose events are all stored already succeed without a check (an idempotent retry).
    const idle = appends.filter((_, index) => writes[index].length === 0).map((append) => append.streamId);

    if (eventCount === 0) {
      const versions = await this.versionsOf(this.pool, idle);
      const mismatch = findVersionMismatch(appends, writes, versions);
      if (mismatch) throw mismatch;
      return { results: this.settle(appends, writes, versions, new Map(), stored) };
    }

    const client = await this.pool.connect();
    let open = false;
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      open = true;
      const bumped = await this.bumpStreams(client, appends, writes);
      const versions = await this.versionsOf(client, idle);
      const before = new Map(versions);
      appends.forEach((append, index) => {
        const count = writes[index].length;
        if (count > 0) before.set(append.streamId, bumped.get(append.streamId)! - count);
      });
      const mismatch = findVersionMismatch(appends, writes, before);
      if (mismatch) {
        // The rule: duplicates first. If one of these ids is stored by now, re-plan rather than fail.
        const racedByDuplicate = await this.anyStored(client, writes);
        open = false;
        await client.query('ROLLBACK');
        if (racedByDuplicate) return { retry: true };
        throw mismatch;
      }
      let order: { eventId: string; streamPosition: number }[];
      try {
        order = await this.copyEvents(client, appends, writes, before);
      } catch (error) {
        if (!isDuplicateEventId(error)) throw error;
        open = false;
        await client.query('ROLLBACK');
        return { retry: true };
      }
      if (this.options.beforeCommit) await this.options.beforeCommit(original);
      const written = await this.commitReadingPositions(client, order);
      open = false;
      return { results: this.settle(appends, writes, versions, written, stored) };
    } catch (error) {
      if (isTransientPostgresError(error)) broken = error as Error;
      else if (open) await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /** Locks the written streams, adds their event counts; returns their new versions. */
  private async bumpStreams(
    client: PoolClient,
    appends: readonly PreparedAppend[],
    writes: readonly PreparedEvent[][],
  ): Promise<Map<string, number>> {
    const streamIds: string[] = [];
    const counts: number[] = [];
    appends.forEach((append, index) => {
      if (writes[index].length === 0) return;
      streamIds.push(append.streamId);
      counts.push(writes[index].length);
    });
    const { rows } = await client.query<{ stream_id: string; version: string }>({
      name: 'event_store_bump_streams',
      text: BUMP_STREAMS_SQL,
      values: [streamIds, counts],
    });
    return new Map(rows.map((row) => [row.stream_id, Number(row.version)]));
  }

  /** Copies the events in, in order; returns their stream positions, in the same order. */
  private async copyEvents(
    client: PoolClient,
    appends: readonly PreparedAppend[],
    writes: readonly PreparedEvent[][],
    before: ReadonlyMap<string, number>,
  ): Promise<{ eventId: string; streamPosition: number }[]> {
    const lines: string[] = [];
    const order: { eventId: string; streamPosition: number }[] = [];
    appends.forEach((append, index) => {
      const start = before.get(append.streamId)!;
      const streamId = copyField(append.streamId);
      writes[index].forEach((event, offset) => {
        const streamPosition = start + offset + 1;
        order.push({ eventId: event.eventId, streamPosition });
        lines.push(
          `${streamId}\t${streamPosition}\t${event.eventId}\t${copyField(event.type)}\t${event.schemaVersion}\t` +
            `${copyJson(event.data, event, append.streamId)}\t${copyJson(event.metadata, event, append.streamId)}\n`,
        );
      });
    });
    const copy = client.query(copyFrom(COPY_EVENTS_SQL));
    await pipeline(Readable.from([lines.join('')]), copy);
    if (copy.rowCount !== order.length) {
      throw new Error(`COPY wrote ${copy.rowCount} of ${order.length} events`);
    }
    return order;
  }

  /**
   * Reads the global positions the transaction took and commits, in one round trip (the NOTIFY is
   * delivered on commit).
   */
  private async commitReadingPositions(
    client: PoolClient,
    order: readonly { eventId: string; streamPosition: number }[],
  ): Promise<Map<string, StoredRef>> {
    const results = (await client.query(
      `${OWN_POSITIONS_SQL}; NOTIFY ${APPEND_CHANNEL}; COMMIT`,
    )) as unknown as QueryResult<{ global_position: string }>[];
    const rows = results[0].rows;
    if (rows.length !== order.length) {
      throw new Error(`committed ${order.length} events but found ${rows.length} global positions`);
    }
    return new Map(
      order.map(({ eventId, streamPosition }, index) => [
        eventId,
        { streamPosition, globalPosition: rows[index].global_position },
      ]),
    );
  }

  private async anyStored(client: PoolClient, writes: readonly PreparedEvent[][]): Promise<boolean> {
    const ids = writes.flatMap((events) => events.map((event) => event.eventId));
    const { rowCount } = await client.query('SELECT 1 FROM events WHERE event_id = ANY($1::uuid[]) LIMIT 1', [
      ids,
    ]);
    return (rowCount ?? 0) > 0;
  }

  private async versionsOf(queryable: Pool | PoolClient, streamIds: string[]): Promise<Map<string, number>> {
    const versions = new Map(streamIds.map((id) => [id, 0]));
    if (streamIds.length === 0) return versions;
    const { rows } = await queryable.query<{ stream_id: string; version: string }>(
      'SELECT stream_id, version::text AS version FROM streams WHERE stream_id = ANY($1::text[])',
      [streamIds],
    );
    for (const row of rows) versions.set(row.stream_id, Number(row.version));
    return versions;
  }

  /** `findStored`, or undefined (write as if none were) when the database cannot be reached just now. */
  private async findStoredIfReachable(
    appends: readonly PreparedAppend[],
  ): Promise<Map<string, StoredRef> | undefined> {
    try {
      return await this.findStored(appends);
    } catch (error) {
      if (isTransientPostgresError(error)) return undefined;
      throw error;
    }
  }

  /** Looks up which of the call's ids are stored; an id stored with other content is an EventIdConflict. */
  private async findStored(appends: readonly PreparedAppend[]): Promise<Map<string, StoredRef>> {
    const byId = new Map<string, { streamId: string; event: PreparedEvent }>();
    for (const append of appends) {
      for (const event of append.events) {
        if (!event.repeatOf) byId.set(event.eventId, { streamId: append.streamId, event });
      }
    }
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE event_id = ANY($1::uuid[])`,
      [[...byId.keys()]],
    );
    const stored = new Map<string, StoredRef>();
    for (const row of rows) {
      const mine = byId.get(row.event_id)!;
      if (contentKey(row.stream_id, rowContent(row)) !== contentKey(mine.streamId, mine.event)) {
        throw new EventIdConflict(row.event_id, mine.streamId);
      }
      stored.set(row.event_id, { streamPosition: row.stream_position, globalPosition: row.global_position });
    }
    return stored;
  }

  private settle(
    appends: readonly PreparedAppend[],
    writes: readonly PreparedEvent[][],
    idleVersions: ReadonlyMap<string, number>,
    written: ReadonlyMap<string, StoredRef>,
    stored: ReadonlyMap<string, StoredRef> | undefined,
  ): AppendResult[] {
    const results = appends.map((append, index): AppendResult => {
      const events = writes[index];
      const nextExpectedVersion =
        events.length > 0
          ? written.get(events[events.length - 1].eventId)!.streamPosition
          : idleVersions.get(append.streamId)!;
      return { streamId: append.streamId, nextExpectedVersion, events: [] };
    });
    appends.forEach((append, index) => {
      for (const event of append.events) {
        let entry: AppendedEvent;
        if (event.repeatOf) {
          const first = results[event.repeatOf.appendIndex].events[event.repeatOf.eventIndex];
          entry = { ...first, eventId: event.eventId, status: 'duplicate' };
        } else {
          const fresh = written.get(event.eventId);
          const ref = fresh ?? stored!.get(event.eventId)!;
          entry = { eventId: event.eventId, status: fresh ? 'appended' : 'duplicate', ...ref };
        }
        results[index].events.push(entry);
      }
    });
    return results;
  }
}

/**
 * The first stream whose version before this append (`before`) fails its expected version. Streams
 * that write, and empty appends, are checked; appends whose events were all stored already are not
 * (an idempotent retry succeeds).
 */
function findVersionMismatch(
  appends: readonly PreparedAppend[],
  writes: readonly PreparedEvent[][],
  before: ReadonlyMap<string, number>,
): WrongExpectedVersion | undefined {
  for (const [index, append] of appends.entries()) {
    if (writes[index].length === 0 && append.events.length > 0) continue;
    const version = before.get(append.streamId)!;
    if (!matchesExpectedVersion(append.expectedVersion, version)) {
      return new WrongExpectedVersion(append.streamId, append.expectedVersion, version);
    }
  }
  return undefined;
}

function isDuplicateEventId(error: unknown): boolean {
  const { code, constraint } = error as { code?: string; constraint?: string };
  return code === '23505' && constraint === 'events_event_id_key';
}

/** Escapes a value for COPY's text format. */
function copyField(value: string): string {
  return /[\\\n\r\t]/.test(value)
    ? value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')
    : value;
}

/**
 * An event's data or metadata as JSON (refused if the read models could not store it), escaped for
 * COPY's text format. JSON text holds no raw line breaks or tabs (it escapes every control character),
 * so only its backslashes need doubling: cheaper than `copyField`'s scan for four characters, on the
 * two largest fields of every event.
 */
function copyJson(value: unknown, event: PreparedEvent, streamId: string): string {
  const text = storableJson(value, event.eventId, streamId);
  return text.includes('\\') ? text.replaceAll('\\', '\\\\') : text;
}

function rowContent(row: EventRow): Pick<PreparedEvent, 'type' | 'schemaVersion' | 'data' | 'metadata'> {
  return { type: row.type, schemaVersion: row.schema_version, data: row.data, metadata: row.metadata };
}

function toRecordedEvent(row: EventRow): RecordedEvent {
  const recordedAt = new Date(row.recorded_at_ms);
  // The row's metadata object was parsed for this event alone: completing it in place saves a copy
  // per event while catching up.
  const metadata = row.metadata;
  metadata.recordedAt = recordedAt.toISOString();
  return {
    eventId: row.event_id,
    type: row.type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata,
    streamId: row.stream_id,
    streamPosition: row.stream_position,
    globalPosition: row.global_position,
    checkpoint: encodePostgresCheckpoint({
      transactionId: row.transaction_id,
      globalPosition: row.global_position,
    }),
    recordedAt,
  };
}
