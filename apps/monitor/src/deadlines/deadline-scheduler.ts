import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { toEpochMillis } from '@monitoring/domain';
import { bullConnection, closeBullMq } from '@monitoring/platform';
import { CLOCK, type Clock } from '@monitoring/platform/clock';
import { Queue } from 'bullmq';
import { CASE_WORKFLOW_OPTIONS, type ResolvedCaseWorkflowOptions } from '../cases/case-workflow.options';
import { deadlineJobId, type DeadlineCheckpoint } from './deadline-checkpoints';
import {
  CHECK_DEADLINES_JOB,
  DEADLINE_JOB_OPTIONS,
  DEADLINE_QUEUE,
  type CheckDeadlinesJobData,
} from './deadline-queues';

/**
 * Schedules deadline checks as delayed BullMQ jobs, one per checkpoint (job id from the case, the
 * kind and the due time), with the delay measured on the injected clock. Scheduling a checkpoint
 * again is harmless: a waiting job is left alone, a delayed one is re-timed to the clock (which
 * matters when the clock is moved, as in the demo), a finished one is replaced.
 */
@Injectable()
export class DeadlineScheduler implements OnApplicationShutdown {
  private readonly logger = new Logger(DeadlineScheduler.name);
  readonly queue: Queue<CheckDeadlinesJobData>;

  constructor(
    @Inject(CASE_WORKFLOW_OPTIONS) options: ResolvedCaseWorkflowOptions,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.queue = new Queue<CheckDeadlinesJobData>(DEADLINE_QUEUE, {
      connection: bullConnection(options.redis.url),
      prefix: options.redis.prefix,
      defaultJobOptions: DEADLINE_JOB_OPTIONS,
    });
    this.queue.on('error', (error) => this.logger.warn(`deadline queue: ${error.message}`));
  }

  /** Schedules each checkpoint that is still ahead on the clock; past ones are the sweep's. */
  async schedule(checkpoints: readonly DeadlineCheckpoint[]): Promise<void> {
    const now = this.clock.now().getTime();
    for (const checkpoint of checkpoints) {
      const delay = toEpochMillis(checkpoint.at) - now;
      if (delay > 0) await this.scheduleOne(checkpoint, delay);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await closeBullMq(this.queue);
  }

  private async scheduleOne(checkpoint: DeadlineCheckpoint, delay: number): Promise<void> {
    const jobId = deadlineJobId(checkpoint);
    const existing = await this.queue.getJob(jobId);
    if (existing) {
      const state = await existing.getState();
      if (state === 'delayed') {
        await existing.changeDelay(delay).catch(() => undefined); // it started meanwhile: fine
        return;
      }
      if (state !== 'completed' && state !== 'failed') return; // waiting or running: it will check
      await existing.remove().catch(() => undefined);
    }
    await this.queue.add(CHECK_DEADLINES_JOB, checkpoint, { jobId, delay });
  }
}
