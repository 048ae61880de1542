import { createTestDatabase, type TestDatabase } from '@monitoring/testing';
import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '../event-store.port';
import { EventStoreDbStandIn } from './eventstoredb-client.stand-in';
import { EventStoreDbEventStore } from './eventstoredb-event-store';
import { anEvent, eventStoreDbSuites } from './eventstoredb-event-store.suites';

/**
 * The EventStoreDB adapter's suites on an in-memory stand-in for the server (no server runs here):
 * they exercise the adapter's own logic. Against a real server they run from
 * eventstoredb-event-store.int-spec.ts when EVENTSTOREDB_URL is set.
 */
const standIn = new EventStoreDbStandIn();
eventStoreDbSuites('in-memory stand-in', () => standIn.connect());

describe('EventStoreDB (in-memory stand-in): subscriptions', () => {
  let database: TestDatabase;
  let store: EventStoreDbEventStore;
  const server = new EventStoreDbStandIn();

  beforeAll(async () => {
    database = await createTestDatabase('esdb_standin_subscription');
    store = await EventStoreDbEventStore.open({
      eventStoreDbUrl: 'in-memory stand-in',
      databaseUrl: database.url,
      client: server.connect(),
    });
  });

  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  it('re-subscribes after the connection drops, from its checkpoint, without loss or duplicates', async () => {
    const streamId = `dropped-${randomUUID()}`;
    const received: RecordedEvent[] = [];
    let wake = () => undefined as void;
    const arrived = (count: number) =>
      new Promise<void>((resolve, reject) => {
        if (received.length >= count) return resolve();
        wake = () => received.length >= count && resolve();
        subscription.done.then(() => reject(new Error('subscription stopped')), reject);
      });
    const subscription = store.subscribeToAll(async (events) => {
      received.push(...events);
      wake();
    });
    await store.appendToStream(streamId, [anEvent(), anEvent()], 'no_stream');
    await arrived(2);

    server.dropSubscriptions();
    await store.appendToStream(streamId, [anEvent(), anEvent(), anEvent()], 2);
    await arrived(5);
    await subscription.stop();

    expect(received.map((e) => e.streamPosition)).toEqual([1, 2, 3, 4, 5]);
  });
});
