import { Injectable } from '@nestjs/common';
import type { CaseFactor } from '@monitoring/domain';
import { DataSource } from 'typeorm';
import { OVERDUE_SQL } from '../queries/list-cases/case-queue-order';
import { prefixPattern } from '../http/sql-parameters';

/** A `monitoring_case` row (the monitor's read model; columns are a contract between the contexts). */
export interface MonitoringCaseRow {
  case_id: string;
  household_id: string;
  region_code: string;
  category: string;
  stage: string;
  score: number;
  risk_level: string;
  factors: CaseFactor[];
  opened_at: Date;
  verification_due_at: Date;
  assistance_due_at: Date;
  verified_at: Date | null;
  verification_outcome: string | null;
  first_assistance_at: Date | null;
  assistance_count: number;
  verification_missed_at: Date | null;
  assistance_missed_at: Date | null;
  escalation_level: string;
  escalated_at: Date | null;
  closed_at: Date | null;
  closed_reason: string | null;
  policy_version: string;
  overdue: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads `monitoring_case` within a region scope: a case outside it is not found. */
@Injectable()
export class MonitoringCaseReader {
  constructor(private readonly dataSource: DataSource) {}

  async findInScope(caseId: string, scopePrefix: string, now: Date): Promise<MonitoringCaseRow | null> {
    // Case ids are UUIDs (derived from the household and its case sequence): anything else names no case.
    if (!UUID.test(caseId)) return null;
    const rows: MonitoringCaseRow[] = await this.dataSource.query(
      `SELECT c.case_id, c.household_id, c.region_code, c.category, c.stage, c.score, c.risk_level, c.factors,
              c.opened_at, c.verification_due_at, c.assistance_due_at, c.verified_at, c.verification_outcome,
              c.first_assistance_at, c.assistance_count, c.verification_missed_at, c.assistance_missed_at,
              c.escalation_level, c.escalated_at, c.closed_at, c.closed_reason, c.policy_version,
              ${OVERDUE_SQL('$3')} AS overdue
         FROM monitoring_case c
        WHERE c.case_id = $1 AND c.region_code LIKE $2`,
      [caseId.toLowerCase(), prefixPattern(scopePrefix), now],
    );
    return rows[0] ?? null;
  }
}
