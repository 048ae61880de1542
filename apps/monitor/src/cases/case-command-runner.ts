import { Inject, Injectable, Logger } from '@nestjs/common';
import { evolveCase, type CaseEvent, type CaseState } from '@monitoring/domain';
import { EventIdConflict, WrongExpectedVersion } from '@monitoring/event-store';
import { setTimeout as sleep } from 'node:timers/promises';
import { CaseConcurrencyConflict } from './case.errors';
import { CaseStreamRepository, type LoadedCase } from './case-stream.repository';
import { CASE_WORKFLOW_OPTIONS, type ResolvedCaseWorkflowOptions } from './case-workflow.options';

/** What a case command did: the events it appended (none when there was nothing to do) and the result. */
export interface CaseCommandOutcome {
  caseId: string;
  appended: readonly CaseEvent[];
  state: CaseState;
  version: number;
}

/** Decides a command's events against the case as loaded; throws to refuse (CaseRuleViolation, ...). */
export type CaseDecision = (loaded: LoadedCase) => readonly CaseEvent[] | Promise<readonly CaseEvent[]>;

/**
 * Runs a case command optimistically: load the stream, decide, append at the loaded version. When
 * another writer got there first (a newer version, or the same deterministic event id written with
 * other content, as when a deadline job and the sweep record the same missed deadline), load again
 * and decide again, a bounded number of times; then give up with CaseConcurrencyConflict.
 */
@Injectable()
export class CaseCommandRunner {
  private readonly logger = new Logger(CaseCommandRunner.name);
  private readonly attempts: number;

  constructor(
    private readonly cases: CaseStreamRepository,
    @Inject(CASE_WORKFLOW_OPTIONS) options: ResolvedCaseWorkflowOptions,
  ) {
    this.attempts = options.conflictAttempts;
  }

  async run(caseId: string, decide: CaseDecision): Promise<CaseCommandOutcome> {
    for (let attempt = 1; ; attempt += 1) {
      const loaded = await this.cases.load(caseId);
      const events = await decide(loaded);
      if (events.length === 0) return { caseId, appended: [], state: loaded.state, version: loaded.version };
      try {
        const version = await this.cases.append(caseId, events, loaded.version);
        return { caseId, appended: events, state: events.reduce(evolveCase, loaded.state), version };
      } catch (error) {
        if (!(error instanceof WrongExpectedVersion || error instanceof EventIdConflict)) throw error;
        if (attempt >= this.attempts) throw new CaseConcurrencyConflict(caseId, attempt);
        this.logger.debug(`case ${caseId} changed concurrently (attempt ${attempt}); deciding again`);
        // A little jitter so that writers racing in lockstep do not collide again.
        await sleep(Math.floor(Math.random() * 20 * attempt));
      }
    }
  }
}
