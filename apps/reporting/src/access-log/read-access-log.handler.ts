import { Injectable } from '@nestjs/common';
import { formatInstant } from '@monitoring/domain';
import { DataSource } from 'typeorm';
import { SqlParameters } from '../http/sql-parameters';
import { invalidParameter } from '../http/zod-query.pipe';
import {
  decodeAccessLogCursor,
  encodeAccessLogCursor,
  type ReadAccessLogQuery,
} from './read-access-log.query';
import type { AccessLogPageDto } from './read-access-log.response.dto';

interface AccessLogRow {
  id: string;
  accessed_at: Date;
  user_sub: string;
  user_role: string;
  user_region: string;
  household_id: string | null;
  case_id: string | null;
  route: string;
  url: string;
  client_address: string | null;
  outcome: string;
}

/** Reads the access log for audits (admins only): newest first, by user, household and time. */
@Injectable()
export class ReadAccessLogHandler {
  constructor(private readonly dataSource: DataSource) {}

  async execute(query: ReadAccessLogQuery): Promise<AccessLogPageDto> {
    const params = new SqlParameters();
    const conditions: string[] = [];
    if (query.cursor !== undefined) {
      const afterId = decodeAccessLogCursor(query.cursor);
      if (afterId === undefined) {
        throw invalidParameter(
          'cursor',
          'is not a cursor this service wrote; start again without a cursor',
          'invalid_cursor',
        );
      }
      conditions.push(`log.id < ${params.add(afterId)}::bigint`);
    }
    if (query.user !== undefined) conditions.push(`user_sub = ${params.add(query.user)}`);
    if (query.household !== undefined) conditions.push(`household_id = ${params.add(query.household)}`);
    if (query.from !== undefined)
      conditions.push(`accessed_at >= ${params.add(new Date(query.from.epochMillis))}`);
    if (query.to !== undefined)
      conditions.push(`accessed_at < ${params.add(new Date(query.to.epochMillis))}`);
    const rows: AccessLogRow[] = await this.dataSource.query(
      // Ordered by the bigint column, not by the text the id is answered as.
      `SELECT log.id::text AS id, accessed_at, user_sub, user_role, user_region, household_id, case_id, route, url,
              client_address, outcome
         FROM household_access_log log
        ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
        ORDER BY log.id DESC
        LIMIT ${params.add(query.limit + 1)}`,
      params.values,
    );
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      items: page.map((row) => ({
        id: row.id,
        accessedAt: formatInstant(row.accessed_at.getTime()),
        user: row.user_sub,
        role: row.user_role,
        region: row.user_region,
        householdId: row.household_id,
        caseId: row.case_id,
        route: row.route,
        url: row.url,
        clientAddress: row.client_address,
        outcome: row.outcome,
      })),
      nextCursor: rows.length > query.limit && last ? encodeAccessLogCursor(last.id) : null,
    };
  }
}
