import { randomUUID } from 'node:crypto';
import { EventStoreDBClient } from '@eventstore/db-client';
import { Pool } from 'pg';
import { createTestDatabase, type TestDatabase } from '@monitoring/testing';
import { EventStoreDbEventIds } from './eventstoredb-event-ids';
import { eventStoreDbSuites } from './eventstoredb-event-store.suites';

/**
 * The EventStoreDB adapter's suites need a server: they run when EVENTSTOREDB_URL is set (e.g.
 * `esdb://127.0.0.1:2113?tls=false`). Its PostgreSQL event-id registry is tested always; the same
 * suites also run on an in-memory stand-in (eventstoredb-event-store.stand-in.int-spec.ts).
 */
const EVENTSTOREDB_URL = process.env.EVENTSTOREDB_URL;

describe('EventStoreDB adapter: durable event-id registry (PostgreSQL)', () => {
  let database: TestDatabase;
  let pool: Pool;
  let ids: EventStoreDbEventIds;

  beforeAll(async () => {
    database = await createTestDatabase('esdb_event_ids');
    pool = new Pool({ connectionString: database.url });
    // pool.end() resolves before its sockets close; the database drop may still cut one.
    pool.on('error', () => undefined);
    ids = new EventStoreDbEventIds(pool);
    await Promise.all([ids.migrate(), new EventStoreDbEventIds(pool).migrate()]);
  });

  afterAll(async () => {
    await pool.end();
    await database.drop();
  });

  it('registers an id once; registering it again reports it as taken and keeps the first row', async () => {
    const eventId = randomUUID();
    const first = { eventId, streamId: 'household-1', contentHash: 'a'.repeat(64), fromRevision: 4n };
    expect(await ids.registerPending([first])).toEqual(new Set());
    expect(await ids.registerPending([{ ...first, contentHash: 'b'.repeat(64), fromRevision: 9n }])).toEqual(
      new Set([eventId]),
    );
    expect((await ids.lookup([eventId])).get(eventId)).toEqual({
      eventId,
      streamId: 'household-1',
      contentHash: 'a'.repeat(64),
      status: 'pending',
      fromRevision: 4n,
    });
  });

  it('concurrent registrations of the same ids: each id is registered by exactly one writer', async () => {
    const batch = Array.from({ length: 200 }, (_, n) => ({
      eventId: randomUUID(),
      streamId: `household-${n % 7}`,
      contentHash: 'c'.repeat(64),
      fromRevision: -1n,
    }));
    const taken = await Promise.all([ids.registerPending(batch), ids.registerPending([...batch].reverse())]);
    const registeredByFirst = batch.filter((id) => !taken[0].has(id.eventId)).length;
    const registeredBySecond = batch.filter((id) => !taken[1].has(id.eventId)).length;
    expect(registeredByFirst + registeredBySecond).toBe(batch.length);
    for (const id of batch) expect(taken[0].has(id.eventId)).not.toBe(taken[1].has(id.eventId));
  });

  it('marks pending ids committed with their positions, and leaves committed ids as they are', async () => {
    const eventId = randomUUID();
    await ids.registerPending([
      { eventId, streamId: 'household-2', contentHash: 'd'.repeat(64), fromRevision: -1n },
    ]);
    const position = { commit: 18_446_744_073_709_551_000n, prepare: 18_446_744_073_709_550_999n };
    await ids.markCommitted([{ eventId, streamPosition: 1, position }]);
    await ids.markCommitted([{ eventId, streamPosition: 7, position: { commit: 1n, prepare: 1n } }]);
    expect((await ids.lookup([eventId])).get(eventId)).toMatchObject({
      status: 'committed',
      streamPosition: 1,
      position,
    });
  });
});

if (!EVENTSTOREDB_URL) {
  console.info('EVENTSTOREDB_URL is not set: the EventStoreDB event store contract suite does not run here.');
} else {
  const url = EVENTSTOREDB_URL;
  eventStoreDbSuites(url, () => EventStoreDBClient.connectionString(url));
}
