import { Inject, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { CLOCK, type Clock } from '@monitoring/platform/clock';
import type { Job } from 'bullmq';
import { ReassessmentService } from '../process-manager/reassessment.service';
import { REASSESS_DUE_JOB } from './deadline-queues';

/**
 * Turns the daily job into the projection's re-assessment of the households that are due. The
 * service is looked up in the application rather than imported with its module, so that importing
 * this module never instantiates a second projector.
 */
@Injectable()
export class ReassessmentJobsProcessor {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly moduleRef: ModuleRef,
  ) {}

  /** Whether this process runs the projection (ProjectionModule), whose service the job calls. */
  get isWired(): boolean {
    return this.reassessment() !== null;
  }

  async process(job: Job): Promise<unknown> {
    if (job.name !== REASSESS_DUE_JOB) throw new Error(`unknown job ${job.name} on the re-assessment queue`);
    const reassessment = this.reassessment();
    if (reassessment === null)
      throw new Error('the household re-assessment (ProjectionModule) does not run in this process');
    return reassessment.reassessDue(this.clock.now());
  }

  private reassessment(): ReassessmentService | null {
    try {
      return this.moduleRef.get(ReassessmentService, { strict: false });
    } catch {
      return null;
    }
  }
}
