/**
 * Ingest benchmark: `npm run bench:ingest -- [--records N] [--window W] [--round R] [--batch B]
 * [--concurrency C] [--lanes L]` (C: partitions the consumer appends at once; L: file import lanes).
 *
 * The same N claim records (200,000 by default, ~450 bytes of JSON each) go, each time into a fresh
 * database, through
 * - Kafka with the producer alongside: a child process produces them to the mock broker's claims
 *   topic (kcat, 4 partitions) while the KafkaSourceConsumer appends them, at most W messages ahead
 *   (the mock keeps only ~5 MB per partition); timed from the first message sent to the last appended.
 *   The producer, the mock broker, the consumer and PostgreSQL then share this machine's two cores;
 * - Kafka with the consumer alone: rounds of R messages produced while no consumer runs, each then
 *   consumed and timed from the consumer's group join to its last append (the ingest service's own
 *   rate, as when the departments' producers run elsewhere);
 * - the file import: the records as a JSON Lines file, through `npm run import`'s command.
 * Every Kafka run checks that each message was appended once and every offset committed. The last
 * line is `ingest: kafka <n> rec/s, file <m> rec/s`, with the consumer-alone Kafka rate; `--json FILE` also
 * writes the rates there (for `npm run bench`).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { PostgresEventStore } from '@monitoring/event-store';
import { startMockKafka } from '@monitoring/testing/mock-kafka';
import { Kafka, logLevel } from 'kafkajs';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { runImportCommand } from '../../apps/ingest/src/files/import.cli';
import { KafkaSourceConsumer } from '../../apps/ingest/src/kafka/kafka-source-consumer';
import { IngestMetrics } from '../../apps/ingest/src/metrics/ingest-metrics';
import { IngestPipeline } from '../../apps/ingest/src/pipeline/ingest-pipeline';
import {
  INGEST_ENTITIES,
  INGEST_MIGRATIONS,
  TypeOrmRejectionRecorder,
} from '../../apps/ingest/src/rejections';
import { admin } from './support/postgres-admin';

interface Options {
  records: number;
  window: number;
  /** Messages per round when the consumer runs alone. */
  round: number;
  batch: number;
  /** Partitions the consumer appends at once; the consumer's default when not given. */
  concurrency?: number;
  /** File import lanes; the importer's default when not given. */
  lanes?: number;
  adminUrl: string;
  json?: string;
}

const TOPIC_PREFIX = 'bench.';
const CLAIMS_TOPIC = `${TOPIC_PREFIX}claims`;
/** Messages per send: the mock broker hands a consumer about one producer batch per partition per fetch. */
const PRODUCE_CHUNK = 8_000;
const STALL_MS = 60_000;

// ---------------------------------------------------------------------------------------------
// Records

const VISIT_TYPES = ['inpatient', 'outpatient', 'chronic_outpatient'] as const;
const LEVELS = ['village', 'township', 'county', 'city', 'province', 'out_of_province'] as const;
const DIAGNOSES = ['I63.900', 'E11.900', 'C34.900', 'J44.100', 'N18.500', 'I10.x00'];

/** Claim `index` of a run: valid, adding up, about five per household, settled during 2025. */
function claimRecord(run: string, index: number, households: number): Record<string, unknown> {
  const household = index % households;
  const level = LEVELS[index % LEVELS.length];
  const basic = 50_000 + ((index * 7_919) % 2_000_000);
  const critical = index % 5 === 0 ? (index * 31) % 500_000 : 0;
  const assistance = index % 3 === 0 ? 50_000 : 0;
  const outOfPocket = 20_000 + ((index * 104_729) % 800_000);
  const total = basic + critical + assistance + outOfPocket;
  const day = 1 + (index % 28);
  const month = 1 + (index % 12);
  return {
    type: 'claim_settled',
    sourceId: `BENCH-${run}-${index}`,
    occurredAt: `2025-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T10:30:00+08:00`,
    householdId: `H${run}${String(household).padStart(8, '0')}`,
    personId: `P${run}${String(household).padStart(8, '0')}-${index % 3}`,
    visitType: VISIT_TYPES[index % VISIT_TYPES.length],
    institutionLevel: level,
    inCounty: level === 'village' || level === 'township' || level === 'county',
    diagnosisCode: DIAGNOSES[index % DIAGNOSES.length],
    totalFen: total,
    policyCoveredFen: total - Math.floor(outOfPocket / 2),
    basicInsuranceFen: basic,
    criticalIllnessFen: critical,
    medicalAssistanceFen: assistance,
    commercialInsuranceFen: 0,
    hospitalWaiverFen: 0,
    otherFen: 0,
    outOfPocketFen: outOfPocket,
  };
}

// ---------------------------------------------------------------------------------------------
// Producer process: `--role producer`, settings in BENCH_PRODUCER (JSON)

interface ProducerSettings {
  brokers: string[];
  run: string;
  records: number;
  window: number;
}

type ToProducer = { consumed: number };
type FromProducer = { kind: 'started' } | { kind: 'produced'; count: number };

async function producerMain(): Promise<void> {
  const settings = JSON.parse(process.env.BENCH_PRODUCER ?? '') as ProducerSettings;
  const households = Math.max(1, Math.floor(settings.records / 5));
  let consumed = 0;
  process.on('message', (message: ToProducer) => {
    consumed = Math.max(consumed, message.consumed);
  });
  const kafka = new Kafka({
    clientId: 'bench-producer',
    brokers: settings.brokers,
    logLevel: logLevel.ERROR,
  });
  const producer = kafka.producer();
  await producer.connect();
  process.send?.({ kind: 'started' } satisfies FromProducer);
  let produced = 0;
  while (produced < settings.records) {
    if (produced - consumed >= settings.window) {
      await sleep(5);
      continue;
    }
    const count = Math.min(PRODUCE_CHUNK, settings.records - produced);
    const messages = Array.from({ length: count }, (_, offset) => {
      const record = claimRecord(settings.run, produced + offset, households);
      return { key: record.householdId as string, value: JSON.stringify(record) };
    });
    await producer.send({ topic: CLAIMS_TOPIC, messages });
    produced += count;
  }
  await producer.disconnect();
  process.send?.({ kind: 'produced', count: produced } satisfies FromProducer);
  process.disconnect?.();
}

// ---------------------------------------------------------------------------------------------
// Benchmark

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const run = randomBytes(3).toString('hex');
  console.log(
    `${options.records} claim records (~${Math.round(JSON.stringify(claimRecord(run, 1, 1)).length)} bytes of JSON each); ` +
      `Kafka window ${options.window} messages, rounds of ${options.round}, file batches of ${options.batch}`,
  );
  const alongside = await withDatabase(options.adminUrl, 'bench_ingest_kafka', (url) =>
    withKafkaRig(url, `${run}k`, options, (rig) => benchKafkaWithProducerAlongside(rig, options)),
  );
  const rounds = await withDatabase(options.adminUrl, 'bench_ingest_rounds', (url) =>
    withKafkaRig(url, `${run}r`, options, (rig) => benchKafkaInRounds(rig, options)),
  );
  const file = await withDatabase(options.adminUrl, 'bench_ingest_file', (url) =>
    benchFile(url, run, options),
  );
  console.log(
    `kafka: ${Math.round(rounds)} rec/s consuming alone, ${Math.round(alongside)} rec/s with the producer on the same two cores`,
  );
  if (options.json) {
    const figures = {
      records: options.records,
      kafkaRate: Math.round(rounds),
      kafkaWithProducerRate: Math.round(alongside),
      fileRate: Math.round(file),
    };
    await writeFile(options.json, `${JSON.stringify(figures, null, 2)}\n`);
  }
  console.log(`ingest: kafka ${Math.round(rounds)} rec/s, file ${Math.round(file)} rec/s`);
}

/** A mock broker, a fresh store with the ingest pipeline over it, and consumers for the claims topic. */
interface KafkaRig {
  run: string;
  brokers: string[];
  groupId: string;
  registry: Registry;
  eventStore: PostgresEventStore;
  newConsumer(): KafkaSourceConsumer;
  /** Records the consumers took, whatever became of them. */
  processed(): Promise<number>;
  /** Fails unless every record was appended once and every offset committed. */
  verify(): Promise<string>;
}

async function withKafkaRig<T>(
  databaseUrl: string,
  run: string,
  options: Options,
  work: (rig: KafkaRig) => Promise<T>,
): Promise<T> {
  const broker = await startMockKafka();
  // Even if the benchmark dies, the broker it started does not outlive it.
  const stopBroker = () => void broker.stop();
  process.once('exit', stopBroker);
  const eventStore = await PostgresEventStore.open({ connectionString: databaseUrl });
  const dataSource = new DataSource({
    type: 'postgres',
    url: databaseUrl,
    entities: INGEST_ENTITIES,
    migrations: INGEST_MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
  });
  try {
    await dataSource.initialize();
    await dataSource.runMigrations();
    const registry = new Registry();
    const metrics = new IngestMetrics(registry);
    const quiet = {
      log: () => undefined,
      warn: () => undefined,
      error: (message: string) => console.error(message),
    };
    const pipeline = new IngestPipeline({
      eventStore,
      rejections: new TypeOrmRejectionRecorder(dataSource),
      metrics,
      logger: quiet,
    });
    const groupId = `bench-${run}`;
    const rig: KafkaRig = {
      run,
      brokers: broker.brokers,
      groupId,
      registry,
      eventStore,
      newConsumer: () =>
        new KafkaSourceConsumer(
          {
            brokers: broker.brokers,
            topicPrefix: TOPIC_PREFIX,
            clientId: 'bench-consumer',
            groupId,
            ...(options.concurrency !== undefined && { partitionsConsumedConcurrently: options.concurrency }),
          },
          pipeline,
          metrics,
          quiet,
        ),
      processed: async () =>
        (await counter(registry, 'ingest_records_accepted_total')) +
        (await counter(registry, 'ingest_records_duplicate_total')) +
        (await counter(registry, 'ingest_records_rejected_total')),
      verify: async () => {
        const accepted = await counter(registry, 'ingest_records_accepted_total');
        const stored = (await eventStore.position()).lag;
        const committed = await committedOffsets(broker.brokers, groupId);
        if (accepted !== options.records || stored !== options.records || committed !== options.records) {
          throw new Error(
            `sent ${options.records}; accepted ${accepted}, stored ${stored}, committed ${committed}: something was lost or repeated`,
          );
        }
        const appends = await appendStats(registry);
        return (
          `all ${stored} stored once, all offsets committed; ${appends.count} appends of ` +
          `${Math.round(options.records / appends.count)} records on average, ${appends.meanMs.toFixed(1)} ms each`
        );
      },
    };
    return await work(rig);
  } finally {
    await eventStore.close();
    await dataSource.destroy().catch(() => undefined);
    await broker.stop();
    process.off('exit', stopBroker);
  }
}

/** Waits until the consumers have taken `target` records; throws when nothing moves for STALL_MS. */
async function waitForProcessed(
  rig: KafkaRig,
  target: number,
  onProgress: (count: number) => void,
): Promise<number> {
  let lastCount = -1;
  let lastProgress = performance.now();
  let lastReport = performance.now();
  for (;;) {
    const count = await rig.processed();
    onProgress(count);
    if (count >= target) return performance.now();
    if (count !== lastCount) {
      lastCount = count;
      lastProgress = performance.now();
    } else if (performance.now() - lastProgress > STALL_MS) {
      throw new Error(
        `no message arrived for ${STALL_MS / 1000} s after ${count} of ${target}; ` +
          'the mock broker may have dropped messages beyond its ~5 MB per partition: lower --window or --round',
      );
    }
    if (performance.now() - lastReport > 10_000) {
      lastReport = performance.now();
      console.error(`kafka: ${count} of ${target} appended`);
    }
    await sleep(20);
  }
}

/**
 * End to end as in production, but with the producer on the same two cores: a child process produces
 * while the consumer appends, at most `window` messages ahead. Timed from the first message sent to
 * the last appended.
 */
async function benchKafkaWithProducerAlongside(rig: KafkaRig, options: Options): Promise<number> {
  const consumer = rig.newConsumer();
  let producer: ChildProcess | undefined;
  try {
    await consumer.start();
    await consumer.waitUntilJoined();
    const settings: ProducerSettings = {
      brokers: rig.brokers,
      run: rig.run,
      records: options.records,
      window: options.window,
    };
    producer = fork(__filename, ['--role', 'producer'], {
      env: { ...process.env, BENCH_PRODUCER: JSON.stringify(settings) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const child = producer;
    // The producer hangs up once it is done; a progress note racing that is of no consequence.
    child.on('error', () => undefined);
    let started = 0;
    let produced = 0;
    child.on('message', (message: FromProducer) => {
      if (message.kind === 'started') started = performance.now();
      if (message.kind === 'produced') produced = message.count;
    });
    const failed = new Promise<never>((_, reject) =>
      child.once('exit', (code) => {
        if (produced !== options.records)
          reject(new Error(`the producer exited (${code}) after ${produced} messages`));
      }),
    );
    const finished = await Promise.race([
      waitForProcessed(rig, options.records, (count) => {
        if (child.connected) child.send({ consumed: count } satisfies ToProducer);
      }),
      failed,
    ]);
    const elapsedMs = finished - started;
    const checks = await rig.verify();
    const rate = (options.records * 1000) / elapsedMs;
    console.log(
      `kafka, producer alongside: ${options.records} messages produced and appended in ${(elapsedMs / 1000).toFixed(1)} s: ` +
        `${Math.round(rate)} rec/s (${checks})`,
    );
    return rate;
  } finally {
    producer?.kill();
    await consumer.stop();
  }
}

/**
 * The consumer alone: each round (`round` messages, within the mock's retention) is produced while no
 * consumer runs; then a consumer joins and the round is timed from the join to the last message
 * appended. The rate is the records over the summed consuming time.
 */
async function benchKafkaInRounds(rig: KafkaRig, options: Options): Promise<number> {
  const households = Math.max(1, Math.floor(options.records / 5));
  const producer = new Kafka({
    clientId: 'bench-producer',
    brokers: rig.brokers,
    logLevel: logLevel.ERROR,
  }).producer();
  await producer.connect();
  let consumingMs = 0;
  try {
    for (let from = 0; from < options.records; from += options.round) {
      const to = Math.min(options.records, from + options.round);
      for (let chunk = from; chunk < to; chunk += PRODUCE_CHUNK) {
        const messages = Array.from({ length: Math.min(PRODUCE_CHUNK, to - chunk) }, (_, offset) => {
          const record = claimRecord(rig.run, chunk + offset, households);
          return { key: record.householdId as string, value: JSON.stringify(record) };
        });
        await producer.send({ topic: CLAIMS_TOPIC, messages });
      }
      const consumer = rig.newConsumer();
      try {
        console.error(`kafka rounds: records ${from + 1}-${to} produced, consumer joining`);
        await consumer.start();
        await consumer.waitUntilJoined();
        const joined = performance.now();
        consumingMs += (await waitForProcessed(rig, to, () => undefined)) - joined;
      } finally {
        await consumer.stop();
      }
    }
  } finally {
    await producer.disconnect();
  }
  const checks = await rig.verify();
  const rate = (options.records * 1000) / consumingMs;
  console.log(
    `kafka, consumer alone in rounds: ${options.records} messages appended in ${(consumingMs / 1000).toFixed(1)} s of ` +
      `consuming: ${Math.round(rate)} rec/s (${checks})`,
  );
  return rate;
}

async function benchFile(databaseUrl: string, run: string, options: Options): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-ingest-'));
  const file = join(dir, 'claims.jsonl');
  try {
    const households = Math.max(1, Math.floor(options.records / 5));
    const out = createWriteStream(file);
    for (let index = 0; index < options.records; index += 1) {
      if (!out.write(`${JSON.stringify(claimRecord(run, index, households))}\n`)) {
        await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      }
    }
    await new Promise<void>((resolve, reject) =>
      out.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );

    let summary = '';
    const stdout = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        summary += chunk.toString();
        callback();
      },
    });
    const started = performance.now();
    const status = await runImportCommand(
      [
        '--kind',
        'claims',
        '--file',
        file,
        '--batch-size',
        String(options.batch),
        ...(options.lanes !== undefined ? ['--lanes', String(options.lanes)] : []),
      ],
      { DATABASE_URL: databaseUrl },
      { stdout, stderr: process.stderr },
    );
    const elapsedMs = performance.now() - started;
    const expected = `import: read ${options.records}, accepted ${options.records}, duplicates 0, rejected 0`;
    if (status !== 0 || !summary.includes(expected))
      throw new Error(`the import did not take every record:\n${summary}`);
    const store = await PostgresEventStore.open({ connectionString: databaseUrl, migrate: false });
    const stored = (await store.position()).lag;
    await store.close();
    if (stored !== options.records)
      throw new Error(`imported ${options.records} records but the log holds ${stored}`);
    const rate = (options.records * 1000) / elapsedMs;
    console.log(
      `file: ${options.records} records imported in ${(elapsedMs / 1000).toFixed(1)} s: ${Math.round(rate)} rec/s`,
    );
    return rate;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** How many appendMany calls the batches took, and their mean duration. */
async function appendStats(registry: Registry): Promise<{ count: number; meanMs: number }> {
  const metric = registry.getSingleMetric('ingest_append_batch_duration_seconds');
  const values = (metric ? (await metric.get()).values : []) as { metricName?: string; value: number }[];
  const count = values.find((value) => value.metricName?.endsWith('_count'))?.value ?? 0;
  const sum = values.find((value) => value.metricName?.endsWith('_sum'))?.value ?? 0;
  return { count, meanMs: count > 0 ? (sum * 1000) / count : 0 };
}

async function counter(registry: Registry, name: string): Promise<number> {
  const metric = registry.getSingleMetric(name);
  if (!metric) return 0;
  return (await metric.get()).values.reduce((sum, value) => sum + value.value, 0);
}

async function committedOffsets(brokers: string[], groupId: string): Promise<number> {
  const admin = new Kafka({ clientId: 'bench-admin', brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const [topic] = await admin.fetchOffsets({ groupId, topics: [CLAIMS_TOPIC] });
    return topic.partitions.reduce((sum, partition) => sum + Math.max(0, Number(partition.offset)), 0);
  } finally {
    await admin.disconnect();
  }
}

async function withDatabase<T>(
  adminUrl: string,
  label: string,
  work: (url: string) => Promise<T>,
): Promise<T> {
  const name = `${label}_${randomBytes(4).toString('hex')}`;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await admin(adminUrl, `CREATE DATABASE "${name}"`);
  try {
    return await work(url.toString());
  } finally {
    await admin(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      records: { type: 'string' },
      window: { type: 'string' },
      round: { type: 'string' },
      batch: { type: 'string' },
      concurrency: { type: 'string' },
      lanes: { type: 'string' },
      'admin-url': { type: 'string' },
      json: { type: 'string' },
    },
  });
  const whole = (name: string, text: string | undefined, fallback: number): number => {
    if (text === undefined) return fallback;
    const value = Number(text.replaceAll('_', '').replaceAll(',', ''));
    if (!Number.isSafeInteger(value) || value < 1)
      throw new Error(`--${name} must be a positive whole number`);
    return value;
  };
  return {
    records: whole('records', values.records, 200_000),
    window: whole('window', values.window, 24_000),
    round: whole('round', values.round, 30_000),
    batch: whole('batch', values.batch, 2_000),
    ...(values.concurrency !== undefined && { concurrency: whole('concurrency', values.concurrency, 2) }),
    ...(values.lanes !== undefined && { lanes: whole('lanes', values.lanes, 2) }),
    ...(values.json !== undefined && { json: values.json }),
    adminUrl:
      values['admin-url'] ??
      process.env.TEST_DATABASE_ADMIN_URL ??
      'postgres://postgres@127.0.0.1:5432/postgres',
  };
}

const role = process.argv.includes('--role') ? process.argv[process.argv.indexOf('--role') + 1] : 'bench';
(role === 'producer' ? producerMain() : main()).catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
