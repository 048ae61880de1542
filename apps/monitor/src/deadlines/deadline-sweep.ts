import { Inject, Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { CASE_WORKFLOW_OPTIONS, type ResolvedCaseWorkflowOptions } from '../cases/case-workflow.options';
import { CheckCaseDeadlinesCommand } from '../cases/commands/check-case-deadlines/check-case-deadlines.command';

export interface SweepReport {
  /** Cases whose next deadline check was due. */
  due: number;
  /** Cases where the check appended something. */
  changed: number;
  /** Events appended in all (DeadlineMissed, CaseEscalated). */
  appended: number;
  /** Cases whose check failed (logged; the next sweep tries them again). */
  failed: number;
}

interface DueCase {
  case_id: string;
  next_deadline_check_at: Date;
}

/** Checks run at once by one sweep: enough to keep up, few enough to leave the pool to the rest. */
const CONCURRENCY = 4;

/**
 * The guarantee behind the deadline jobs: every case whose next deadline check is due according to
 * the case read model (`monitoring_case.next_deadline_check_at <= now`) gets the same check a job
 * would run. A flushed Redis, a crashed worker or a late job therefore never loses a deadline, and
 * whichever path comes first records it (the other then finds nothing to do).
 */
@Injectable()
export class DeadlineSweep {
  private readonly logger = new Logger(DeadlineSweep.name);
  private readonly pageSize: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly commandBus: CommandBus,
    @Inject(CASE_WORKFLOW_OPTIONS) options: ResolvedCaseWorkflowOptions,
  ) {
    this.pageSize = options.sweepPageSize;
  }

  async sweep(now: Date): Promise<SweepReport> {
    const report: SweepReport = { due: 0, changed: 0, appended: 0, failed: 0 };
    let after: DueCase | null = null;
    for (;;) {
      const page = await this.duePage(now, after);
      if (page.length === 0) break;
      report.due += page.length;
      await forEachLimited(page, CONCURRENCY, async ({ case_id: caseId }) => {
        try {
          const result = await this.commandBus.execute(new CheckCaseDeadlinesCommand(caseId, now));
          if (result.appended.length > 0) report.changed += 1;
          report.appended += result.appended.length;
        } catch (error) {
          report.failed += 1;
          this.logger.error(
            `deadline check of case ${caseId} failed: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
      });
      if (page.length < this.pageSize) break;
      after = page[page.length - 1];
    }
    if (report.due > 0) this.logger.log(`deadline sweep: ${JSON.stringify(report)}`);
    return report;
  }

  /** Keyset pages in (due time, case id) order, so that a page is never read twice in one sweep. */
  private duePage(now: Date, after: DueCase | null): Promise<DueCase[]> {
    return this.dataSource.query(
      `SELECT case_id::text AS case_id, next_deadline_check_at
         FROM monitoring_case
        WHERE closed_at IS NULL
          AND next_deadline_check_at <= $1
          AND ($2::timestamptz IS NULL OR (next_deadline_check_at, case_id::text) > ($2::timestamptz, $3::text))
        ORDER BY next_deadline_check_at, case_id::text
        LIMIT $4`,
      [now, after?.next_deadline_check_at ?? null, after?.case_id ?? '', this.pageSize],
    );
  }
}

async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}
