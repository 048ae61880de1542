import { aClaimRecord, DEFAULT_NOW } from '@monitoring/domain/testing/source-records.builder';
import { startMockKafka, type MockKafka } from '@monitoring/testing';
import type { Admin, Producer } from 'kafkajs';
import { openIngestTestContext, type IngestTestContext } from '../testing/ingest-test-context';
import { committedCount, eventually, produce, testKafka } from '../testing/kafka-test-support';
import { KafkaSourceConsumer } from './kafka-source-consumer';

// Group joins on the mock broker take seconds; these are deadlines, not measurements.
jest.setTimeout(90_000);

/** Its own broker: the test freezes it, which the other Kafka suites must not feel. */
describe('KafkaSourceConsumer shutdown when the broker stops answering', () => {
  let broker: MockKafka;
  let producer: Producer;
  let admin: Admin;
  let context: IngestTestContext;

  beforeAll(async () => {
    broker = await startMockKafka();
    const kafka = testKafka(broker.brokers);
    producer = kafka.producer();
    admin = kafka.admin();
    await Promise.all([producer.connect(), admin.connect()]);
    context = await openIngestTestContext('ingest_kafka_stop', () => new Date(DEFAULT_NOW));
  });

  afterAll(async () => {
    broker.thaw();
    await Promise.all([producer.disconnect(), admin.disconnect()]);
    await broker.stop();
    await context.close();
  });

  it('gives up on leaving the group after shutdownTimeoutMs, says so, and keeps what it committed', async () => {
    const consumer = new KafkaSourceConsumer(
      {
        brokers: broker.brokers,
        topicPrefix: 'frozen.',
        clientId: 'ingest-test',
        groupId: 'ingest-frozen',
        sessionTimeoutMs: 6_000,
        shutdownTimeoutMs: 1_000,
      },
      context.pipeline,
      context.metrics,
      context.logger,
    );
    await consumer.start();
    await consumer.waitUntilJoined();
    const records = [aClaimRecord().build(), aClaimRecord().build()];
    await produce(producer, 'frozen.claims', records);
    await eventually(
      'both records are committed',
      async () => (await committedCount(admin, 'ingest-frozen', 'frozen.claims')) === 2n,
    );

    broker.freeze();
    await consumer.stop();

    expect(consumer.state).toBe('stopped');
    expect(context.logger.errors.join('\n')).toMatch(/did not leave group ingest-frozen within 1000 ms/);
    broker.thaw();
    expect((await context.eventStore.position()).lag).toBe(2);
  });
});
