import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { caseIdFor, decideCase, type OpenedCaseState } from '@monitoring/domain';
import { CLOCK, type Clock } from '@monitoring/platform/clock';
import { CaseCommandRunner } from '../../case-command-runner';
import { CasePolicies } from '../../case-policies';
import { CaseStreamRepository } from '../../case-stream.repository';
import {
  actionableCase,
  isAlreadyApplied,
  officerCommandResult,
  type OfficerCommandResult,
} from '../officer-case-command';
import { ReopenCaseCommand } from './reopen-case.command';

@CommandHandler(ReopenCaseCommand)
export class ReopenCaseHandler implements ICommandHandler<ReopenCaseCommand> {
  constructor(
    private readonly runner: CaseCommandRunner,
    private readonly cases: CaseStreamRepository,
    private readonly policies: CasePolicies,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ context, request }: ReopenCaseCommand): Promise<OfficerCommandResult> {
    const outcome = await this.runner.run(context.caseId, async (loaded) => {
      const state = actionableCase(loaded, context.user);
      if (isAlreadyApplied(loaded, context)) return [];
      const { policy, now } = this.policies.inForce(state.regionCode, this.clock.now());
      return decideCase(
        {
          type: 'ReopenCase',
          caseId: state.caseId,
          commandId: context.commandId,
          officer: context.user.sub,
          now,
          reason: request.reason,
          householdLatestCaseId: await this.latestCaseIdOf(state),
          policy: policy.case,
        },
        state,
      );
    });
    return officerCommandResult(outcome);
  }

  /**
   * The household's latest case, from the event store rather than a read model: case ids follow the
   * household's case sequence, so a newer case than this one exists exactly when the next id's stream does.
   */
  private async latestCaseIdOf(state: OpenedCaseState): Promise<string> {
    const nextCaseId = caseIdFor(state.householdId, state.caseSequence + 1);
    return (await this.cases.exists(nextCaseId)) ? nextCaseId : state.caseId;
  }
}
