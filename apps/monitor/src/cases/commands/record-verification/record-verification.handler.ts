import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock } from '@monitoring/platform/clock';
import {
  CaseRuleViolation,
  decideCase,
  type OpenedCaseState,
  type RecordVerification,
} from '@monitoring/domain';
import { CaseCommandRunner } from '../../case-command-runner';
import { CasePolicies } from '../../case-policies';
import {
  actionableCase,
  isAlreadyApplied,
  officerCommandResult,
  type OfficerCommandResult,
} from '../officer-case-command';
import { RecordVerificationCommand } from './record-verification.command';
import type { RecordVerificationRequestDto } from './record-verification.request.dto';

@CommandHandler(RecordVerificationCommand)
export class RecordVerificationHandler implements ICommandHandler<RecordVerificationCommand> {
  constructor(
    private readonly runner: CaseCommandRunner,
    private readonly policies: CasePolicies,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ context, request }: RecordVerificationCommand): Promise<OfficerCommandResult> {
    const outcome = await this.runner.run(context.caseId, (loaded) => {
      const state = actionableCase(loaded, context.user);
      if (isAlreadyApplied(loaded, context)) return [];
      const { now } = this.policies.inForce(state.regionCode, this.clock.now());
      const base = {
        type: 'RecordVerification' as const,
        caseId: state.caseId,
        commandId: context.commandId,
        officer: context.user.sub,
        now,
        visitedAt: request.visitedAt,
        notes: request.notes,
      };
      const command: RecordVerification =
        request.outcome === 'confirmed'
          ? { ...base, outcome: 'confirmed', confirmedCategory: confirmedCategoryOf(request, state) }
          : { ...base, outcome: 'dismissed' };
      return decideCase(command, state);
    });
    return officerCommandResult(outcome);
  }
}

type ConfirmedCategory = Extract<RecordVerification, { outcome: 'confirmed' }>['confirmedCategory'];

/** The officer's category, or else the one the case records (none when its risk has fallen since). */
function confirmedCategoryOf(
  request: RecordVerificationRequestDto,
  state: OpenedCaseState,
): ConfirmedCategory {
  const category = request.category ?? (state.risk.category === 'none' ? undefined : state.risk.category);
  if (category === undefined) {
    throw new CaseRuleViolation(
      'category_required',
      `case ${state.caseId} records no risk category any more: say which category the visit confirmed`,
      state.caseId,
    );
  }
  return category;
}
