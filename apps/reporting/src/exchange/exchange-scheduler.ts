import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { bullConnection, closeBullMq } from '@monitoring/platform';
import { Queue, Worker } from 'bullmq';
import { ExchangeBatchService } from './exchange-batch.service';
import { EXCHANGE_OPTIONS, type ResolvedExchangeOptions } from './exchange.options';

export const EXCHANGE_QUEUE = 'weekly-exchange';
export const EXCHANGE_SCHEDULER_ID = 'weekly-exchange';
export const RUN_EXCHANGE_JOB = 'run-exchange';

/**
 * The weekly run: a BullMQ job scheduler on the configured cron in the configured time zone, and a
 * thin worker that cuts a batch. Upserting the scheduler is idempotent, so every copy of the process
 * may do it at start-up and BullMQ runs each occurrence once; the batch lock covers a manual run at
 * the same moment.
 */
@Injectable()
export class ExchangeScheduler
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly logger = new Logger(ExchangeScheduler.name);
  readonly queue: Queue;
  private worker: Worker | null = null;

  constructor(
    @Inject(EXCHANGE_OPTIONS) private readonly options: ResolvedExchangeOptions,
    private readonly batches: ExchangeBatchService,
  ) {
    this.queue = new Queue(EXCHANGE_QUEUE, {
      connection: bullConnection(options.redis.url),
      prefix: options.redis.prefix,
    });
    // Without a listener an 'error' event (Redis gone, a connection closed at shutdown) is thrown.
    this.queue.on('error', (error) => this.logger.warn(`exchange queue: ${error.message}`));
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.options.runWorker) return;
    // In the background: the process starts while Redis is down, and the schedule lands once it answers.
    this.scheduleRegistered = this.registerSchedule().catch((error: Error) =>
      this.logger.error(`could not register the weekly exchange schedule: ${error.message}`),
    );
    this.worker = new Worker(
      EXCHANGE_QUEUE,
      async () => {
        const batch = await this.batches.run('schedule');
        return { batchId: batch.id, sequence: batch.sequence, rowCount: batch.rowCount };
      },
      {
        connection: bullConnection(this.options.redis.url),
        prefix: this.options.redis.prefix,
        concurrency: 1,
      },
    );
    this.worker.on('error', (error) => this.logger.warn(`exchange worker: ${error.message}`));
    this.worker.on('failed', (job, error) =>
      this.logger.error(`weekly exchange run ${job?.id ?? '?'} failed: ${error.message}`),
    );
  }

  /** Resolves once the weekly schedule is registered (tests await it). */
  scheduleRegistered: Promise<void> = Promise.resolve();

  private async registerSchedule(): Promise<void> {
    await this.queue.upsertJobScheduler(
      EXCHANGE_SCHEDULER_ID,
      { pattern: this.options.cron, tz: this.options.timeZone },
      {
        name: RUN_EXCHANGE_JOB,
        opts: {
          attempts: 5,
          backoff: { type: 'exponential', delay: 60_000 },
          removeOnComplete: 100,
          removeOnFail: 100,
        },
      },
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.worker) await closeBullMq(this.worker);
    this.worker = null;
  }

  async onApplicationShutdown(): Promise<void> {
    await closeBullMq(this.queue);
  }
}
