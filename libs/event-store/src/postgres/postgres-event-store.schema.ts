import type { SqlMigration } from './postgres-migrations';

export const POSTGRES_EVENT_STORE_COMPONENT = 'postgres-event-store';

/** Channel an append notifies on commit, so subscriptions wake without polling. */
export const APPEND_CHANNEL = 'event_store_appended';

/**
 * The log. `transaction_id` (the appending transaction, assigned on its first write) orders the global
 * log together with `global_position`; that pair is the primary key, so it is also the log's index.
 * Readers take only rows whose transaction is older than every transaction still running, so a
 * transaction that took lower positions but commits later is never skipped. `streams` holds each
 * stream's version; appends lock and bump it. Stream ids compare bytewise (COLLATE "C"): faster than
 * a linguistic collation, and they are identifiers, not prose. Data and metadata are json, the text as
 * appended (version 2): the log is read whole and never queried by content, and jsonb cost a parse on
 * every append and a re-serialisation on every read. What jsonb would refuse (a NUL character, a lone
 * surrogate) the store refuses before writing, as the read models are jsonb.
 * Never edit a released migration: add the next version.
 */
export const POSTGRES_EVENT_STORE_MIGRATIONS: readonly SqlMigration[] = [
  {
    version: 1,
    description: 'streams and events tables, log-order index',
    sql: `
      CREATE TABLE streams (
        stream_id text COLLATE "C" PRIMARY KEY,
        version bigint NOT NULL CHECK (version > 0)
      ) WITH (fillfactor = 80);

      CREATE TABLE events (
        global_position bigserial NOT NULL,
        transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
        stream_id text COLLATE "C" NOT NULL,
        stream_position bigint NOT NULL CHECK (stream_position > 0),
        event_id uuid NOT NULL,
        type text NOT NULL,
        schema_version integer NOT NULL,
        data jsonb NOT NULL,
        metadata jsonb NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT events_log_order_pkey PRIMARY KEY (transaction_id, global_position),
        CONSTRAINT events_event_id_key UNIQUE (event_id),
        CONSTRAINT events_stream_position_key UNIQUE (stream_id, stream_position)
      );
    `,
  },
  {
    version: 2,
    description: 'event data and metadata as json text',
    sql: `
      ALTER TABLE events ALTER COLUMN data TYPE json USING data::json,
        ALTER COLUMN metadata TYPE json USING metadata::json;
    `,
  },
];
