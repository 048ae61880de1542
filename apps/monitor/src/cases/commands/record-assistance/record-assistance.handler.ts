import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { decideCase } from '@monitoring/domain';
import { CLOCK, type Clock } from '@monitoring/platform/clock';
import { CaseCommandRunner } from '../../case-command-runner';
import { CasePolicies } from '../../case-policies';
import {
  actionableCase,
  isAlreadyApplied,
  officerCommandResult,
  type OfficerCommandResult,
} from '../officer-case-command';
import { RecordAssistanceCommand } from './record-assistance.command';

@CommandHandler(RecordAssistanceCommand)
export class RecordAssistanceHandler implements ICommandHandler<RecordAssistanceCommand> {
  constructor(
    private readonly runner: CaseCommandRunner,
    private readonly policies: CasePolicies,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ context, request }: RecordAssistanceCommand): Promise<OfficerCommandResult> {
    const outcome = await this.runner.run(context.caseId, (loaded) => {
      const state = actionableCase(loaded, context.user);
      if (isAlreadyApplied(loaded, context)) return [];
      const { now } = this.policies.inForce(state.regionCode, this.clock.now());
      return decideCase(
        {
          type: 'RecordAssistance',
          caseId: state.caseId,
          commandId: context.commandId,
          officer: context.user.sub,
          now,
          measureType: request.measureType,
          description: request.description,
          ...(request.amountFen !== undefined && { amountFen: request.amountFen }),
        },
        state,
      );
    });
    return officerCommandResult(outcome);
  }
}
