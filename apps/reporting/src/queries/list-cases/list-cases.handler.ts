import { Inject, Injectable } from '@nestjs/common';
import { canSeeRegion, effectiveRegionPrefix, type AuthUser } from '@monitoring/auth';
import { CLOCK, type Clock } from '@monitoring/platform/clock';
import { DataSource } from 'typeorm';
import { invalidParameter } from '../../http/zod-query.pipe';
import { RegionTime } from '../../http/region-time';
import { prefixPattern, SqlParameters } from '../../http/sql-parameters';
import { decodeCaseQueueCursor, encodeCaseQueueCursor, type CaseQueueCursor } from './case-queue-cursor';
import { CASE_QUEUE_ORDER, OVERDUE_SQL } from './case-queue-order';
import { CaseQueuePasses } from './case-queue-passes';
import type { ListCasesQuery } from './list-cases.query';
import type { CaseQueueItemDto, CaseQueuePageDto } from './list-cases.response.dto';

interface QueueRow {
  case_id: string;
  household_id: string;
  region_code: string;
  category: string;
  stage: string;
  score: number;
  opened_at: Date;
  verification_due_at: Date;
  assistance_due_at: Date;
  escalation_level: string;
  overdue: boolean;
  sort_rank: number;
  sort_key: string;
}

const EMPTY_PAGE: CaseQueuePageDto = { items: [], nextCursor: null, total: 0 };

/**
 * The alert queue (`GET /api/v1/cases`): cases in the reader's region, filtered, in queue order, a
 * page at a time. The region scope is a condition of the query itself, never a filter on its result.
 */
@Injectable()
export class ListCasesHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly passes: CaseQueuePasses,
    private readonly regionTime: RegionTime,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(query: ListCasesQuery, user: AuthUser): Promise<CaseQueuePageDto> {
    const scope = effectiveRegionPrefix(user, query.region);
    const cursor = query.cursor === undefined ? undefined : await this.checkedCursor(query, user, scope);
    // A region filter outside the reader's region, or a county outside it: nothing to show.
    if (scope === null || (query.county !== undefined && !this.countyMeets(query.county, scope))) {
      return EMPTY_PAGE;
    }

    const now = this.clock.now();
    const order = CASE_QUEUE_ORDER[query.sort];
    const where = new SqlParameters();
    const conditions = this.filterConditions(query, scope, now, where);

    const page = new SqlParameters();
    page.values.push(...where.values);
    const pageConditions = [...conditions];
    if (cursor) {
      pageConditions.push(
        `(${order.rank}, ${order.key}, c.case_id) > (${page.add(cursor.rank)}::int, ${page.add(cursor.key)}::bigint, ${page.add(cursor.caseId)}::text)`,
        `NOT EXISTS (SELECT 1 FROM case_queue_pass_cases served WHERE served.pass_id = ${page.add(cursor.passId)}::uuid AND served.case_id = c.case_id)`,
      );
    }
    const rows: QueueRow[] = await this.dataSource.query(
      `SELECT c.case_id, c.household_id, c.region_code, c.category, c.stage, c.score, c.opened_at,
              c.verification_due_at, c.assistance_due_at, c.escalation_level,
              ${OVERDUE_SQL(page.add(now))} AS overdue,
              ${order.rank} AS sort_rank, ${order.key}::text AS sort_key
         FROM monitoring_case c
        WHERE ${pageConditions.join(' AND ')}
        ORDER BY sort_rank, ${order.key}, c.case_id
        LIMIT ${page.add(query.limit + 1)}`,
      page.values,
    );
    const [{ total }]: { total: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM monitoring_case c WHERE ${conditions.join(' AND ')}`,
      where.values,
    );

    const served = rows.slice(0, query.limit);
    const hasMore = rows.length > query.limit;
    const servedIds = served.map((row) => row.case_id);
    // The pass remembers what it returned only while there are pages to come.
    let passId = cursor?.passId;
    if (hasMore && passId === undefined) passId = await this.passes.start(user.sub, servedIds);
    else if (hasMore && passId !== undefined) await this.passes.markServed(passId, servedIds);

    const last = served[served.length - 1];
    return {
      items: served.map((row) => this.item(row)),
      nextCursor:
        hasMore && last && passId !== undefined
          ? encodeCaseQueueCursor({
              sort: query.sort,
              rank: Number(last.sort_rank),
              key: last.sort_key,
              caseId: last.case_id,
              regionCode: last.region_code,
              passId,
            })
          : null,
      total,
    };
  }

  private filterConditions(query: ListCasesQuery, scope: string, now: Date, params: SqlParameters): string[] {
    const conditions = [`c.region_code LIKE ${params.add(prefixPattern(scope))}`];
    if (query.county !== undefined)
      conditions.push(`c.region_code LIKE ${params.add(prefixPattern(query.county))}`);
    if (query.category !== undefined)
      conditions.push(`c.category = ANY(${params.add(query.category)}::text[])`);
    if (query.stage !== undefined) conditions.push(`c.stage = ANY(${params.add(query.stage)}::text[])`);
    if (query.overdue !== undefined) {
      const overdue = OVERDUE_SQL(params.add(now));
      conditions.push(query.overdue ? overdue : `NOT ${overdue}`);
    }
    if (query.openedFrom !== undefined) {
      conditions.push(`c.opened_at >= ${params.add(new Date(query.openedFrom.epochMillis))}`);
    }
    if (query.openedTo !== undefined) {
      conditions.push(`c.opened_at < ${params.add(new Date(query.openedTo.epochMillis))}`);
    }
    return conditions;
  }

  /** Both prefixes must hold: the county lies in the scope, or the scope (a township) in the county. */
  private countyMeets(county: string, scope: string): boolean {
    return county.startsWith(scope) || scope.startsWith(county);
  }

  /**
   * A cursor must be one this service wrote for this reader and this query: well formed, for the same
   * sort, pointing at a case inside the reader's scope and filters, and of a pass of theirs that has
   * not expired. Anything else is a 400 that says nothing about other regions' cases.
   */
  private async checkedCursor(
    query: ListCasesQuery,
    user: AuthUser,
    scope: string | null,
  ): Promise<CaseQueueCursor> {
    const cursor = decodeCaseQueueCursor(query.cursor ?? '');
    if (cursor === undefined) {
      throw invalidParameter(
        'cursor',
        'is not a cursor this service wrote; start again without a cursor',
        'invalid_cursor',
      );
    }
    if (cursor.sort !== query.sort) {
      throw invalidParameter(
        'cursor',
        `was issued for sort=${cursor.sort}; keep the same sort while paging`,
        'invalid_cursor',
      );
    }
    const inScope =
      scope !== null &&
      canSeeRegion(user, cursor.regionCode) &&
      cursor.regionCode.startsWith(scope) &&
      (query.county === undefined || cursor.regionCode.startsWith(query.county));
    if (!inScope) {
      throw invalidParameter(
        'cursor',
        'does not belong to this query; keep the same filters while paging',
        'invalid_cursor',
      );
    }
    if (!(await this.passes.isOpen(cursor.passId, user.sub))) {
      throw invalidParameter(
        'cursor',
        'has expired or is not yours; start again without a cursor',
        'invalid_cursor',
      );
    }
    return cursor;
  }

  private item(row: QueueRow): CaseQueueItemDto {
    const time = (value: Date) => this.regionTime.format(value, row.region_code);
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
    };
  }
}
