import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  assessRisk,
  decideCase,
  incomeAboveStandardSince,
  isCaseMonitored,
  membersAt,
  socialAssistanceAt,
  toEpochMillis,
  type EliminateRisk,
  type HouseholdState,
  type MonitoringPolicy,
  type OpenedCaseState,
} from '@monitoring/domain';
import { CLOCK, type Clock } from '@monitoring/platform/clock';
import { HouseholdStateUnavailable } from '../../case.errors';
import { CaseCommandRunner } from '../../case-command-runner';
import { CasePolicies } from '../../case-policies';
import { HouseholdStateRepository } from '../../household-state.repository';
import {
  actionableCase,
  isAlreadyApplied,
  officerCommandResult,
  type OfficerCommandResult,
} from '../officer-case-command';
import { EliminateRiskCommand } from './eliminate-risk.command';

type HouseholdFindings = Pick<
  EliminateRisk,
  'assessment' | 'incomeAboveStandardSince' | 'noMemberAbleToWork' | 'coveredBySocialAssistance'
>;

@CommandHandler(EliminateRiskCommand)
export class EliminateRiskHandler implements ICommandHandler<EliminateRiskCommand> {
  constructor(
    private readonly runner: CaseCommandRunner,
    private readonly policies: CasePolicies,
    private readonly households: HouseholdStateRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ context, request }: EliminateRiskCommand): Promise<OfficerCommandResult> {
    const outcome = await this.runner.run(context.caseId, async (loaded) => {
      const state = actionableCase(loaded, context.user);
      if (isAlreadyApplied(loaded, context)) return [];
      const { policy, now } = this.policies.inForce(state.regionCode, this.clock.now());
      const household = await this.households.find(state.householdId);
      if (household === null) throw new HouseholdStateUnavailable(state.householdId);
      return decideCase(
        {
          type: 'EliminateRisk',
          caseId: state.caseId,
          commandId: context.commandId,
          officer: context.user.sub,
          now,
          reason: request.reason,
          policy: policy.case,
          ...householdFindings(household, state, policy, now),
        },
        state,
      );
    });
    return officerCommandResult(outcome);
  }
}

/** What the decider needs to know about the household, assessed as of now under the policy in force. */
function householdFindings(
  household: HouseholdState,
  state: OpenedCaseState,
  policy: MonitoringPolicy,
  now: string,
): HouseholdFindings {
  const at = toEpochMillis(now);
  const members = membersAt(household, at);
  const assistance = socialAssistanceAt(household, at);
  return {
    assessment: assessRisk(household, policy, now, { monitored: isCaseMonitored(state) }),
    incomeAboveStandardSince: incomeAboveStandardSince(household, policy, now),
    noMemberAbleToWork: members.length > 0 && members.every((member) => member.labourCapacity === 'none'),
    coveredBySocialAssistance: assistance.dibao || assistance.tekun,
  };
}
