import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { IngestPath, RejectionCategory } from '../pipeline/ingest-batch';

/** Reuses a metric already on the registry (a second module instance in one process), else creates it. */
function metric<T>(registry: Registry, name: string, create: () => T): T {
  return (registry.getSingleMetric(name) as T | undefined) ?? create();
}

/**
 * What ingest exposes on `/metrics`: records by outcome (per path and feed, rejections per reason
 * category), how long a batch append takes, how often the store had to be retried, and how far the
 * consumer group is behind each partition.
 */
export class IngestMetrics {
  private readonly accepted: Counter<'path' | 'topic'>;
  private readonly duplicates: Counter<'path' | 'topic'>;
  private readonly rejected: Counter<'path' | 'topic' | 'category'>;
  private readonly appendSeconds: Histogram<'path'>;
  private readonly appendRetries: Counter<'path'>;
  private readonly consumerLag: Gauge<'topic' | 'partition'>;

  constructor(registry: Registry) {
    const registers = [registry];
    this.accepted = metric(
      registry,
      'ingest_records_accepted_total',
      () =>
        new Counter({
          name: 'ingest_records_accepted_total',
          help: 'Source records appended to the event store',
          labelNames: ['path', 'topic'],
          registers,
        }),
    );
    this.duplicates = metric(
      registry,
      'ingest_records_duplicate_total',
      () =>
        new Counter({
          name: 'ingest_records_duplicate_total',
          help: 'Source records received again (already stored, or repeated in one batch) and skipped',
          labelNames: ['path', 'topic'],
          registers,
        }),
    );
    this.rejected = metric(
      registry,
      'ingest_records_rejected_total',
      () =>
        new Counter({
          name: 'ingest_records_rejected_total',
          help: 'Source records refused, by reason category (unreadable, invalid, conflict, refused)',
          labelNames: ['path', 'topic', 'category'],
          registers,
        }),
    );
    this.appendSeconds = metric(
      registry,
      'ingest_append_batch_duration_seconds',
      () =>
        new Histogram({
          name: 'ingest_append_batch_duration_seconds',
          help: 'Duration of one appendMany call for a batch of records',
          labelNames: ['path'],
          buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
          registers,
        }),
    );
    this.appendRetries = metric(
      registry,
      'ingest_append_retries_total',
      () =>
        new Counter({
          name: 'ingest_append_retries_total',
          help: 'Batch appends retried after the event store was unavailable',
          labelNames: ['path'],
          registers,
        }),
    );
    this.consumerLag = metric(
      registry,
      'ingest_kafka_consumer_lag',
      () =>
        new Gauge({
          name: 'ingest_kafka_consumer_lag',
          help: 'Messages in the partition after the last one this consumer group processed',
          labelNames: ['topic', 'partition'],
          registers,
        }),
    );
  }

  countAccepted(path: IngestPath, topic: string, count: number): void {
    if (count > 0) this.accepted.inc({ path, topic }, count);
  }

  countDuplicates(path: IngestPath, topic: string, count: number): void {
    if (count > 0) this.duplicates.inc({ path, topic }, count);
  }

  countRejected(path: IngestPath, topic: string, category: RejectionCategory, count = 1): void {
    if (count > 0) this.rejected.inc({ path, topic, category }, count);
  }

  /** Starts timing an append; call the result when it ends. */
  startAppendTimer(path: IngestPath): () => void {
    const end = this.appendSeconds.startTimer({ path });
    return () => {
      end();
    };
  }

  countAppendRetry(path: IngestPath): void {
    this.appendRetries.inc({ path });
  }

  setConsumerLag(topic: string, partition: number, lag: number): void {
    this.consumerLag.set({ topic, partition: String(partition) }, lag);
  }
}
