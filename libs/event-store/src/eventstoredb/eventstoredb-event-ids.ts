import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { contentKey, type PreparedEvent } from '../shared/new-event';
import { applyMigrations, type SqlMigration } from '../postgres/postgres-migrations';

const COMPONENT = 'eventstoredb-event-ids';

const MIGRATIONS: readonly SqlMigration[] = [
  {
    version: 1,
    description: 'durable event id registry beside EventStoreDB',
    sql: `
      CREATE TABLE eventstoredb_event_ids (
        event_id uuid PRIMARY KEY,
        stream_id text COLLATE "C" NOT NULL,
        content_hash text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'committed')),
        from_revision bigint NOT NULL,
        stream_position bigint,
        commit_position numeric(20, 0),
        prepare_position numeric(20, 0),
        registered_at timestamptz NOT NULL DEFAULT now(),
        committed_at timestamptz
      );
    `,
  },
];

/** An id as the registry knows it. */
export interface RegisteredEventId {
  eventId: string;
  streamId: string;
  contentHash: string;
  /**
   * `pending`: registered before its write to EventStoreDB, which may or may not have happened.
   * `committed`: known to be in EventStoreDB at `streamPosition` / `position`.
   */
  status: 'pending' | 'committed';
  /** The stream's revision (-1: no stream) when the id was registered: the event can only be after it. */
  fromRevision: bigint;
  streamPosition?: number;
  position?: { commit: bigint; prepare: bigint };
}

export interface PendingEventId {
  eventId: string;
  streamId: string;
  contentHash: string;
  fromRevision: bigint;
}

export interface CommittedEventId {
  eventId: string;
  streamPosition: number;
  position: { commit: bigint; prepare: bigint };
}

interface Row {
  event_id: string;
  stream_id: string;
  content_hash: string;
  status: 'pending' | 'committed';
  from_revision: string;
  stream_position: string | null;
  commit_position: string | null;
  prepare_position: string | null;
}

/**
 * The durable unique key on event ids that EventStoreDB lacks (its own id check is a bounded cache),
 * kept in PostgreSQL. How it stays right when a process dies between the two writes:
 * - an id is registered (`pending`, with its content hash and the stream's revision R read just
 *   before) and committed here BEFORE the event is written to EventStoreDB, so an event in EventStoreDB
 *   always has a row, and sits in its stream after revision R;
 * - every write to EventStoreDB uses the exact expected revision C at which the writer has just read
 *   the stream from R on and not found the event: a concurrent writer of the same event either wrote
 *   before that read (found, reported as a duplicate) or after it (the stream moved, the exact-revision
 *   write fails, the writer reads again);
 * - a process that dies after writing to EventStoreDB but before marking the row `committed` leaves
 *   it `pending`; the next append of that id reads the stream after R, finds the event, and marks it.
 * So an event is written at most once, and a retry always learns what happened. A pending row whose
 * write never happened still binds the id to its content: the same id with other content is refused.
 */
export class EventStoreDbEventIds {
  constructor(private readonly pool: Pool) {}

  migrate(): Promise<number[]> {
    return applyMigrations(this.pool, COMPONENT, MIGRATIONS);
  }

  async lookup(eventIds: readonly string[]): Promise<Map<string, RegisteredEventId>> {
    if (eventIds.length === 0) return new Map();
    const { rows } = await this.pool.query<Row>(
      `SELECT event_id::text AS event_id, stream_id, content_hash, status, from_revision::text AS from_revision,
         stream_position::text AS stream_position, commit_position::text AS commit_position,
         prepare_position::text AS prepare_position
       FROM eventstoredb_event_ids WHERE event_id = ANY($1::uuid[])`,
      [eventIds],
    );
    return new Map(rows.map((row) => [row.event_id, fromRow(row)]));
  }

  /**
   * Registers the ids as pending; returns the ids that were registered already (by someone else).
   * Rows go in id order, so two writers registering overlapping ids cannot deadlock.
   */
  async registerPending(ids: readonly PendingEventId[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const { rows } = await this.pool.query<{ event_id: string }>(
      `INSERT INTO eventstoredb_event_ids (event_id, stream_id, content_hash, status, from_revision)
       SELECT event_id, stream_id, content_hash, 'pending', from_revision
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::bigint[]) AS i(event_id, stream_id, content_hash, from_revision)
       ORDER BY event_id
       ON CONFLICT (event_id) DO NOTHING
       RETURNING event_id::text AS event_id`,
      [
        ids.map((id) => id.eventId),
        ids.map((id) => id.streamId),
        ids.map((id) => id.contentHash),
        ids.map((id) => id.fromRevision.toString()),
      ],
    );
    const inserted = new Set(rows.map((row) => row.event_id));
    return new Set(ids.map((id) => id.eventId).filter((id) => !inserted.has(id)));
  }

  async markCommitted(ids: readonly CommittedEventId[]): Promise<void> {
    if (ids.length === 0) return;
    await this.pool.query(
      `UPDATE eventstoredb_event_ids r
       SET status = 'committed', stream_position = c.stream_position, commit_position = c.commit_position,
         prepare_position = c.prepare_position, committed_at = now()
       FROM unnest($1::uuid[], $2::bigint[], $3::numeric[], $4::numeric[])
         AS c(event_id, stream_position, commit_position, prepare_position)
       WHERE r.event_id = c.event_id AND r.status = 'pending'`,
      [
        ids.map((id) => id.eventId),
        ids.map((id) => id.streamPosition),
        ids.map((id) => id.position.commit.toString()),
        ids.map((id) => id.position.prepare.toString()),
      ],
    );
  }
}

/** Hash of what makes two events with one id the same (stream, type, schema version, data, metadata). */
export function contentHash(
  streamId: string,
  event: Pick<PreparedEvent, 'type' | 'schemaVersion' | 'data' | 'metadata'>,
): string {
  return createHash('sha256').update(contentKey(streamId, event)).digest('hex');
}

function fromRow(row: Row): RegisteredEventId {
  const registered: RegisteredEventId = {
    eventId: row.event_id,
    streamId: row.stream_id,
    contentHash: row.content_hash,
    status: row.status,
    fromRevision: BigInt(row.from_revision),
  };
  if (row.status === 'committed' && row.stream_position && row.commit_position && row.prepare_position) {
    registered.streamPosition = Number(row.stream_position);
    registered.position = { commit: BigInt(row.commit_position), prepare: BigInt(row.prepare_position) };
  }
  return registered;
}
