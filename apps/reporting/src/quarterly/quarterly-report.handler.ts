import { Inject, Injectable } from '@nestjs/common';
import { effectiveRegionPrefix, type AuthUser } from '@monitoring/auth';
import { DataSource } from 'typeorm';
import { EXCHANGE_OPTIONS, type ResolvedExchangeOptions } from '../exchange/exchange.options';
import { prefixPattern } from '../http/sql-parameters';
import { quarterMonths, type QuarterlyReportQuery } from './quarterly-report.query';
import type {
  CountyFiguresDto,
  QuarterlyFiguresDto,
  QuarterlyReportDto,
} from './quarterly-report.response.dto';

interface FiguresRow {
  county: string | null;
  opened: string;
  verified_in_time: string;
  needing_assistance: string;
  assisted_in_time: string;
  median_days_to_verification: number | null;
  median_days_to_first_assistance: number | null;
  overdue: string;
  escalated: string;
}

/**
 * Per county and in total, over the cases opened in the quarter ($1 start, $2 end, in the configured
 * time zone), from the monitor's `monitoring_case` read model. "At quarter end" reads the recorded
 * times against $2: work done after the quarter counts as not done then.
 */
const QUARTERLY_SQL = `
  WITH quarter AS (
    SELECT make_timestamptz($1, $2, 1, 0, 0, 0, $5) AS starts, make_timestamptz($3, $4, 1, 0, 0, 0, $5) AS ends
  )
  SELECT
    substr(c.region_code, 1, 6) AS county,
    count(*)::text AS opened,
    count(*) FILTER (WHERE c.verified_at IS NOT NULL AND c.verified_at <= c.verification_due_at)::text AS verified_in_time,
    count(*) FILTER (WHERE c.verification_outcome IS DISTINCT FROM 'dismissed')::text AS needing_assistance,
    count(*) FILTER (WHERE c.verification_outcome IS DISTINCT FROM 'dismissed'
      AND c.first_assistance_at IS NOT NULL AND c.first_assistance_at <= c.assistance_due_at)::text AS assisted_in_time,
    percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.verified_at - c.opened_at) / 86400)
      FILTER (WHERE c.verified_at IS NOT NULL) AS median_days_to_verification,
    percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.first_assistance_at - c.opened_at) / 86400)
      FILTER (WHERE c.first_assistance_at IS NOT NULL) AS median_days_to_first_assistance,
    count(*) FILTER (WHERE (c.closed_at IS NULL OR c.closed_at >= q.ends) AND (
      (c.verification_due_at < q.ends AND (c.verified_at IS NULL OR c.verified_at >= q.ends))
      OR ((c.verification_outcome IS DISTINCT FROM 'dismissed' OR c.verified_at >= q.ends)
        AND c.assistance_due_at < q.ends AND (c.first_assistance_at IS NULL OR c.first_assistance_at >= q.ends))
    ))::text AS overdue,
    count(*) FILTER (WHERE c.escalated_at IS NOT NULL AND c.escalated_at < q.ends)::text AS escalated
  FROM monitoring_case c CROSS JOIN quarter q
  WHERE c.opened_at >= q.starts AND c.opened_at < q.ends AND c.region_code LIKE $6
  GROUP BY GROUPING SETS ((substr(c.region_code, 1, 6)), ())
  ORDER BY county NULLS LAST`;

const BOUNDS_SQL = `SELECT make_timestamptz($1, $2, 1, 0, 0, 0, $5) AS starts, make_timestamptz($3, $4, 1, 0, 0, 0, $5) AS ends`;

const share = (count: number, of: number): number | null =>
  of === 0 ? null : Math.round((count / of) * 10_000) / 10_000;
const days = (value: number | null): number | null => (value === null ? null : Math.round(value * 100) / 100);

const figuresOf = (row: FiguresRow | undefined): QuarterlyFiguresDto => {
  const opened = Number(row?.opened ?? 0);
  const verified = Number(row?.verified_in_time ?? 0);
  const needing = Number(row?.needing_assistance ?? 0);
  const assisted = Number(row?.assisted_in_time ?? 0);
  return {
    opened,
    verifiedInTime: { count: verified, of: opened, share: share(verified, opened) },
    assistedInTime: { count: assisted, of: needing, share: share(assisted, needing) },
    medianDaysToVerification: days(row?.median_days_to_verification ?? null),
    medianDaysToFirstAssistance: days(row?.median_days_to_first_assistance ?? null),
    overdueAtQuarterEnd: Number(row?.overdue ?? 0),
    escalated: Number(row?.escalated ?? 0),
  };
};

/** The quarterly report on how fast assistance was put in place (每季度通报), per county. */
@Injectable()
export class QuarterlyReportHandler {
  constructor(
    @Inject(EXCHANGE_OPTIONS) private readonly options: ResolvedExchangeOptions,
    private readonly dataSource: DataSource,
  ) {}

  async execute(query: QuarterlyReportQuery, user: AuthUser): Promise<QuarterlyReportDto> {
    const { start, end } = quarterMonths(query.quarter);
    const bounds = [start.year, start.month, end.year, end.month, this.options.timeZone];
    const [{ starts, ends }] = (await this.dataSource.query(BOUNDS_SQL, bounds)) as {
      starts: Date;
      ends: Date;
    }[];
    const prefix = effectiveRegionPrefix(user, query.region);
    const rows =
      prefix === null
        ? []
        : ((await this.dataSource.query(QUARTERLY_SQL, [...bounds, prefixPattern(prefix)])) as FiguresRow[]);
    const counties: CountyFiguresDto[] = rows
      .filter((row) => row.county !== null)
      .map((row) => ({ countyCode: row.county as string, ...figuresOf(row) }));
    return {
      quarter: query.quarter.label,
      region: prefix ?? query.region ?? user.region,
      timeZone: this.options.timeZone,
      from: starts.toISOString(),
      to: ends.toISOString(),
      counties,
      total: figuresOf(rows.find((row) => row.county === null)),
    };
  }
}
