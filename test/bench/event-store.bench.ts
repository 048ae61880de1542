/**
 * Event store write benchmark: `npm run bench:event-store -- [--events N] [--streams M] [--batch B]
 * [--concurrency C] [--peer-events P] [--rounds R]`.
 *
 * On one fresh database it measures, with the same ~300-byte events arriving one household at a time:
 * - the ceiling: one raw COPY of the rows into a bare table of the events table's shape;
 * - ours: `appendMany` in batches (as ingest appends), then reading everything back with `readAll`;
 *   the two alternate for `--rounds` rounds (default 3) on emptied tables, and the best of each counts;
 * - the peer: Emmett's PostgreSQL event store used as a message consumer uses it, one
 *   `appendToStream` per event with 8 calls in flight (and, for reference, 10 events per call).
 * The last line is `event-store: <ours> ev/s, <x.xx> of COPY, <y.yy>x Emmett`; `--json FILE` also writes
 * the rates there (for `npm run bench`).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { writeFile } from 'node:fs/promises';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import { Client, Pool } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { PostgresEventStore, type NewEvent, type StreamAppend } from '@monitoring/event-store';
import { admin } from './support/postgres-admin';

interface Options {
  events: number;
  rounds: number;
  streams: number;
  batch: number;
  concurrency: number;
  peerEvents: number;
  adminUrl: string;
  json?: string;
}

interface BenchEvent {
  streamId: string;
  streamPosition: number;
  event: NewEvent;
}

const PEER_IN_FLIGHT = 8;

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const databaseName = `bench_event_store_${randomBytes(4).toString('hex')}`;
  const url = new URL(options.adminUrl);
  url.pathname = `/${databaseName}`;
  const databaseUrl = url.toString();

  await admin(options.adminUrl, `CREATE DATABASE "${databaseName}"`);
  try {
    const events = generateEvents(options.events, options.streams, 'h');
    const averageBytes = Math.round(
      events.reduce(
        (sum, e) => sum + JSON.stringify(e.event.data).length + JSON.stringify(e.event.metadata).length,
        0,
      ) / events.length,
    );
    console.log(
      `${options.events} events over ${options.streams} streams, ~${averageBytes} bytes of JSON each; ` +
        `appendMany batches of ${options.batch} events from ${options.concurrency} partitions in parallel; database ${databaseName}`,
    );

    // The machine is shared: COPY and ours alternate over a few rounds on emptied tables, and the
    // best round of each is compared.
    const copyRates: number[] = [];
    const oursRates: number[] = [];
    const store = await PostgresEventStore.open({
      connectionString: databaseUrl,
      poolSize: options.concurrency + 2,
    });
    try {
      for (let round = 1; round <= options.rounds; round += 1) {
        const tag = options.rounds > 1 ? ` (round ${round})` : '';
        await admin(databaseUrl, 'TRUNCATE events, streams RESTART IDENTITY');
        copyRates.push(
          await measure(`COPY into a bare table (ceiling)${tag}`, options.events, () =>
            copyIntoBareTable(databaseUrl, events),
          ),
        );
        await checkpoint(databaseUrl);
        oursRates.push(
          await measure(`ours: appendMany${tag}`, options.events, () =>
            appendInBatches(store, events, options.batch, options.concurrency),
          ),
        );
      }
      // Untimed: an open transaction elsewhere on the server (another suite, another engineer) holds back
      // the snapshot horizon readers respect; wait until every appended event is readable.
      await waitUntilReadable(store, options.events);
      await measure('ours: readAll (read back)', options.events, async () => {
        const read = await readEverything(store);
        if (read !== options.events) throw new Error(`read back ${read} events, appended ${options.events}`);
      });
      const stored = await store.position();
      if (stored.lag !== options.events) {
        throw new Error(`the log holds ${stored.lag} events, not ${options.events}`);
      }
    } finally {
      await store.close();
    }
    const copyRate = Math.max(...copyRates);
    const oursRate = Math.max(...oursRates);

    const peerCount = Math.min(options.peerEvents, options.events);
    // Emmett gets a pool of ours, so that dropping the database cannot crash an idle connection of its own.
    const peerPool = new Pool({ connectionString: databaseUrl });
    peerPool.on('error', () => undefined);
    const peer = getPostgreSQLEventStore(databaseUrl, { connectionOptions: { pool: peerPool } });
    let peerRate: number;
    try {
      await peer.schema.migrate();
      await checkpoint(databaseUrl);
      const single = events.slice(0, peerCount).map((e) => ({ ...e, streamId: `emmett-${e.streamId}` }));
      peerRate = await measure(`Emmett: 1 event per call, ${PEER_IN_FLIGHT} in flight`, peerCount, () =>
        byPartition(
          single,
          PEER_IN_FLIGHT,
          (e) => e.streamId,
          (e) => peer.appendToStream(e.streamId, [toEmmettEvent(e.event)]),
        ),
      );
      const grouped = groupsOfTen(
        generateEvents(peerCount, Math.max(1, Math.ceil(peerCount / 10)), 'emmett-ten'),
      );
      await checkpoint(databaseUrl);
      await measure(`Emmett: 10 events per call, ${PEER_IN_FLIGHT} in flight (reference)`, peerCount, () =>
        byPartition(
          grouped,
          PEER_IN_FLIGHT,
          (group) => group[0].streamId,
          (group) =>
            peer.appendToStream(
              group[0].streamId,
              group.map((e) => toEmmettEvent(e.event)),
            ),
        ),
      );
    } finally {
      await peer.close();
      await peerPool.end();
    }

    if (options.rounds > 1) {
      console.log(
        `best of ${options.rounds} rounds: COPY ${Math.round(copyRate)} ev/s, ours ${Math.round(oursRate)} ev/s`,
      );
    }
    if (options.json) {
      const figures = {
        events: options.events,
        rounds: options.rounds,
        oursRate: Math.round(oursRate),
        copyRate: Math.round(copyRate),
        emmettRate: Math.round(peerRate),
        ofCopy: Number((oursRate / copyRate).toFixed(2)),
        timesEmmett: Number((oursRate / peerRate).toFixed(2)),
      };
      await writeFile(options.json, `${JSON.stringify(figures, null, 2)}\n`);
    }
    console.log(
      `event-store: ${Math.round(oursRate)} ev/s, ${(oursRate / copyRate).toFixed(2)} of COPY, ` +
        `${(oursRate / peerRate).toFixed(2)}x Emmett`,
    );
  } finally {
    await admin(options.adminUrl, `DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
  }
}

/**
 * Records as a department pushes them: each concerns one household, households interleaved
 * (a fixed pseudo-random sequence, so runs compare), each event ~300 bytes of JSON.
 */
function generateEvents(count: number, streams: number, prefix: string): BenchEvent[] {
  const positions = new Map<number, number>();
  let seed = 20_260_301;
  const next = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed;
  };
  return Array.from({ length: count }, (_, index) => {
    const household = next() % streams;
    const streamPosition = (positions.get(household) ?? 0) + 1;
    positions.set(household, streamPosition);
    const total = 50_000 + (next() % 5_000_000);
    const covered = Math.floor(total * 0.8);
    return {
      streamId: `${prefix}-household-${String(household).padStart(8, '0')}`,
      streamPosition,
      event: {
        eventId: randomUUID(),
        type: 'ClaimSettled',
        schemaVersion: 1,
        data: {
          claimId: `C${String(index).padStart(12, '0')}`,
          personId: `P${String(household).padStart(10, '0')}`,
          visitType: 'inpatient',
          institutionLevel: 'county',
          inCounty: true,
          diagnosisCode: 'J18.9',
          totalFen: total,
          basicInsuranceFen: covered,
          outOfPocketFen: total - covered,
        },
        metadata: {
          occurredAt: '2026-03-01T08:00:00+08:00',
          source: 'medical_insurance',
          sourceId: `MI-${index}`,
        },
      },
    };
  });
}

/** The ceiling: one COPY of the same rows (text format) into a table of the same columns, no index. */
async function copyIntoBareTable(databaseUrl: string, events: BenchEvent[]): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`
      DROP TABLE IF EXISTS bench_bare_events;
      CREATE TABLE bench_bare_events (
        global_position bigserial,
        transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
        stream_id text NOT NULL,
        stream_position bigint NOT NULL,
        event_id uuid NOT NULL,
        type text NOT NULL,
        schema_version integer NOT NULL,
        data jsonb NOT NULL,
        metadata jsonb NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await checkpoint(databaseUrl);
    const started = process.hrtime.bigint();
    const copy = client.query(
      copyFrom(
        'COPY bench_bare_events (stream_id, stream_position, event_id, type, schema_version, data, metadata) FROM STDIN',
      ),
    );
    const finished = once(copy, 'finish');
    for (let start = 0; start < events.length; start += 1_000) {
      const chunk = events
        .slice(start, start + 1_000)
        .map(({ streamId, streamPosition, event }) =>
          [
            copyText(streamId),
            streamPosition,
            event.eventId,
            copyText(event.type),
            event.schemaVersion,
            copyText(JSON.stringify(event.data)),
            copyText(JSON.stringify(event.metadata)),
          ].join('\t'),
        )
        .join('\n');
      if (!copy.write(`${chunk}\n`)) await once(copy, 'drain');
    }
    copy.end();
    await finished;
    return Number(process.hrtime.bigint() - started) / 1e9;
  } finally {
    await client.end();
  }
}

function copyText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
}

/**
 * Ingest's way: records are keyed by household into partitions (one consumer each, as Kafka does), and
 * each consumer turns a batch of its records into one appendMany with one append per household.
 */
async function appendInBatches(
  store: PostgresEventStore,
  events: BenchEvent[],
  batchSize: number,
  partitions: number,
): Promise<void> {
  const lanes: BenchEvent[][] = Array.from({ length: partitions }, () => []);
  for (const event of events) lanes[hash(event.streamId) % partitions].push(event);
  await Promise.all(
    lanes.map(async (lane) => {
      for (let start = 0; start < lane.length; start += batchSize) {
        const byStream = new Map<string, NewEvent[]>();
        for (const { streamId, event } of lane.slice(start, start + batchSize)) {
          const list = byStream.get(streamId) ?? [];
          list.push(event);
          byStream.set(streamId, list);
        }
        await store.appendMany(
          [...byStream].map(([streamId, list]): StreamAppend => ({
            streamId,
            events: list,
            expectedVersion: 'any',
          })),
        );
      }
    }),
  );
}

async function waitUntilReadable(store: PostgresEventStore, events: number): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const read = await readEverything(store);
    if (read === events) return;
    if (Date.now() > deadline) throw new Error(`only ${read} of ${events} events became readable in 120 s`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function readEverything(store: PostgresEventStore): Promise<number> {
  let count = 0;
  for (let after = ''; ;) {
    const page = await store.readAll({ after, limit: 1_000 });
    if (page.events.length === 0) return count;
    count += page.events.length;
    after = page.checkpoint;
  }
}

function groupsOfTen(events: BenchEvent[]): BenchEvent[][] {
  const byStream = new Map<string, BenchEvent[]>();
  for (const e of events) byStream.set(e.streamId, [...(byStream.get(e.streamId) ?? []), e]);
  const groups: BenchEvent[][] = [];
  for (const list of byStream.values()) {
    for (let start = 0; start < list.length; start += 10) groups.push(list.slice(start, start + 10));
  }
  return groups;
}

function toEmmettEvent(event: NewEvent) {
  return { type: event.type, data: event.data as Record<string, unknown>, metadata: event.metadata };
}

/**
 * A message consumer's concurrency: items are keyed into `partitions` lanes by stream (as Kafka
 * partitions by household), each lane handling its items one at a time, in order.
 */
async function byPartition<T>(
  items: T[],
  partitions: number,
  key: (item: T) => string,
  work: (item: T) => Promise<unknown>,
): Promise<void> {
  const lanes: T[][] = Array.from({ length: partitions }, () => []);
  for (const item of items) lanes[hash(key(item)) % partitions].push(item);
  await Promise.all(
    lanes.map(async (lane) => {
      for (const item of lane) await work(item);
    }),
  );
}

function hash(text: string): number {
  let value = 0;
  for (let index = 0; index < text.length; index += 1) value = (value * 31 + text.charCodeAt(index)) >>> 0;
  return value;
}

/** Times `run`; a phase that returns a number reports its own seconds (COPY excludes creating its table). */
async function measure(label: string, count: number, run: () => Promise<number | void>): Promise<number> {
  const started = process.hrtime.bigint();
  const own = await run();
  const seconds = typeof own === 'number' ? own : Number(process.hrtime.bigint() - started) / 1e9;
  const rate = count / seconds;
  console.log(
    `${label.padEnd(58)} ${String(count).padStart(8)} events in ${seconds.toFixed(2).padStart(6)} s = ` +
      `${Math.round(rate).toLocaleString('en-US').padStart(9)} ev/s`,
  );
  return rate;
}

/** Flushes dirty pages between phases so one phase's writes are not paid by the next. */
async function checkpoint(databaseUrl: string): Promise<void> {
  await admin(databaseUrl, 'CHECKPOINT');
}

function parseOptions(args: string[]): Options {
  const options: Options = {
    events: 200_000,
    rounds: 3,
    streams: 20_000,
    batch: 1_000,
    concurrency: 2,
    peerEvents: 40_000,
    adminUrl: process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  };
  const numeric: Record<string, keyof Omit<Options, 'adminUrl' | 'json'>> = {
    '--events': 'events',
    '--streams': 'streams',
    '--batch': 'batch',
    '--concurrency': 'concurrency',
    '--peer-events': 'peerEvents',
    '--rounds': 'rounds',
  };
  for (let index = 0; index < args.length; index += 2) {
    const [flag, value] = [args[index], args[index + 1]];
    if (flag === '--admin-url' && value) {
      options.adminUrl = value;
      continue;
    }
    if (flag === '--json' && value) {
      options.json = value;
      continue;
    }
    const key = numeric[flag];
    const parsed = Number(value);
    if (!key || !Number.isSafeInteger(parsed) || parsed < 1) {
      throw new Error(
        `usage: event-store.bench [--events N] [--streams M] [--batch B] [--concurrency C] [--peer-events P] [--rounds R] [--admin-url URL] [--json FILE]; bad ${flag} ${value ?? ''}`,
      );
    }
    options[key] = parsed;
  }
  return options;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
