import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { canSeeRegion, type AuthUser } from '@monitoring/auth';
import { MILLIS_PER_DAY, REGION_PREFIX_LENGTHS } from '@monitoring/domain';
import { CLOCK, type Clock } from '@monitoring/platform/clock';
import { DataSource } from 'typeorm';
import { RegionTime } from '../http/region-time';
import { prefixPattern } from '../http/sql-parameters';
import { CASE_CATEGORIES, CASE_STAGES } from '../queries/list-cases/list-cases.query';
import { DEFAULT_PERIOD_DAYS, type RegionStatsQuery } from './region-stats.query';
import type { DeadlineComplianceDto, RegionFiguresDto, RegionStatsDto } from './region-stats.response.dto';

const RISK_LEVELS = ['low', 'medium', 'high'] as const;

interface HouseholdCountRow {
  area: string | null;
  is_total: number;
  category: string;
  risk_level: string;
  households: number;
}

interface CaseCountRow {
  area: string | null;
  is_total: number;
  total: number;
  opened_in_period: number;
  verification_due: number;
  verification_in_time: number;
  assistance_due: number;
  assistance_in_time: number;
  overdue_now: number;
  escalated_city: number;
  escalated_province: number;
  [stage: `stage_${string}`]: number;
}

export const regionNotFound = (regionCode: string): NotFoundException =>
  new NotFoundException({
    statusCode: 404,
    error: 'Not Found',
    code: 'region_not_found',
    message: `region ${regionCode} not found`,
  });

/**
 * Statistics of an area and of each of its child areas (`GET /api/v1/stats/regions/{regionCode}`),
 * computed in SQL by grouping on region prefixes: households by category and risk level, cases by
 * stage, and deadline compliance over a period. The area must lie inside the reader's region (404
 * otherwise, as for a household); the region prefix is a condition of every query.
 *
 * Deadline figures count deadlines that fell due in [from, to) and have passed now: met in time when
 * the work was recorded (verification: visit recorded, confirmed or dismissed; assistance: first
 * measure recorded) and no DeadlineMissed was recorded for it. Dismissed cases need no assistance.
 */
@Injectable()
export class RegionStatsHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly regionTime: RegionTime,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(regionCode: string, query: RegionStatsQuery, user: AuthUser): Promise<RegionStatsDto> {
    if (!canSeeRegion(user, regionCode)) throw regionNotFound(regionCode);
    const now = this.clock.now();
    const to = query.to === undefined ? now : new Date(query.to.epochMillis);
    const from =
      query.from === undefined
        ? new Date(to.getTime() - DEFAULT_PERIOD_DAYS * MILLIS_PER_DAY)
        : new Date(query.from.epochMillis);
    // Children: the next level down (4 → 6 digits, ...); a village has none, so it groups on itself.
    const childLength =
      REGION_PREFIX_LENGTHS.find((length) => length > regionCode.length) ?? regionCode.length;
    const area = `substr(region_code, 1, ${childLength})`;
    const pattern = prefixPattern(regionCode);

    const households: HouseholdCountRow[] = await this.dataSource.query(
      `SELECT ${area} AS area, GROUPING(${area}) AS is_total, category, risk_level, count(*)::int AS households
         FROM household_risk
        WHERE region_code LIKE $1
        GROUP BY GROUPING SETS ((${area}, category, risk_level), (category, risk_level))`,
      [pattern],
    );

    const inPeriod = (column: string) => `(${column} >= $2 AND ${column} < $3)`;
    const dueBy = (column: string) => `(${inPeriod(column)} AND ${column} <= $4)`;
    const verificationDue = dueBy('verification_due_at');
    const assistanceDue = `(${dueBy('assistance_due_at')} AND verification_outcome IS DISTINCT FROM 'dismissed')`;
    const stageCounts = CASE_STAGES.map(
      (stage) => `count(*) FILTER (WHERE stage = '${stage}')::int AS stage_${stage}`,
    ).join(',\n              ');
    const cases: CaseCountRow[] = await this.dataSource.query(
      `SELECT ${area} AS area, GROUPING(${area}) AS is_total,
              count(*)::int AS total,
              ${stageCounts},
              count(*) FILTER (WHERE ${inPeriod('opened_at')})::int AS opened_in_period,
              count(*) FILTER (WHERE ${verificationDue})::int AS verification_due,
              count(*) FILTER (WHERE ${verificationDue} AND verification_outcome IS NOT NULL
                                 AND verification_missed_at IS NULL)::int AS verification_in_time,
              count(*) FILTER (WHERE ${assistanceDue})::int AS assistance_due,
              count(*) FILTER (WHERE ${assistanceDue} AND first_assistance_at IS NOT NULL
                                 AND assistance_missed_at IS NULL)::int AS assistance_in_time,
              count(*) FILTER (WHERE next_due_at IS NOT NULL AND next_due_at <= $4)::int AS overdue_now,
              count(*) FILTER (WHERE escalation_level = 'city' AND ${inPeriod('escalated_at')})::int AS escalated_city,
              count(*) FILTER (WHERE escalation_level = 'province' AND ${inPeriod('escalated_at')})::int AS escalated_province
         FROM monitoring_case
        WHERE region_code LIKE $1
        GROUP BY GROUPING SETS ((${area}), ())`,
      [pattern, from, to, now],
    );

    const areas = new Set<string>();
    for (const row of [...households, ...cases])
      if (row.is_total === 0 && row.area !== null) areas.add(row.area);
    const figuresOf = (code: string, total: boolean): RegionFiguresDto =>
      this.figures(
        code,
        households.filter((row) => (total ? row.is_total === 1 : row.is_total === 0 && row.area === code)),
        cases.find((row) => (total ? row.is_total === 1 : row.is_total === 0 && row.area === code)),
      );
    const children = childLength === regionCode.length ? [] : [...areas].sort();
    return {
      computedAt: this.regionTime.format(now, regionCode),
      period: { from: this.regionTime.format(from, regionCode), to: this.regionTime.format(to, regionCode) },
      region: figuresOf(regionCode, true),
      children: children.map((code) => figuresOf(code, false)),
    };
  }

  private figures(
    regionCode: string,
    households: HouseholdCountRow[],
    cases: CaseCountRow | undefined,
  ): RegionFiguresDto {
    const byCategory = Object.fromEntries(CASE_CATEGORIES.map((category) => [category, 0]));
    const byRiskLevel = Object.fromEntries(RISK_LEVELS.map((level) => [level, 0]));
    const byCategoryAndRiskLevel = Object.fromEntries(
      CASE_CATEGORIES.map((category) => [
        category,
        Object.fromEntries(RISK_LEVELS.map((level) => [level, 0])),
      ]),
    );
    let total = 0;
    for (const row of households) {
      total += row.households;
      byCategory[row.category] = (byCategory[row.category] ?? 0) + row.households;
      byRiskLevel[row.risk_level] = (byRiskLevel[row.risk_level] ?? 0) + row.households;
      byCategoryAndRiskLevel[row.category] ??= {};
      byCategoryAndRiskLevel[row.category][row.risk_level] =
        (byCategoryAndRiskLevel[row.category][row.risk_level] ?? 0) + row.households;
    }
    const count = (value: number | undefined) => value ?? 0;
    return {
      regionCode,
      households: { total, byCategory, byRiskLevel, byCategoryAndRiskLevel },
      cases: {
        total: count(cases?.total),
        byStage: Object.fromEntries(CASE_STAGES.map((stage) => [stage, count(cases?.[`stage_${stage}`])])),
        openedInPeriod: count(cases?.opened_in_period),
      },
      deadlines: {
        verification: compliance(count(cases?.verification_due), count(cases?.verification_in_time)),
        assistance: compliance(count(cases?.assistance_due), count(cases?.assistance_in_time)),
        overdueNow: count(cases?.overdue_now),
        escalated: { city: count(cases?.escalated_city), province: count(cases?.escalated_province) },
      },
    };
  }
}

const compliance = (due: number, metInTime: number): DeadlineComplianceDto => ({
  due,
  metInTime,
  share: due === 0 ? null : Math.round((metInTime / due) * 10_000) / 10_000,
});
