import { Logger } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  deadlineActions,
  decideCase,
  evolveCase,
  isCaseActive,
  nextDeadlineCheckAt,
  type ActiveCaseState,
  type CaseEvent,
  type CasePolicy,
  type CaseState,
} from '@monitoring/domain';
import { deadlineCheckpoints } from '../../../deadlines/deadline-checkpoints';
import { DeadlineScheduler } from '../../../deadlines/deadline-scheduler';
import { CaseCommandRunner } from '../../case-command-runner';
import { CasePolicies } from '../../case-policies';
import { CheckCaseDeadlinesCommand, type CheckCaseDeadlinesResult } from './check-case-deadlines.command';

@CommandHandler(CheckCaseDeadlinesCommand)
export class CheckCaseDeadlinesHandler implements ICommandHandler<CheckCaseDeadlinesCommand> {
  private readonly logger = new Logger(CheckCaseDeadlinesHandler.name);

  constructor(
    private readonly runner: CaseCommandRunner,
    private readonly policies: CasePolicies,
    private readonly scheduler: DeadlineScheduler,
  ) {}

  async execute({ caseId, now }: CheckCaseDeadlinesCommand): Promise<CheckCaseDeadlinesResult> {
    const outcome = await this.runner.run(caseId, ({ state }) => {
      if (!isCaseActive(state)) return [];
      const rules = this.rulesOf(state);
      if (rules === null) return [];
      return decideDueActions(state, rules, this.policies.inForce(state.regionCode, now).now);
    });
    const { state, version } = outcome;
    const appended = outcome.appended.map((event) => event.type);
    const rules = isCaseActive(state) ? this.rulesOf(state) : null;
    if (!isCaseActive(state) || rules === null) return { caseId, appended, version, nextCheckAt: null };
    await this.scheduleNextChecks(state, rules);
    return { caseId, appended, version, nextCheckAt: nextDeadlineCheckAt(state, rules) };
  }

  private rulesOf(state: ActiveCaseState): CasePolicy | null {
    const rules = this.policies.deadlineRulesOf(state);
    if (rules === null) {
      this.logger.error(
        `case ${state.caseId}: no policy for region ${state.regionCode}; deadlines not checked`,
      );
    }
    return rules;
  }

  /** Best effort: the facts are recorded; a check that fails to schedule is caught by the sweep. */
  private async scheduleNextChecks(state: ActiveCaseState, policy: CasePolicy): Promise<void> {
    try {
      await this.scheduler.schedule(deadlineCheckpoints(state, policy));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.warn(`could not schedule the next deadline checks of case ${state.caseId}: ${reason}`);
    }
  }
}

/** Every deadline command due now, each decided on the state the previous ones left. */
function decideDueActions(state: CaseState, policy: CasePolicy, now: string): CaseEvent[] {
  const events: CaseEvent[] = [];
  let current = state;
  for (const command of deadlineActions(state, policy, now)) {
    const decided = decideCase(command, current);
    current = decided.reduce(evolveCase, current);
    events.push(...decided);
  }
  return events;
}
