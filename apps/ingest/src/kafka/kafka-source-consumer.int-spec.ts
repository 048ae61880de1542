import { fork } from 'node:child_process';
import { join } from 'node:path';
import { householdStreamId } from '@monitoring/domain';
import {
  aClaimRecord,
  aHouseholdRegistration,
  anIncomeAssessment,
  DEFAULT_NOW,
} from '@monitoring/domain/testing/source-records.builder';
import { startMockKafka, type MockKafka } from '@monitoring/testing';
import type { Admin, Kafka, Producer } from 'kafkajs';
import type { RetryPolicy } from '../pipeline/retry-policy';
import type { ChildConsumerSettings, ChildMessage } from '../testing/kafka-consumer.process';
import {
  metricValue,
  openIngestTestContext,
  rejectedRows,
  type IngestTestContext,
} from '../testing/ingest-test-context';
import {
  allCommitted,
  committedCount,
  eventually,
  headerText,
  offsetsOf,
  produce,
  readMessages,
  testKafka,
} from '../testing/kafka-test-support';
import { DLQ_HEADERS } from './dead-letter-publisher';
import { KafkaSourceConsumer } from './kafka-source-consumer';

const FAST_RETRY: RetryPolicy = { initialDelayMs: 50, maxDelayMs: 200, maxAttempts: Infinity };

// Group joins on the mock broker take seconds; these are deadlines, not measurements.
jest.setTimeout(90_000);

describe('KafkaSourceConsumer against the mock broker and PostgreSQL', () => {
  let broker: MockKafka;
  let kafka: Kafka;
  let producer: Producer;
  let admin: Admin;
  let context: IngestTestContext;
  let consumers: KafkaSourceConsumer[];
  let testNumber = 0;
  let prefix: string;
  let groupId: string;

  beforeAll(async () => {
    broker = await startMockKafka();
    kafka = testKafka(broker.brokers);
    producer = kafka.producer();
    admin = kafka.admin();
    await Promise.all([producer.connect(), admin.connect()]);
  });

  afterAll(async () => {
    await Promise.all([producer.disconnect(), admin.disconnect()]);
    await broker.stop();
  });

  beforeEach(async () => {
    testNumber += 1;
    prefix = `t${testNumber}.`;
    groupId = `ingest-test-${testNumber}`;
    consumers = [];
    context = await openIngestTestContext('ingest_kafka', () => new Date(DEFAULT_NOW));
  });

  afterEach(async () => {
    await Promise.all(consumers.map((consumer) => consumer.stop()));
    await context.close();
  });

  const startConsumer = async (): Promise<KafkaSourceConsumer> => {
    const consumer = new KafkaSourceConsumer(
      {
        brokers: broker.brokers,
        topicPrefix: prefix,
        clientId: 'ingest-test',
        groupId,
        sessionTimeoutMs: 6_000,
        retry: FAST_RETRY,
      },
      context.pipeline,
      context.metrics,
      context.logger,
    );
    consumers.push(consumer);
    await consumer.start();
    return consumer;
  };

  const kafkaMetric = (name: string, labels: Record<string, string> = {}) =>
    metricValue(context.registry, name, { path: 'kafka', ...labels });

  it('appends valid messages once, skips duplicates, dead-letters invalid ones, then commits', async () => {
    const household = aHouseholdRegistration().withMembers(2);
    const claims = [
      aClaimRecord().forHousehold(household).settledAt('2025-03-05T10:00:00+08:00').build(),
      aClaimRecord().forHousehold(household).settledAt('2025-03-01T10:00:00+08:00').build(),
      aClaimRecord().build(),
      aClaimRecord().build(),
    ];
    const unbalanced = aClaimRecord().withTotal(3_600_000).build();
    const wrongFeed = anIncomeAssessment().build();
    await produce(producer, `${prefix}registry`, [household.build()]);
    await produce(producer, `${prefix}claims`, [
      ...claims,
      claims[0],
      unbalanced,
      { key: 'H-broken', value: '{"type": "claim_settled", ' },
      claims[2],
      wrongFeed,
    ]);

    await startConsumer();
    await eventually(
      'every message is committed',
      async () =>
        (await allCommitted(admin, groupId, `${prefix}claims`)) &&
        allCommitted(admin, groupId, `${prefix}registry`),
    );

    expect(await context.eventCount()).toBe(5);
    const stream = await context.eventStore.readStream(householdStreamId(household.householdId));
    // Within a topic a household's records keep their order; across topics Kafka promises none.
    expect(
      stream.filter((event) => event.type === 'ClaimSettled').map((event) => event.metadata.sourceId),
    ).toEqual([claims[0].sourceId, claims[1].sourceId]);
    expect(stream.some((event) => event.type === 'HouseholdRegistered')).toBe(true);
    expect(await kafkaMetric('ingest_records_accepted_total', { topic: 'claims' })).toBe(4);
    expect(await kafkaMetric('ingest_records_duplicate_total', { topic: 'claims' })).toBe(2);
    expect(await kafkaMetric('ingest_records_rejected_total', { topic: 'claims', category: 'invalid' })).toBe(
      2,
    );
    expect(
      await kafkaMetric('ingest_records_rejected_total', { topic: 'claims', category: 'unreadable' }),
    ).toBe(1);

    const rows = await rejectedRows(context.dataSource);
    expect(rows).toHaveLength(3);
    const dead = await readMessages(kafka, `${prefix}claims.dlq`, 3);
    expect(dead).toHaveLength(3);
    for (const { message } of dead) {
      const originalOffset = headerText(message.headers, DLQ_HEADERS.originalOffset);
      const originalPartition = headerText(message.headers, DLQ_HEADERS.originalPartition);
      expect(headerText(message.headers, DLQ_HEADERS.originalTopic)).toBe(`${prefix}claims`);
      const row = rows.find(
        (candidate) =>
          candidate.kafka_offset === originalOffset &&
          String(candidate.kafka_partition) === originalPartition,
      );
      expect(row).toMatchObject({
        path: 'kafka',
        topic: 'claims',
        kafka_topic: `${prefix}claims`,
        reason: headerText(message.headers, DLQ_HEADERS.reason),
        category: headerText(message.headers, DLQ_HEADERS.category),
        delivery_key: `kafka:${prefix}claims:${originalPartition}:${originalOffset}`,
      });
      expect(row!.payload).toBe(message.value!.toString());
    }
    const reasons = dead.map(({ message }) => headerText(message.headers, DLQ_HEADERS.reason)).sort();
    expect(reasons).toEqual(
      [
        expect.stringMatching(/^not valid JSON: /),
        expect.stringMatching(/^totalFen: is /),
        expect.stringMatching(/^type: .*income_assessed/),
      ].sort((a, b) => String(a).localeCompare(String(b))) as never,
    );
    expect(
      dead
        .map(({ message }) => headerText(message.headers, DLQ_HEADERS.sourceId))
        .filter(Boolean)
        .sort(),
    ).toEqual([unbalanced.sourceId, wrongFeed.sourceId].sort());

    const { high } = await offsetsOf(admin, groupId, `${prefix}claims`);
    for (const partition of high.keys()) {
      expect(
        await metricValue(context.registry, 'ingest_kafka_consumer_lag', {
          topic: `${prefix}claims`,
          partition: String(partition),
        }),
      ).toBe(0);
    }
  });

  it('retries a batch while the event store is unavailable, committing nothing until it is stored', async () => {
    await context.dataSource.query('ALTER TABLE events RENAME TO events_hidden');
    const claims = [aClaimRecord().build(), aClaimRecord().build(), aClaimRecord().build()];
    await produce(producer, `${prefix}claims`, claims);

    await startConsumer();
    await eventually(
      'the consumer has retried',
      async () => (await kafkaMetric('ingest_append_retries_total')) >= 3,
    );
    expect(await committedCount(admin, groupId, `${prefix}claims`)).toBe(0n);

    await context.dataSource.query('ALTER TABLE events_hidden RENAME TO events');
    await eventually('every message is committed', () => allCommitted(admin, groupId, `${prefix}claims`));
    expect(await context.eventCount()).toBe(3);
    expect(await rejectedRows(context.dataSource)).toEqual([]);
    expect(await kafkaMetric('ingest_records_accepted_total', { topic: 'claims' })).toBe(3);
  });

  it('abandons a batch waiting for the store on shutdown, uncommitted, and the next consumer appends it', async () => {
    await context.dataSource.query('ALTER TABLE events RENAME TO events_hidden');
    await produce(producer, `${prefix}claims`, [aClaimRecord().build(), aClaimRecord().build()]);
    const first = await startConsumer();
    await eventually(
      'the consumer has retried',
      async () => (await kafkaMetric('ingest_append_retries_total')) >= 1,
    );

    await first.stop();

    expect(first.state).toBe('stopped');
    expect(await committedCount(admin, groupId, `${prefix}claims`)).toBe(0n);
    expect(context.logger.warnings.some((line) => /abandoned .* without committing/.test(line))).toBe(true);
    await context.dataSource.query('ALTER TABLE events_hidden RENAME TO events');
    await startConsumer();
    await eventually('every message is committed', () => allCommitted(admin, groupId, `${prefix}claims`));
    expect(await context.eventCount()).toBe(2);
    expect(await kafkaMetric('ingest_records_duplicate_total', { topic: 'claims' })).toBe(0);
  });

  it('loses nothing and appends nothing twice when a consumer is killed mid-batch and another takes over', async () => {
    const firstHalf = Array.from({ length: 40 }, () => aClaimRecord().build());
    const secondHalf = Array.from({ length: 20 }, () => aClaimRecord().build());
    await produce(producer, `${prefix}claims`, firstHalf);

    const settings: ChildConsumerSettings = {
      databaseUrl: context.database.url,
      brokers: broker.brokers,
      topicPrefix: prefix,
      groupId,
      pauseAtAppend: 2,
      clock: DEFAULT_NOW,
    };
    const child = fork(join(__dirname, '../testing/kafka-consumer.process.ts'), [], {
      execArgv: ['-r', join(__dirname, '../testing/typescript-register.js')],
      env: { ...process.env, INGEST_TEST_CONSUMER: JSON.stringify(settings) },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const paused = await new Promise<Extract<ChildMessage, { kind: 'paused' }>>((resolve, reject) => {
      child.on('message', (message: ChildMessage) => {
        if (message.kind === 'paused') resolve(message);
        if (message.kind === 'failed') reject(new Error(message.error));
      });
      child.once('exit', (code, signal) =>
        reject(new Error(`the consumer process exited (${code ?? signal})`)),
      );
    });
    const committedAtKill = await committedCount(admin, groupId, `${prefix}claims`);
    child.kill('SIGKILL');
    await exited;

    // The killed consumer stored a batch it never committed.
    expect(paused.appendedInPausedBatch).toBeGreaterThan(0);
    expect(await context.eventCount()).toBe(paused.appendedBefore + paused.appendedInPausedBatch);
    expect(committedAtKill).toBe(BigInt(paused.appendedBefore));

    await produce(producer, `${prefix}claims`, secondHalf);
    await startConsumer();
    await eventually(
      'every message is committed',
      () => allCommitted(admin, groupId, `${prefix}claims`),
      60_000,
    );

    expect(await context.eventCount()).toBe(60);
    expect(await kafkaMetric('ingest_records_duplicate_total', { topic: 'claims' })).toBe(
      paused.appendedInPausedBatch,
    );
    expect(await kafkaMetric('ingest_records_accepted_total', { topic: 'claims' })).toBe(
      60 - paused.appendedBefore - paused.appendedInPausedBatch,
    );
    const stored = await context.eventStore.readAll({ limit: 1_000 });
    const sourceIds = stored.events.map((event) => event.metadata.sourceId);
    expect(new Set(sourceIds).size).toBe(60);
    expect(new Set(sourceIds)).toEqual(new Set([...firstHalf, ...secondHalf].map((claim) => claim.sourceId)));
  }, 120_000);
});
