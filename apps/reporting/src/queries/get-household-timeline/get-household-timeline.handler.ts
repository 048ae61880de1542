import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@monitoring/auth';
import { AccessLogRecorder } from '../../access-log/access-log.recorder';
import type { AccessRequestInfo } from '../../access-log/access-request';
import { byBusinessTime, HistoryEntries, memberNames } from '../../events/history-entries';
import { HouseholdStreams } from '../../events/household-streams';
import { RegionTime } from '../../http/region-time';
import { PersonalDataRedactor } from '../../personal-data/personal-data.redactor';
import { HouseholdRiskReader } from '../../read-models/household-risk.reader';
import { householdNotFound } from '../get-household/get-household.handler';
import type { HouseholdTimelineDto } from './get-household-timeline.response.dto';

/**
 * A household's full story (`GET /api/v1/households/{id}/timeline`): every event of its stream and of
 * its cases' streams, in business-time order, each with a short summary in Chinese and English, its
 * source and when it was recorded. Read from the event store, the system of record.
 */
@Injectable()
export class GetHouseholdTimelineHandler {
  constructor(
    private readonly households: HouseholdRiskReader,
    private readonly streams: HouseholdStreams,
    private readonly accessLog: AccessLogRecorder,
    private readonly regionTime: RegionTime,
  ) {}

  async execute(
    householdId: string,
    user: AuthUser,
    request: AccessRequestInfo,
  ): Promise<HouseholdTimelineDto> {
    const row = await this.households.findInScope(householdId, user.region);
    await this.accessLog.record({ user, request, householdId, outcome: row === null ? 'not_found' : 'ok' });
    if (row === null) throw householdNotFound(householdId);

    const [events, cases] = await Promise.all([
      this.streams.household(row.household_id),
      this.streams.cases(row.household_id),
    ]);
    const names = memberNames(events);
    const entries = new HistoryEntries(
      PersonalDataRedactor.for(user, row.region_code, names.values()),
      names,
      (instant) => this.regionTime.format(instant, row.region_code),
    );
    const items = [
      ...events.map((read) => entries.household(read)),
      ...cases.flatMap((stream) => stream.events.map((read) => entries.case(read, stream.caseId))),
    ].sort(byBusinessTime);
    return { householdId: row.household_id, regionCode: row.region_code, items };
  }
}
