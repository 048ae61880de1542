import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import { Kafka, logLevel, type Consumer, type EachBatchPayload, type LogEntry, type Producer } from 'kafkajs';
import type { IngestMetrics } from '../metrics/ingest-metrics';
import type { IngestLogger, IngestPipeline } from '../pipeline/ingest-pipeline';
import { IngestAbandonedError, KAFKA_RETRY_POLICY, type RetryPolicy } from '../pipeline/retry-policy';
import { safeText, TimeoutError, withTimeout } from '@monitoring/platform';
import { DeadLetterPublisher } from './dead-letter-publisher';
import { decodeKafkaMessage } from './kafka-message-decoder';
import { kafkaTopicsOf } from './kafka-topics';

export interface KafkaIngestOptions {
  /** `host:port` list; empty: no consumer runs. */
  brokers: readonly string[];
  /** Prepended to `registry`, `income` and `claims` (default `monitoring.`). */
  topicPrefix: string;
  clientId: string;
  groupId: string;
  /** Partitions whose batches are appended at the same time (default 2, one per core of a small machine). Order holds within a partition. */
  partitionsConsumedConcurrently?: number;
  /** The group evicts a member silent for this long, and hands its partitions to the others (default 30 s). */
  sessionTimeoutMs?: number;
  /** Largest fetch per partition, so the largest batch appended at once (default 1 MiB). */
  maxBytesPerPartition?: number;
  /** Store retries per batch (default: until the store is back or the consumer stops). */
  retry?: RetryPolicy;
  /** Longest wait for kafkajs to leave the group on stop before giving up on it (default 30 s). */
  shutdownTimeoutMs?: number;
}

export interface KafkaConsumerLogger extends IngestLogger {
  log(message: string): void;
  debug?(message: string): void;
}

export type KafkaConsumerState = 'stopped' | 'starting' | 'running' | 'stopping' | 'crashed';

/**
 * The consumer group on the three source topics. Per batch (one partition's messages): decode, run
 * the ingest pipeline (one `appendMany`), dead-letter the rejected messages, and only then commit the
 * offsets. A batch whose store is unavailable is retried with backoff and nothing is committed; on
 * shutdown such a batch is abandoned, uncommitted, and read again by whoever gets the partition.
 * A consumer killed mid-batch loses nothing (its offsets were not committed) and appends nothing twice
 * (the redelivered records are duplicates at the store).
 */
export class KafkaSourceConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private consumer?: Consumer;
  private producer?: Producer;
  private deadLetters?: DeadLetterPublisher;
  private stopping = new AbortController();
  private currentState: KafkaConsumerState = 'stopped';
  private joined?: Promise<void>;
  private readonly topics: ReturnType<typeof kafkaTopicsOf>;

  constructor(
    private readonly options: KafkaIngestOptions,
    private readonly pipeline: IngestPipeline,
    private readonly metrics: IngestMetrics,
    private readonly logger: KafkaConsumerLogger,
  ) {
    this.topics = kafkaTopicsOf(options.topicPrefix);
  }

  get enabled(): boolean {
    return this.options.brokers.length > 0;
  }

  get state(): KafkaConsumerState {
    return this.currentState;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.enabled) await this.start();
    else this.logger.log('KAFKA_BROKERS is not set: the Kafka consumer does not run');
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  /** Connects, subscribes and starts consuming; resolves once consuming has started (not yet joined). */
  async start(): Promise<void> {
    if (!this.enabled) throw new Error('no Kafka brokers are configured');
    if (this.currentState !== 'stopped' && this.currentState !== 'crashed') return;
    this.currentState = 'starting';
    this.stopping = new AbortController();
    const kafka = new Kafka({
      clientId: this.options.clientId,
      brokers: [...this.options.brokers],
      logLevel: logLevel.WARN,
      logCreator: () => (entry) => this.kafkaLog(entry),
    });
    const consumer = kafka.consumer({
      groupId: this.options.groupId,
      sessionTimeout: this.options.sessionTimeoutMs ?? 30_000,
      maxBytesPerPartition: this.options.maxBytesPerPartition ?? 1_048_576,
    });
    const producer = kafka.producer();
    this.consumer = consumer;
    this.producer = producer;
    this.deadLetters = new DeadLetterPublisher(producer);
    this.joined = new Promise((resolve) => {
      consumer.on(consumer.events.GROUP_JOIN, () => resolve());
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      const message = `Kafka consumer crashed: ${payload.error.message}`;
      if (payload.restart) this.logger.warn(`${message}; restarting`);
      else {
        this.currentState = 'crashed';
        this.logger.error(`${message}; not restarting`);
      }
    });
    try {
      await producer.connect();
      await consumer.connect();
      await consumer.subscribe({ topics: [...this.topics.keys()], fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 2,
        eachBatch: (payload) => this.handleBatch(payload),
      });
    } catch (error) {
      this.currentState = 'crashed';
      await Promise.allSettled([consumer.disconnect(), producer.disconnect()]);
      throw error;
    }
    this.currentState = 'running';
    this.logger.log(
      `consuming ${[...this.topics.keys()].join(', ')} as group ${this.options.groupId} from ${this.options.brokers.join(',')}`,
    );
  }

  /** Resolves when this consumer has joined its group (for tests and readiness). */
  async waitUntilJoined(): Promise<void> {
    if (!this.joined) throw new Error('the consumer has not been started');
    await this.joined;
  }

  /**
   * Stops consuming: a batch being appended finishes and is committed; a batch waiting for the store
   * is abandoned without committing. Then leaves the group.
   */
  async stop(): Promise<void> {
    if (!this.consumer || this.currentState === 'stopped' || this.currentState === 'stopping') return;
    this.currentState = 'stopping';
    this.stopping.abort();
    const consumer = this.consumer;
    const producer = this.producer;
    try {
      // kafkajs' disconnect can wait forever (a fetch or a rejoin racing it, tulios/kafkajs#967, #1639).
      // Giving up is safe: nothing uncommitted was appended twice, and the group re-reads the rest.
      const timeoutMs = this.options.shutdownTimeoutMs ?? 30_000;
      await withTimeout(
        (async () => {
          await consumer.disconnect();
          await producer?.disconnect();
        })(),
        timeoutMs,
        `Kafka consumer did not leave group ${this.options.groupId} within ${timeoutMs} ms; ` +
          'stopped without waiting (uncommitted batches are read again)',
      ).catch((error: unknown) => {
        if (!(error instanceof TimeoutError)) throw error;
        this.logger.error(error.message);
      });
    } finally {
      this.currentState = 'stopped';
      this.logger.log('Kafka consumer stopped');
    }
  }

  private async handleBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, isRunning, isStale, commitOffsetsIfNecessary } = payload;
    if (batch.isEmpty()) return;
    const topic = this.topics.get(batch.topic);
    if (!topic)
      throw new Error(`received a batch of ${batch.topic}, which this consumer did not subscribe to`);

    const items = batch.messages.map((message) => decodeKafkaMessage(batch.topic, batch.partition, message));
    let outcome;
    try {
      outcome = await this.pipeline.ingest(
        { path: 'kafka', topic, items },
        {
          retry: this.options.retry ?? KAFKA_RETRY_POLICY,
          signal: this.stopping.signal,
          beforeRetry: async (attempt, error) => {
            this.logger.warn(
              `event store unavailable for ${batch.topic} partition ${batch.partition} offsets ` +
                `${batch.firstOffset()}-${batch.lastOffset()} (attempt ${attempt}): ` +
                `${safeText(error instanceof Error ? error.message : String(error), 300)}; retrying, offsets not committed`,
            );
            if (!isRunning() || isStale()) throw new IngestAbandonedError();
            await heartbeat();
          },
        },
      );
    } catch (error) {
      if (!(error instanceof IngestAbandonedError)) throw error;
      this.logger.warn(
        `abandoned ${batch.topic} partition ${batch.partition} offsets ${batch.firstOffset()}-${batch.lastOffset()} ` +
          'without committing: they will be read again',
      );
      return;
    }
    await this.deadLetters!.publish(batch, outcome.outcomes);
    // The batch is durable: commit past its last message.
    const last = batch.lastOffset();
    resolveOffset(last);
    await commitOffsetsIfNecessary({
      topics: [
        {
          topic: batch.topic,
          partitions: [{ partition: batch.partition, offset: (BigInt(last) + 1n).toString() }],
        },
      ],
    });
    const lag = BigInt(batch.highWatermark) - BigInt(last) - 1n;
    this.metrics.setConsumerLag(batch.topic, batch.partition, Number(lag > 0n ? lag : 0n));
  }

  private kafkaLog({ level, log }: LogEntry): void {
    const { message, ...extra } = log;
    const detail = Object.keys(extra).length > 0 ? ` ${safeText(JSON.stringify(extra), 1_000)}` : '';
    const text = `kafkajs: ${message}${detail}`;
    if (level === logLevel.ERROR) this.logger.error(text);
    else if (level === logLevel.WARN) this.logger.warn(text);
    else if (level === logLevel.INFO) this.logger.log(text);
    else this.logger.debug?.(text);
  }
}
