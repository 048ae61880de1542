import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { AuthUser } from '@monitoring/auth';
import {
  formatInstant,
  formerlyPoorAt,
  householdAsOf,
  membersAt,
  type HouseholdEvent,
  type MemberAsOf,
  type MonitoringPolicy,
  type ParsedDateTime,
  type RiskFactor,
} from '@monitoring/domain';
import { CLOCK, type Clock } from '@monitoring/platform/clock';
import { AccessLogRecorder } from '../../access-log/access-log.recorder';
import type { AccessRequestInfo } from '../../access-log/access-request';
import { memberNames } from '../../events/history-entries';
import { HouseholdStreams, type ReadEvent } from '../../events/household-streams';
import { RegionTime } from '../../http/region-time';
import { invalidParameter } from '../../http/zod-query.pipe';
import { PersonalDataRedactor } from '../../personal-data/personal-data.redactor';
import {
  fenOf,
  fenOrNull,
  HouseholdRiskReader,
  type HouseholdRiskRow,
} from '../../read-models/household-risk.reader';
import { REPORTING_POLICIES } from '../../reporting-api.options';
import type { GetHouseholdQuery } from './get-household.query';
import type { HouseholdMemberDto, HouseholdRiskDto, RiskFactorDto } from './get-household.response.dto';
import { readableEvents, replayHousehold } from './household-replay';

export const householdNotFound = (householdId: string): NotFoundException =>
  new NotFoundException({
    statusCode: 404,
    error: 'Not Found',
    code: 'household_not_found',
    message: `household ${householdId.slice(0, 64)} not found`,
  });

/**
 * One household's explainable risk (`GET /api/v1/households/{id}`): the monitor's current assessment
 * from the read model, or, with `asOf`/`knownAt`, a replay of its events up to that time. Only inside
 * the reader's region (404 otherwise), personal data masked for the reader, every read logged.
 */
@Injectable()
export class GetHouseholdHandler {
  constructor(
    private readonly households: HouseholdRiskReader,
    private readonly streams: HouseholdStreams,
    private readonly accessLog: AccessLogRecorder,
    private readonly regionTime: RegionTime,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(REPORTING_POLICIES) private readonly documents: readonly MonitoringPolicy[],
  ) {}

  async execute(
    householdId: string,
    query: GetHouseholdQuery,
    user: AuthUser,
    request: AccessRequestInfo,
  ): Promise<HouseholdRiskDto> {
    const nowMs = this.clock.now().getTime();
    for (const field of ['asOf', 'knownAt'] as const) {
      const value = query[field];
      if (value !== undefined && value.epochMillis > nowMs)
        throw invalidParameter(field, 'should not be in the future');
    }

    const row = await this.households.findInScope(householdId, user.region);
    const answer = row === null ? null : await this.answer(row, query, user);
    await this.accessLog.record({
      user,
      request,
      householdId,
      outcome: answer === null ? 'not_found' : 'ok',
    });
    if (answer === null) throw householdNotFound(householdId);
    return answer;
  }

  private async answer(
    row: HouseholdRiskRow,
    query: GetHouseholdQuery,
    user: AuthUser,
  ): Promise<HouseholdRiskDto | null> {
    const events = await this.streams.household(row.household_id);
    const redactor = PersonalDataRedactor.for(user, row.region_code, memberNames(events).values());
    const asOf = query.asOf ?? query.knownAt;
    if (asOf === undefined) return this.current(row, events, redactor);
    return this.replayed(row, events, asOf, query.knownAt, redactor);
  }

  private current(
    row: HouseholdRiskRow,
    events: ReadEvent<HouseholdEvent>[],
    redactor: PersonalDataRedactor,
  ): HouseholdRiskDto {
    // Members as of the assessment the row holds, from the household's own events.
    const members = membersAt(
      householdAsOf(readableEvents(events), formatInstant(row.assessed_at.getTime())),
      row.assessed_at.getTime(),
    );
    return {
      householdId: row.household_id,
      regionCode: row.region_code,
      category: row.category,
      score: row.score,
      riskLevel: row.risk_level,
      factors: row.factors.map((factor) => this.factor(factor, redactor)),
      policyVersion: row.policy_version,
      openCaseId: row.open_case_id,
      asOf: this.regionTime.format(row.assessed_at, row.region_code),
      source: 'read_model',
      figures: {
        householdNetIncomeFen: fenOrNull(row.household_net_income_fen),
        perCapitaIncomeAfterRigidFen: fenOrNull(row.per_capita_income_after_rigid_fen),
        outOfPocketInWindowFen: fenOf(row.out_of_pocket_in_window_fen),
        medicalThresholdFen: fenOf(row.medical_threshold_fen),
        monitoringStandardFen: fenOf(row.monitoring_standard_fen),
        guaranteeGaps: row.guarantee_gaps,
        formerlyPoor: row.formerly_poor,
        memberCount: row.member_count,
      },
      members: this.members(members, events, redactor),
    };
  }

  private async replayed(
    row: HouseholdRiskRow,
    events: ReadEvent<HouseholdEvent>[],
    asOf: ParsedDateTime,
    knownAt: ParsedDateTime | undefined,
    redactor: PersonalDataRedactor,
  ): Promise<HouseholdRiskDto | null> {
    const cases = await this.streams.cases(row.household_id);
    const outcome = replayHousehold(
      events,
      cases,
      asOf.epochMillis,
      knownAt?.epochMillis ?? null,
      this.documents,
    );
    if (!outcome.ok) {
      if (outcome.reason === 'not_registered') return null;
      throw invalidParameter(
        'asOf',
        `no monitoring policy for province ${outcome.provinceCode} was in force at that time`,
      );
    }
    const { assessment, openCaseId, members } = outcome.replay;
    const { figures } = assessment;
    return {
      householdId: row.household_id,
      regionCode: assessment.regionCode,
      category: assessment.category,
      score: assessment.score,
      riskLevel: assessment.riskLevel,
      factors: assessment.factors.map((factor) => this.factor(factor, redactor)),
      policyVersion: assessment.policyVersion,
      openCaseId,
      asOf: formatInstant(asOf.epochMillis, asOf.offsetMinutes),
      ...(knownAt !== undefined && { knownAt: formatInstant(knownAt.epochMillis, knownAt.offsetMinutes) }),
      source: 'replay',
      figures: {
        householdNetIncomeFen: figures.householdNetIncomeFen,
        perCapitaIncomeAfterRigidFen: figures.perCapitaIncomeAfterRigidFen,
        outOfPocketInWindowFen: figures.outOfPocketInWindowFen,
        medicalThresholdFen: figures.medicalThresholdFen,
        monitoringStandardFen: figures.monitoringStandardFen,
        guaranteeGaps: figures.guaranteeGaps,
        formerlyPoor: formerlyPoorAt(outcome.replay.state, asOf.epochMillis),
        memberCount: figures.memberCount,
      },
      members: this.members(members, events, redactor),
    };
  }

  private factor(factor: RiskFactor, redactor: PersonalDataRedactor): RiskFactorDto {
    return {
      code: factor.code,
      points: factor.points,
      explanation: redactor.text(factor.explanation),
      explanationZh: redactor.text(factor.explanationZh),
      evidence: [...factor.evidence],
    };
  }

  private members(
    members: readonly MemberAsOf[],
    events: readonly ReadEvent<HouseholdEvent>[],
    redactor: PersonalDataRedactor,
  ): HouseholdMemberDto[] {
    const idNumbers = new Map<string, string>();
    for (const { event } of events) {
      if (event?.type === 'HouseholdRegistered') {
        for (const member of event.data.members) idNumbers.set(member.personId, member.idNumber);
      } else if (event?.type === 'MemberAdded') {
        idNumbers.set(event.data.member.personId, event.data.member.idNumber);
      }
    }
    return members.map((member) => {
      const idNumber = idNumbers.get(member.personId);
      return {
        personId: member.personId,
        name: redactor.name(member.name),
        idNumber: idNumber === undefined ? null : redactor.idNumber(idNumber),
        relation: member.relation,
        labourCapacity: member.labourCapacity,
        disabilityGrade: member.disabilityGrade,
        diseaseClass: member.diseaseClass,
      };
    });
  }
}
