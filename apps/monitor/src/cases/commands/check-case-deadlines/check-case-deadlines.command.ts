import { Command } from '@nestjs/cqrs';

export interface CheckCaseDeadlinesResult {
  caseId: string;
  /** Types of the events appended (DeadlineMissed, CaseEscalated), empty when nothing was due. */
  appended: string[];
  version: number;
  /** When the case's next check is due (ISO 8601), null when nothing is pending. */
  nextCheckAt: string | null;
}

/**
 * Records what the case's deadlines call for at `now`: missed deadlines, then escalations. Issued by
 * the deadline job and by the sweep; running it twice appends nothing the second time.
 */
export class CheckCaseDeadlinesCommand extends Command<CheckCaseDeadlinesResult> {
  constructor(
    readonly caseId: string,
    readonly now: Date,
  ) {
    super();
  }
}
