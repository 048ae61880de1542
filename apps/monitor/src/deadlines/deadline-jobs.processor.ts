import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { toEpochMillis } from '@monitoring/domain';
import { CLOCK, type Clock } from '@monitoring/platform/clock';
import { DelayedError, type Job } from 'bullmq';
import { CheckCaseDeadlinesCommand } from '../cases/commands/check-case-deadlines/check-case-deadlines.command';
import { CHECK_DEADLINES_JOB, SWEEP_DEADLINES_JOB, type CheckDeadlinesJobData } from './deadline-queues';
import { DeadlineSweep } from './deadline-sweep';

/** Turns the deadline queue's jobs into the check command or a sweep. */
@Injectable()
export class DeadlineJobsProcessor {
  private sweeping = false;

  constructor(
    private readonly commandBus: CommandBus,
    private readonly sweep: DeadlineSweep,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async process(job: Job, token?: string): Promise<unknown> {
    switch (job.name) {
      case CHECK_DEADLINES_JOB:
        return this.checkDeadlines(job as Job<CheckDeadlinesJobData>, token);
      case SWEEP_DEADLINES_JOB:
        return this.sweepOnce();
      default:
        throw new Error(`unknown job ${job.name} on the deadline queue`);
    }
  }

  /** A sweep that outlasts its interval is not joined by the next one in this process (it would redo its work). */
  private async sweepOnce(): Promise<unknown> {
    if (this.sweeping) return { skipped: 'the previous sweep is still running' };
    this.sweeping = true;
    try {
      return await this.sweep.sweep(this.clock.now());
    } finally {
      this.sweeping = false;
    }
  }

  private async checkDeadlines(job: Job<CheckDeadlinesJobData>, token: string | undefined): Promise<unknown> {
    const now = this.clock.now();
    // Delays run on Redis time; when the injected clock is behind its checkpoint, wait the rest.
    const early = toEpochMillis(job.data.at) - now.getTime();
    if (early > 0) {
      await job.moveToDelayed(Date.now() + early, token);
      throw new DelayedError();
    }
    return this.commandBus.execute(new CheckCaseDeadlinesCommand(job.data.caseId, now));
  }
}
