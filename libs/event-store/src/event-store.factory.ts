import type { EventStore } from './event-store.port';
import { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store';
import { PostgresEventStore } from './postgres/postgres-event-store';

export type EventStoreKind = 'postgres' | 'eventstoredb';

export interface EventStoreOptions {
  kind: EventStoreKind;
  /**
   * PostgreSQL connection string. For `postgres` it holds the log; for `eventstoredb` it holds the
   * durable event-id registry that EventStoreDB lacks.
   */
  databaseUrl: string;
  /** EventStoreDB connection string (`esdb://host:2113?tls=false`); required for `eventstoredb`. */
  eventStoreDbUrl?: string;
  /** Create or update the store's tables on open (default true). */
  migrate?: boolean;
  /** Connections of the PostgreSQL pool. */
  poolSize?: number;
  /** PostgreSQL: how often an idle subscription reads when no notification arrives (default 1,000 ms). */
  pollIntervalMs?: number;
}

/** Opens the configured adapter, its schema brought up to date unless `migrate` is false. */
export async function createEventStore(options: EventStoreOptions): Promise<EventStore> {
  switch (options.kind) {
    case 'postgres':
      return PostgresEventStore.open({
        connectionString: options.databaseUrl,
        migrate: options.migrate,
        poolSize: options.poolSize,
        pollIntervalMs: options.pollIntervalMs,
      });
    case 'eventstoredb':
      if (!options.eventStoreDbUrl)
        throw new Error('eventStoreDbUrl is required for the eventstoredb event store');
      return EventStoreDbEventStore.open({
        eventStoreDbUrl: options.eventStoreDbUrl,
        databaseUrl: options.databaseUrl,
        migrate: options.migrate,
        poolSize: options.poolSize,
      });
    default:
      throw new Error(`unknown event store kind: ${String((options as { kind: unknown }).kind)}`);
  }
}
