import { Injectable } from '@nestjs/common';
import { isValidHouseholdId, type RiskFactor } from '@monitoring/domain';
import { DataSource } from 'typeorm';
import { prefixPattern } from '../http/sql-parameters';

/** A `household_risk` row (the monitor's read model; columns are a contract between the contexts). */
export interface HouseholdRiskRow {
  household_id: string;
  region_code: string;
  category: string;
  score: number;
  risk_level: string;
  alert: boolean;
  factors: RiskFactor[];
  policy_version: string;
  household_net_income_fen: string | null;
  per_capita_income_after_rigid_fen: string | null;
  out_of_pocket_in_window_fen: string;
  medical_threshold_fen: string;
  monitoring_standard_fen: string;
  guarantee_gaps: string[];
  formerly_poor: boolean;
  member_count: number;
  open_case_id: string | null;
  assessed_at: Date;
}

/**
 * Reads `household_risk` within a region scope. The scope is part of the query: a household outside
 * it is not found, exactly like one that does not exist.
 */
@Injectable()
export class HouseholdRiskReader {
  constructor(private readonly dataSource: DataSource) {}

  async findInScope(householdId: string, scopePrefix: string): Promise<HouseholdRiskRow | null> {
    if (!isValidHouseholdId(householdId)) return null;
    const rows: HouseholdRiskRow[] = await this.dataSource.query(
      `SELECT household_id, region_code, category, score, risk_level, alert, factors, policy_version,
              household_net_income_fen, per_capita_income_after_rigid_fen, out_of_pocket_in_window_fen,
              medical_threshold_fen, monitoring_standard_fen, guarantee_gaps, formerly_poor, member_count,
              open_case_id, assessed_at
         FROM household_risk
        WHERE household_id = $1 AND region_code LIKE $2`,
      [householdId, prefixPattern(scopePrefix)],
    );
    return rows[0] ?? null;
  }
}

/** pg returns bigint as text; fen figures stay far below 2^53. */
export const fenOf = (value: string | number): number => {
  const fen = Number(value);
  if (!Number.isSafeInteger(fen)) throw new RangeError(`fen figure ${value} is not a safe integer`);
  return fen;
};

export const fenOrNull = (value: string | number | null): number | null =>
  value === null ? null : fenOf(value);
