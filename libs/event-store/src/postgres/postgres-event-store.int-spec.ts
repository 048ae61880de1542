import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, Pool } from 'pg';
import { createTestDatabase, type TestDatabase } from '@monitoring/testing';
import { eventStoreContract, type HeldAppend } from '../event-store.contract';
import type { NewEvent, RecordedEvent } from '../event-store.port';
import { PostgresEventStore, type PostgresEventStoreOptions } from './postgres-event-store';
import {
  POSTGRES_EVENT_STORE_COMPONENT,
  POSTGRES_EVENT_STORE_MIGRATIONS,
} from './postgres-event-store.schema';
import { applyMigrations } from './postgres-migrations';

eventStoreContract({
  adapter: 'PostgreSQL',
  holdsAppendsOpen: true,
  async open() {
    const database = await createTestDatabase('event_store_contract');
    const connect = (extra: Partial<PostgresEventStoreOptions> = {}) =>
      PostgresEventStore.open({ connectionString: database.url, ...extra });
    const store = await connect();
    return {
      store,
      openAnother: () => connect(),
      holdAppendOpen: (streamId, events) => holdAppendOpen(database.url, streamId, events),
      async dispose() {
        await store.close();
        await database.drop();
      },
    };
  },
});

/**
 * Runs an append through a second store whose transaction pauses after its events are inserted (their
 * global positions taken) and before COMMIT, until `commit()` is called.
 */
async function holdAppendOpen(url: string, streamId: string, events: NewEvent[]): Promise<HeldAppend> {
  let reached!: () => void;
  let release!: () => void;
  const atCommit = new Promise<void>((resolve) => (reached = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  const holder = await PostgresEventStore.open({
    connectionString: url,
    migrate: false,
    beforeCommit: async () => {
      reached();
      await released;
    },
  });
  const appending = holder.appendToStream(streamId, events, 'any');
  await Promise.race([atCommit, appending]);
  return {
    async commit() {
      release();
      try {
        return await appending;
      } finally {
        await holder.close();
      }
    },
  };
}

describe('PostgreSQL event store', () => {
  let database: TestDatabase;
  const opened: PostgresEventStore[] = [];
  const open = async (options: Partial<PostgresEventStoreOptions> = {}) => {
    const store = await PostgresEventStore.open({ connectionString: database.url, ...options });
    opened.push(store);
    return store;
  };

  beforeAll(async () => {
    database = await createTestDatabase('event_store_pg');
  });

  afterAll(async () => {
    await Promise.all(opened.map((store) => store.close()));
    await database.drop();
  });

  it('applies its migrations once when several processes start at once, and records them', async () => {
    const stores = await Promise.all([open(), open(), open(), open()]);
    expect(await stores[0].migrate()).toEqual([]);
    const { rows } = await query(
      database.url,
      'SELECT component, version FROM event_store_migrations ORDER BY version',
    );
    expect(rows).toEqual([
      { component: 'postgres-event-store', version: 1 },
      { component: 'postgres-event-store', version: 2 },
    ]);
  });

  it('keeps the events of a log written as jsonb (version 1) when it moves to json text (version 2)', async () => {
    const older = await createTestDatabase('event_store_pg_v1');
    try {
      const pool = new Pool({ connectionString: older.url, max: 1 });
      await applyMigrations(
        pool,
        POSTGRES_EVENT_STORE_COMPONENT,
        POSTGRES_EVENT_STORE_MIGRATIONS.slice(0, 1),
      );
      const data = { name: '王小明', amountFen: 1_234_567, nested: { list: [1, 'two', null, true] } };
      await pool.query(
        `INSERT INTO streams (stream_id, version) VALUES ('upgrade-1', 1);
         INSERT INTO events (stream_id, stream_position, event_id, type, schema_version, data, metadata)
         VALUES ('upgrade-1', 1, '6f1e2d3c-0000-4000-8000-000000000001', 'Upgraded', 1,
           '${JSON.stringify(data)}', '{"occurredAt":"2026-03-01T08:00:00+08:00"}')`,
      );
      await pool.end();

      const store = await PostgresEventStore.open({ connectionString: older.url });
      try {
        const [event] = await store.readStream('upgrade-1');
        expect(event).toMatchObject({
          type: 'Upgraded',
          data,
          metadata: { occurredAt: '2026-03-01T08:00:00+08:00' },
        });
        const { rows } = await query(
          older.url,
          `SELECT data_type FROM information_schema.columns WHERE table_name = 'events' AND column_name IN ('data', 'metadata')`,
        );
        expect(rows).toEqual([{ data_type: 'json' }, { data_type: 'json' }]);
        await store.appendToStream('upgrade-1', [anEvent()], 1);
        expect(await store.streamVersion('upgrade-1')).toBe(2);
      } finally {
        await store.close();
      }
    } finally {
      await older.drop();
    }
  });

  it('follows new appends without polling, woken by its LISTEN connection', async () => {
    const store = await open({ pollIntervalMs: 3_600_000 });
    const base = (await store.position()).head;
    const received = receive(store, base);
    const streamId = `notify-${randomUUID()}`;
    await store.appendToStream(streamId, [anEvent()], 'no_stream');
    await received.count(1);
    await store.appendToStream(streamId, [anEvent()], 1);
    await received.count(2);
    expect(received.events.map((e) => e.streamPosition)).toEqual([1, 2]);
  });

  it('a subscription woken while the log is held back retries until it can read, with no further append or poll', async () => {
    const store = await open({ pollIntervalMs: 3_600_000 });
    const base = (await store.position()).head;
    const received = receive(store, base);
    // An open transaction with an id holds back every reader of the log until it ends.
    const blocker = new Client({ connectionString: database.url });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('SELECT pg_current_xact_id()');
      await store.appendToStream(`held-back-${randomUUID()}`, [anEvent()], 'no_stream');
      await sleep(300);
      expect(received.events).toEqual([]);
      await blocker.query('COMMIT');
    } finally {
      await blocker.end();
    }
    // The append's notification came and went while the event was unreadable; only retries deliver it.
    await Promise.race([
      received.count(1),
      sleep(10_000).then(() => Promise.reject(new Error('not delivered 10 s after the log was released'))),
    ]);
    expect(received.events).toHaveLength(1);
  });

  it('a subscription resumes after its connections are cut, without loss or duplicates', async () => {
    const store = await open({ pollIntervalMs: 3_600_000 });
    const base = (await store.position()).head;
    const received = receive(store, base);
    const streamId = `cut-${randomUUID()}`;
    await store.appendToStream(streamId, [anEvent(), anEvent()], 'no_stream');
    await received.count(2);

    const cut = await query(
      database.url,
      `SELECT count(pg_terminate_backend(pid))::int AS cut FROM pg_stat_activity
       WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    expect(cut.rows[0].cut).toBeGreaterThan(0);

    await store.appendToStream(streamId, [anEvent(), anEvent(), anEvent()], 2);
    await received.count(5);
    expect(received.events.map((e) => e.streamPosition)).toEqual([1, 2, 3, 4, 5]);
  });

  it('while catching up, reads the next page as the handler works on this one, and never delivers a page read ahead after the handler fails', async () => {
    const store = await open({ pollIntervalMs: 3_600_000 });
    const base = (await store.position()).head;
    const streamId = `ahead-${randomUUID()}`;
    await store.appendToStream(
      streamId,
      Array.from({ length: 9 }, () => anEvent()),
      'no_stream',
    );
    const reads: string[] = [];
    let inFlight = 0;
    let readAgain = () => undefined as void;
    const realReadAll = store.readAll.bind(store);
    jest.spyOn(store, 'readAll').mockImplementation(async (options) => {
      reads.push(options?.after ?? '');
      readAgain();
      inFlight += 1;
      try {
        return await realReadAll(options);
      } finally {
        inFlight -= 1;
      }
    });

    const pages: RecordedEvent[][] = [];
    const failure = new Error('the second page fails');
    const subscription = store.subscribeToAll(
      async (events, checkpoint) => {
        pages.push(events);
        if (pages.length === 2) throw failure;
        // The first page is in hand: the page after it is being read already, before this returns.
        if (!reads.includes(checkpoint)) {
          await Promise.race([new Promise<void>((resolve) => (readAgain = resolve)), sleep(10_000)]);
        }
      },
      { after: base, batchSize: 3 },
    );

    await expect(subscription.done).rejects.toBe(failure);
    expect(reads.slice(0, 2)).toEqual([base, pages[0].at(-1)!.checkpoint]);
    // The third page was asked for while the second was handled, and dropped.
    expect(reads).toHaveLength(3);
    expect(pages.map((page) => page.map((event) => event.streamPosition))).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(inFlight).toBe(0);
  });

  it('once an append met stored ids, the next looks its ids up first instead of writing and rolling back', async () => {
    const store = await open();
    const streamId = `redelivered-${randomUUID()}`;
    const first = Array.from({ length: 5 }, () => anEvent());
    await store.appendToStream(streamId, first, 'no_stream');

    // Written blind, failed on the stored ids and written again: the rolled-back COPY took positions.
    const secondNew = Array.from({ length: 5 }, () => anEvent());
    const second = await store.appendMany([
      { streamId, events: [...secondNew, ...first], expectedVersion: 'any' },
    ]);
    expect(second[0].events.map((e) => e.status)).toEqual([
      ...secondNew.map(() => 'appended'),
      ...first.map(() => 'duplicate'),
    ]);
    const headBefore = Number((await store.position()).head.split(':')[1]);

    // Looked up first: the new events take the very next positions, nothing was written and undone.
    const thirdNew = Array.from({ length: 5 }, () => anEvent());
    const third = await store.appendMany([
      { streamId, events: [...thirdNew, ...secondNew], expectedVersion: 'any' },
    ]);
    expect(third[0].events.map((e) => e.status)).toEqual([
      ...thirdNew.map(() => 'appended'),
      ...secondNew.map(() => 'duplicate'),
    ]);
    expect(third[0].events.slice(0, 5).map((e) => Number(e.globalPosition))).toEqual(
      [1, 2, 3, 4, 5].map((n) => headBefore + n),
    );
    expect((await store.readStream(streamId)).map((e) => e.eventId)).toEqual(
      [...first, ...secondNew, ...thirdNew].map((e) => e.eventId),
    );
  });

  it('an append held open keeps readers of the log behind it, and they see it once it commits', async () => {
    const store = await open();
    const base = (await store.position()).head;
    const held = await holdAppendOpen(database.url, `held-${randomUUID()}`, [anEvent()]);
    const later = await store.appendToStream(`later-${randomUUID()}`, [anEvent()], 'any');

    const whileOpen = await store.readAll({ after: base });
    expect(whileOpen.events).toEqual([]);
    expect((await store.position(base)).lag).toBe(1);

    const early = await held.commit();
    // Other suites' open transactions on the same cluster may hold the log back a little longer.
    const deadline = Date.now() + 20_000;
    let after = await store.readAll({ after: base });
    while (after.events.length < 2 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      after = await store.readAll({ after: base });
    }
    expect(after.events.map((e) => e.eventId)).toEqual([early.events[0].eventId, later.events[0].eventId]);
  });

  it('stores text with backslashes, tabs, line breaks and quotes in data and metadata as it was given', async () => {
    const store = await open();
    const text = 'C:\\new\\table\ttab\nline\r\n"quoted" \\u0041 \u2028 医保 😀';
    const event = { ...anEvent(), data: { text, nested: [text, { text }] } };
    event.metadata = { ...event.metadata, sourceId: text };
    const streamId = `escaping-${randomUUID()}`;
    await store.appendToStream(streamId, [event], 'any');
    const [stored] = await store.readStream(streamId);
    expect(stored.data).toEqual(event.data);
    expect(stored.metadata.sourceId).toBe(text);
  });

  it('stores event ids under a unique key: a duplicate inserted behind the adapter is refused', async () => {
    const store = await open();
    const event = anEvent();
    await store.appendToStream(`unique-${randomUUID()}`, [event], 'any');
    await expect(
      query(
        database.url,
        `INSERT INTO events (stream_id, stream_position, event_id, type, schema_version, data, metadata)
         VALUES ('elsewhere', 1, $1, 'X', 1, '{}', '{}')`,
        [event.eventId],
      ),
    ).rejects.toMatchObject({ code: '23505', constraint: 'events_event_id_key' });
  });
});

function receive(store: PostgresEventStore, after: string) {
  const events: RecordedEvent[] = [];
  let wake = () => undefined as void;
  const subscription = store.subscribeToAll(
    async (batch) => {
      events.push(...batch);
      wake();
    },
    { after },
  );
  return {
    events,
    /** Resolves once `n` events arrived; rejects if the subscription fails. */
    async count(n: number) {
      while (events.length < n) {
        await Promise.race([
          new Promise<void>((resolve) => (wake = resolve)),
          subscription.done.then(() => Promise.reject(new Error('subscription stopped'))),
        ]);
      }
    },
  };
}

async function query(url: string, text: string, values: unknown[] = []) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}

function anEvent(): NewEvent {
  return {
    eventId: randomUUID(),
    type: 'AdapterChecked',
    schemaVersion: 1,
    data: { note: 'postgres adapter test' },
    metadata: { occurredAt: '2026-03-01T08:00:00+08:00', source: 'postgres-test' },
  };
}
