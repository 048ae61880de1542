import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { bullConnection, closeBullMq } from '@monitoring/platform';
import { Queue, Worker, type Job } from 'bullmq';
import { CASE_WORKFLOW_OPTIONS, type ResolvedCaseWorkflowOptions } from '../cases/case-workflow.options';
import { DeadlineJobsProcessor } from './deadline-jobs.processor';
import {
  DEADLINE_QUEUE,
  REASSESS_DUE_JOB,
  REASSESSMENT_QUEUE,
  REASSESSMENT_SCHEDULER_ID,
  SWEEP_DEADLINES_JOB,
  SWEEP_SCHEDULER_ID,
} from './deadline-queues';
import { DeadlineScheduler } from './deadline-scheduler';
import { ReassessmentJobsProcessor } from './reassessment-jobs.processor';

/**
 * Runs the case workflow's queues in this process: the deadline worker, the re-assessment worker,
 * and the two repeatable jobs (the deadline sweep every few minutes, the daily re-assessment in the
 * configured time zone). Upserting a job scheduler is idempotent, so every copy of the monitor may
 * do it at start-up; BullMQ runs each occurrence once. Workers stop before the application closes
 * the event store and the database, so no job is cut off half-way.
 */
@Injectable()
export class CaseWorkflowWorkers
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly logger = new Logger(CaseWorkflowWorkers.name);
  private readonly workers: Worker[] = [];
  private reassessmentQueue: Queue | null = null;

  constructor(
    @Inject(CASE_WORKFLOW_OPTIONS) private readonly options: ResolvedCaseWorkflowOptions,
    private readonly scheduler: DeadlineScheduler,
    private readonly deadlineJobs: DeadlineJobsProcessor,
    private readonly reassessmentJobs: ReassessmentJobsProcessor,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.options.runWorkers) return;
    const { redis, workerConcurrency } = this.options;
    const connection = bullConnection(redis.url);

    this.workers.push(
      this.worker(DEADLINE_QUEUE, (job, token) => this.deadlineJobs.process(job, token), workerConcurrency),
      this.worker(REASSESSMENT_QUEUE, (job) => this.reassessmentJobs.process(job), 1),
    );

    // Registered in the background: a process starts (and reports Redis down in its health) while
    // Redis is unreachable, and the schedules land once it answers.
    this.schedulesRegistered = this.registerSchedules(connection).catch((error: Error) =>
      this.logger.error(
        `could not register the deadline sweep and re-assessment schedules: ${error.message}`,
      ),
    );
    if (!this.reassessmentJobs.isWired) {
      this.logger.warn(
        'ProjectionModule does not run in this process: the daily re-assessment job will fail here',
      );
    }
  }

  /** Resolves once the sweep and re-assessment schedules are registered (tests await it). */
  schedulesRegistered: Promise<void> = Promise.resolve();

  private async registerSchedules(connection: ReturnType<typeof bullConnection>): Promise<void> {
    const { redis, timeZone, sweepEveryMs, reassessmentCron } = this.options;
    await this.scheduler.queue.upsertJobScheduler(
      SWEEP_SCHEDULER_ID,
      { every: sweepEveryMs },
      { name: SWEEP_DEADLINES_JOB, opts: { removeOnComplete: true, removeOnFail: 100 } },
    );
    this.reassessmentQueue = new Queue(REASSESSMENT_QUEUE, { connection, prefix: redis.prefix });
    this.reassessmentQueue.on('error', (error) => this.logger.warn(`re-assessment queue: ${error.message}`));
    await this.reassessmentQueue.upsertJobScheduler(
      REASSESSMENT_SCHEDULER_ID,
      { pattern: reassessmentCron, tz: timeZone },
      { name: REASSESS_DUE_JOB, opts: { removeOnComplete: true, removeOnFail: 100, attempts: 3 } },
    );
    this.logger.log(
      `deadline sweep every ${Math.round(sweepEveryMs / 1000)} s; daily re-assessment at "${reassessmentCron}" ${timeZone}`,
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.splice(0).map((worker) => closeBullMq(worker)));
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.reassessmentQueue) await closeBullMq(this.reassessmentQueue);
  }

  private worker(
    queue: string,
    process: (job: Job, token?: string) => Promise<unknown>,
    concurrency: number,
  ): Worker {
    const worker = new Worker(queue, process, {
      connection: bullConnection(this.options.redis.url),
      prefix: this.options.redis.prefix,
      concurrency,
    });
    worker.on('failed', (job, error) =>
      this.logger.warn(`${queue} job ${job?.name ?? '?'} ${job?.id ?? ''} failed: ${error.message}`),
    );
    worker.on('error', (error) => this.logger.warn(`${queue} worker: ${error.message}`));
    return worker;
  }
}
