import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { jsonEvent, NO_STREAM } from '@eventstore/db-client';
import { Pool } from 'pg';
import { createTestDatabase, type TestDatabase } from '@monitoring/testing';
import { eventStoreContract } from '../event-store.contract';
import type { NewEvent } from '../event-store.port';
import { EventStoreDbEventIds, contentHash } from './eventstoredb-event-ids';
import { EventStoreDbEventStore, type EventStoreDbClient } from './eventstoredb-event-store';

/**
 * Registers the EventStoreDB adapter's suites on a server reached through `connect` (a real server,
 * or the in-memory stand-in): the event store contract, and recovery from a process that died
 * between its registry write and its EventStoreDB write.
 */
export function eventStoreDbSuites(server: string, connect: () => EventStoreDbClient): void {
  const open = (databaseUrl: string) =>
    EventStoreDbEventStore.open({ eventStoreDbUrl: server, databaseUrl, client: connect() });

  eventStoreContract({
    adapter: `EventStoreDB (${server})`,
    // $all is ordered by commit: a lower position cannot commit later, so there is nothing to hold open.
    holdsAppendsOpen: false,
    async open() {
      const database = await createTestDatabase('esdb_contract');
      const store = await open(database.url);
      return {
        store,
        openAnother: () => open(database.url),
        async dispose() {
          await store.close();
          await database.drop();
        },
      };
    },
  });

  describe(`EventStoreDB (${server}): a process that died between the registry and EventStoreDB`, () => {
    let database: TestDatabase;
    let store: EventStoreDbEventStore;
    let client: EventStoreDbClient;
    let pool: Pool;
    let ids: EventStoreDbEventIds;

    beforeAll(async () => {
      database = await createTestDatabase('esdb_recovery');
      store = await open(database.url);
      client = connect();
      pool = new Pool({ connectionString: database.url });
      // pool.end() resolves before its sockets close; the database drop may still cut one.
      pool.on('error', () => undefined);
      ids = new EventStoreDbEventIds(pool);
    });

    afterAll(async () => {
      await store.close();
      await client.dispose();
      await pool.end();
      await database.drop();
    });

    it('an event written but still pending in the registry is found on retry and not written again', async () => {
      const streamId = `recovery-written-${randomUUID()}`;
      const event = anEvent();
      await ids.registerPending([
        { eventId: event.eventId, streamId, contentHash: contentHash(streamId, event), fromRevision: -1n },
      ]);
      await client.appendToStream(
        streamId,
        jsonEvent({
          id: event.eventId,
          type: event.type,
          data: event.data as Record<string, unknown>,
          metadata: { schemaVersion: event.schemaVersion, metadata: event.metadata },
        }),
        { expectedRevision: NO_STREAM },
      );

      const result = await store.appendToStream(streamId, [event], 'no_stream');

      expect(result.events.map((e) => [e.status, e.streamPosition])).toEqual([['duplicate', 1]]);
      expect(await store.streamVersion(streamId)).toBe(1);
      expect((await ids.lookup([event.eventId])).get(event.eventId)?.status).toBe('committed');
    });

    it('an event registered but never written is written on retry', async () => {
      const streamId = `recovery-unwritten-${randomUUID()}`;
      const event = anEvent();
      await ids.registerPending([
        { eventId: event.eventId, streamId, contentHash: contentHash(streamId, event), fromRevision: -1n },
      ]);

      const result = await store.appendToStream(streamId, [event], 'no_stream');

      expect(result.events.map((e) => [e.status, e.streamPosition])).toEqual([['appended', 1]]);
      expect((await store.readStream(streamId)).map((e) => e.eventId)).toEqual([event.eventId]);
    });

    it('an id registered with other content is refused even if its write never happened', async () => {
      const streamId = `recovery-conflict-${randomUUID()}`;
      const event = anEvent();
      await ids.registerPending([
        { eventId: event.eventId, streamId, contentHash: contentHash(streamId, event), fromRevision: -1n },
      ]);
      await expect(
        store.appendToStream(streamId, [{ ...event, data: { note: 'other content' } }], 'any'),
      ).rejects.toMatchObject({ name: 'EventIdConflict', eventId: event.eventId });
      expect(await store.streamVersion(streamId)).toBe(0);
    });
  });
}

export function anEvent(): NewEvent {
  return {
    eventId: randomUUID(),
    type: 'RecoveryChecked',
    schemaVersion: 1,
    data: { note: 'eventstoredb adapter test' },
    metadata: { occurredAt: '2026-03-01T08:00:00+08:00', source: 'eventstoredb-test' },
  };
}
