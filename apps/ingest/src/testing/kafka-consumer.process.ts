/**
 * A Kafka source consumer in its own process, for the test that kills one mid-batch. Settings come in
 * INGEST_TEST_CONSUMER (JSON). After `pauseAtAppend` appends it stops inside that append's batch (the
 * events are stored, the offsets not committed), tells the parent, and waits to be killed.
 */
import { PostgresEventStore, type EventStore, type StreamAppend } from '@monitoring/event-store';
import { Registry } from 'prom-client';
import { KafkaSourceConsumer } from '../kafka/kafka-source-consumer';
import { IngestMetrics } from '../metrics/ingest-metrics';
import { IngestPipeline } from '../pipeline/ingest-pipeline';
import { TypeOrmRejectionRecorder } from '../rejections';
import { openIngestDataSource } from './ingest-test-context';

export interface ChildConsumerSettings {
  databaseUrl: string;
  brokers: string[];
  topicPrefix: string;
  groupId: string;
  pauseAtAppend: number;
  clock: string;
}

export type ChildMessage =
  | { kind: 'paused'; appendedBefore: number; appendedInPausedBatch: number }
  | { kind: 'failed'; error: string };

const send = (message: ChildMessage): void => {
  process.send?.(message);
};

/** The store, stopping for good after the given append has been stored. */
function pausingStore(store: EventStore, pauseAtAppend: number): EventStore {
  let appends = 0;
  let appended = 0;
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property !== 'appendMany') return Reflect.get(target, property, receiver);
      return async (streams: readonly StreamAppend[]) => {
        const results = await target.appendMany(streams);
        const fresh = results.reduce(
          (sum, result) => sum + result.events.filter((event) => event.status === 'appended').length,
          0,
        );
        appends += 1;
        if (appends === pauseAtAppend) {
          send({ kind: 'paused', appendedBefore: appended, appendedInPausedBatch: fresh });
          await new Promise(() => undefined);
        }
        appended += fresh;
        return results;
      };
    },
  });
}

async function main(): Promise<void> {
  const settings = JSON.parse(process.env.INGEST_TEST_CONSUMER ?? '') as ChildConsumerSettings;
  const store = await PostgresEventStore.open({ connectionString: settings.databaseUrl, migrate: false });
  const dataSource = await openIngestDataSource(settings.databaseUrl);
  const metrics = new IngestMetrics(new Registry());
  const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };
  const pipeline = new IngestPipeline({
    eventStore: pausingStore(store, settings.pauseAtAppend),
    rejections: new TypeOrmRejectionRecorder(dataSource),
    metrics,
    logger: quiet,
    clock: () => new Date(settings.clock),
  });
  const consumer = new KafkaSourceConsumer(
    {
      brokers: settings.brokers,
      topicPrefix: settings.topicPrefix,
      clientId: 'ingest-test-child',
      groupId: settings.groupId,
      sessionTimeoutMs: 6_000,
      partitionsConsumedConcurrently: 1,
    },
    pipeline,
    metrics,
    quiet,
  );
  await consumer.start();
}

main().catch((error: unknown) => {
  send({ kind: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
});
