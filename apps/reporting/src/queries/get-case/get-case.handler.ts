import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { AuthUser } from '@monitoring/auth';
import { CLOCK, type Clock } from '@monitoring/platform/clock';
import { AccessLogRecorder } from '../../access-log/access-log.recorder';
import type { AccessRequestInfo } from '../../access-log/access-request';
import { HistoryEntries, memberNames } from '../../events/history-entries';
import { HouseholdStreams } from '../../events/household-streams';
import { RegionTime } from '../../http/region-time';
import { PersonalDataRedactor } from '../../personal-data/personal-data.redactor';
import { MonitoringCaseReader } from '../../read-models/monitoring-case.reader';
import type { CaseDetailDto } from './get-case.response.dto';

export const caseNotFound = (caseId: string): NotFoundException =>
  new NotFoundException({
    statusCode: 404,
    error: 'Not Found',
    code: 'case_not_found',
    message: `case ${caseId.slice(0, 64)} not found`,
  });

/**
 * One case (`GET /api/v1/cases/{id}`): its record from the read model and its full history from the
 * case stream, every event with its type, actor, business time, recorded time and a summary.
 */
@Injectable()
export class GetCaseHandler {
  constructor(
    private readonly cases: MonitoringCaseReader,
    private readonly streams: HouseholdStreams,
    private readonly accessLog: AccessLogRecorder,
    private readonly regionTime: RegionTime,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(caseId: string, user: AuthUser, request: AccessRequestInfo): Promise<CaseDetailDto> {
    const row = await this.cases.findInScope(caseId, user.region, this.clock.now());
    await this.accessLog.record({
      user,
      request,
      householdId: row?.household_id ?? null,
      caseId: row?.case_id ?? caseId,
      outcome: row === null ? 'not_found' : 'ok',
    });
    if (row === null) throw caseNotFound(caseId);

    const [caseEvents, householdEvents] = await Promise.all([
      this.streams.case(row.case_id),
      this.streams.household(row.household_id),
    ]);
    const names = memberNames(householdEvents);
    const redactor = PersonalDataRedactor.for(user, row.region_code, names.values());
    const time = (instant: Date) => this.regionTime.format(instant, row.region_code);
    const timeOrNull = (instant: Date | null) => (instant === null ? null : time(instant));
    const entries = new HistoryEntries(redactor, names, time);
    return {
      caseId: row.case_id,
      householdId: row.household_id,
      regionCode: row.region_code,
      category: row.category,
      stage: row.stage,
      score: row.score,
      openedAt: time(row.opened_at),
      verificationDueAt: time(row.verification_due_at),
      assistanceDueAt: time(row.assistance_due_at),
      overdue: row.overdue,
      escalationLevel: row.escalation_level,
      riskLevel: row.risk_level,
      factors: row.factors.map((factor) => ({
        code: factor.code,
        points: factor.points,
        evidence: [...factor.evidence],
      })),
      policyVersion: row.policy_version,
      verifiedAt: timeOrNull(row.verified_at),
      verificationOutcome: row.verification_outcome,
      firstAssistanceAt: timeOrNull(row.first_assistance_at),
      assistanceCount: row.assistance_count,
      verificationMissedAt: timeOrNull(row.verification_missed_at),
      assistanceMissedAt: timeOrNull(row.assistance_missed_at),
      escalatedAt: timeOrNull(row.escalated_at),
      closedAt: timeOrNull(row.closed_at),
      closedReason: row.closed_reason === null ? null : redactor.text(row.closed_reason),
      history: caseEvents.map((read) => entries.case(read, row.case_id)),
    };
  }
}
