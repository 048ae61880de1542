import { START, type Checkpoint } from '@monitoring/event-store';
import type { OpenedCaseState } from '@monitoring/domain';
import type { CaseRecord, CaseRow } from '../projections/case-record';
import type { HouseholdStateRow } from '../projections/household-context';
import type { GenerationStatus } from './projection-generation.entity';
import { GENERATIONS_TABLE, PROJECTION_NAME, qualified, type ReadModelTable } from './read-model.names';
import type { SqlRunner } from './sql-runner';

type Column = readonly [name: string, type: string];

const HOUSEHOLD_STATE_COLUMNS: readonly Column[] = [
  ['household_id', 'text'],
  ['region_code', 'text'],
  ['stream_version', 'integer'],
  ['last_global_position', 'bigint'],
  ['state', 'jsonb'],
  ['latest_case_id', 'text'],
  ['latest_case_state', 'jsonb'],
  ['latest_case_version', 'integer'],
  ['previous_alert', 'boolean'],
  ['monitored', 'boolean'],
  ['last_assessed_at', 'timestamptz'],
  ['next_reassessment_at', 'timestamptz'],
  ['updated_at', 'timestamptz'],
];

const HOUSEHOLD_RISK_COLUMNS: readonly Column[] = [
  ['household_id', 'text'],
  ['region_code', 'text'],
  ['category', 'text'],
  ['score', 'integer'],
  ['risk_level', 'text'],
  ['alert', 'boolean'],
  ['factors', 'jsonb'],
  ['policy_version', 'text'],
  ['household_net_income_fen', 'bigint'],
  ['per_capita_income_after_rigid_fen', 'bigint'],
  ['out_of_pocket_in_window_fen', 'bigint'],
  ['medical_threshold_fen', 'bigint'],
  ['monitoring_standard_fen', 'bigint'],
  ['guarantee_gaps', 'text[]'],
  ['recent_shock', 'boolean'],
  ['formerly_poor', 'boolean'],
  ['monitored', 'boolean'],
  ['member_count', 'integer'],
  ['open_case_id', 'text'],
  ['assessed_at', 'timestamptz'],
  ['next_reassessment_at', 'timestamptz'],
  ['last_global_position', 'bigint'],
  ['updated_at', 'timestamptz'],
];

const MONITORING_CASE_COLUMNS: readonly Column[] = [
  ['case_id', 'text'],
  ['household_id', 'text'],
  ['region_code', 'text'],
  ['case_sequence', 'integer'],
  ['category', 'text'],
  ['confirmed_category', 'text'],
  ['stage', 'text'],
  ['score', 'integer'],
  ['risk_level', 'text'],
  ['factors', 'jsonb'],
  ['opened_at', 'timestamptz'],
  ['reopened_at', 'timestamptz'],
  ['verification_due_at', 'timestamptz'],
  ['assistance_due_at', 'timestamptz'],
  ['verified_at', 'timestamptz'],
  ['verification_outcome', 'text'],
  ['first_assistance_at', 'timestamptz'],
  ['assistance_count', 'integer'],
  ['verification_missed_at', 'timestamptz'],
  ['assistance_missed_at', 'timestamptz'],
  ['escalation_level', 'text'],
  ['escalated_at', 'timestamptz'],
  ['closed_at', 'timestamptz'],
  ['closed_reason', 'text'],
  ['policy_version', 'text'],
  ['next_due_at', 'timestamptz'],
  ['next_deadline_check_at', 'timestamptz'],
  ['state', 'jsonb'],
  ['stream_version', 'integer'],
  ['last_event_at', 'timestamptz'],
  ['updated_at', 'timestamptz'],
];

/**
 * A multi-row upsert from one JSON array parameter (`jsonb_to_recordset`): one statement per table per
 * batch, whatever the number of rows.
 */
const upsertSql = (table: string, columns: readonly Column[], key: string, parameter = 1): string => {
  const names = columns.map(([name]) => name).join(', ');
  const types = columns.map(([name, type]) => `${name} ${type}`).join(', ');
  const updates = columns
    .filter(([name]) => name !== key)
    .map(([name]) => `${name} = excluded.${name}`)
    .join(', ');
  return `INSERT INTO ${table} AS t (${names})
    SELECT ${names} FROM jsonb_to_recordset($${parameter}::jsonb) AS r(${types})
    ON CONFLICT (${key}) DO UPDATE SET ${updates}`;
};

/** What one batch writes: every list may be empty. */
export interface BatchRows {
  states: readonly object[];
  risks: readonly object[];
  openCases: readonly { household_id: string; open_case_id: string | null; updated_at: string }[];
  cases: readonly CaseRow[];
}

interface CaseRecordRow {
  case_id: string;
  household_id: string;
  region_code: string;
  state: OpenedCaseState;
  stream_version: number;
  verified_at: Date | null;
  verification_outcome: 'confirmed' | 'dismissed' | null;
  first_assistance_at: Date | null;
  verification_missed_at: Date | null;
  assistance_missed_at: Date | null;
  escalated_at: Date | null;
  last_event_at: Date;
}

const iso = (value: Date | null): string | null => (value === null ? null : value.toISOString());

/** The read-model tables of one generation (one PostgreSQL schema): batch loads and batch writes. */
export class GenerationTables {
  private readonly saveBatchSql: string;
  private readonly saveBatchAndCheckpointSql: string;

  constructor(
    readonly generation: number,
    readonly schema: string,
  ) {
    // One statement, one round trip for the whole batch: data-modifying CTEs all run to completion.
    // The open-case update touches only households without a new assessment, so no row is written twice.
    const batchWrites = `WITH
      states AS (${upsertSql(this.table('household_projection_state'), HOUSEHOLD_STATE_COLUMNS, 'household_id', 1)}),
      risks AS (${upsertSql(this.table('household_risk'), HOUSEHOLD_RISK_COLUMNS, 'household_id', 2)}),
      open_cases AS (${this.openCaseIdsSql(3)}),
      cases AS (${upsertSql(this.table('monitoring_case'), MONITORING_CASE_COLUMNS, 'case_id', 4)})`;
    this.saveBatchSql = `${batchWrites} SELECT 1`;
    this.saveBatchAndCheckpointSql = `${batchWrites} ${this.checkpointSql(5)}`;
  }

  table(name: ReadModelTable): string {
    return qualified(this.schema, name);
  }

  async loadHouseholds(sql: SqlRunner, householdIds: readonly string[]): Promise<HouseholdStateRow[]> {
    if (householdIds.length === 0) return [];
    const { rows } = await sql.query<HouseholdStateRow>(
      `SELECT household_id, region_code, stream_version, last_global_position::text AS last_global_position, state,
          latest_case_id, latest_case_state, latest_case_version, previous_alert, monitored, last_assessed_at,
          next_reassessment_at
        FROM ${this.table('household_projection_state')} WHERE household_id = ANY($1::text[])`,
      [householdIds],
    );
    return rows;
  }

  /** Households whose assessment can change by `now` without a new event, earliest first. */
  async dueForReassessment(sql: SqlRunner, now: string, limit: number): Promise<HouseholdStateRow[]> {
    const { rows } = await sql.query<HouseholdStateRow>(
      `SELECT household_id, region_code, stream_version, last_global_position::text AS last_global_position, state,
          latest_case_id, latest_case_state, latest_case_version, previous_alert, monitored, last_assessed_at,
          next_reassessment_at
        FROM ${this.table('household_projection_state')}
        WHERE next_reassessment_at <= $1::timestamptz
        ORDER BY next_reassessment_at, household_id LIMIT $2`,
      [now, limit],
    );
    return rows;
  }

  async loadCases(sql: SqlRunner, caseIds: readonly string[]): Promise<CaseRecord[]> {
    if (caseIds.length === 0) return [];
    const { rows } = await sql.query<CaseRecordRow>(
      `SELECT case_id, household_id, region_code, state, stream_version, verified_at, verification_outcome,
          first_assistance_at, verification_missed_at, assistance_missed_at, escalated_at, last_event_at
        FROM ${this.table('monitoring_case')} WHERE case_id = ANY($1::text[])`,
      [caseIds],
    );
    return rows.map((row) => ({
      caseId: row.case_id,
      householdId: row.household_id,
      regionCode: row.region_code,
      state: row.state,
      version: row.stream_version,
      verifiedAt: iso(row.verified_at),
      verificationOutcome: row.verification_outcome,
      firstAssistanceAt: iso(row.first_assistance_at),
      verificationMissedAt: iso(row.verification_missed_at),
      assistanceMissedAt: iso(row.assistance_missed_at),
      escalatedAt: iso(row.escalated_at),
      lastEventAt: row.last_event_at.toISOString(),
    }));
  }

  /**
   * Writes a batch's rows, and the checkpoint when given, in one statement: the same rows as
   * saveHouseholdStates, saveHouseholdRisks, saveOpenCaseIds, saveCases and saveCheckpoint.
   */
  async saveBatch(
    sql: SqlRunner,
    rows: BatchRows,
    checkpoint: { checkpoint: Checkpoint; updatedAt: string } | null,
  ): Promise<void> {
    const lists = [rows.states, rows.risks, rows.openCases, rows.cases].map((list) => JSON.stringify(list));
    if (checkpoint === null) {
      if (lists.every((list) => list === '[]')) return;
      await sql.query(this.saveBatchSql, lists);
    } else {
      await sql.query(this.saveBatchAndCheckpointSql, [
        ...lists,
        PROJECTION_NAME,
        checkpoint.checkpoint,
        checkpoint.updatedAt,
      ]);
    }
  }

  private openCaseIdsSql(parameter: number): string {
    return `UPDATE ${this.table('household_risk')} AS t SET open_case_id = r.open_case_id, updated_at = r.updated_at
        FROM jsonb_to_recordset($${parameter}::jsonb) AS r(household_id text, open_case_id text, updated_at timestamptz)
        WHERE t.household_id = r.household_id`;
  }

  private checkpointSql(first: number): string {
    return `INSERT INTO ${this.table('projection_checkpoint')} (name, checkpoint, updated_at)
        VALUES ($${first}, $${first + 1}, $${first + 2})
        ON CONFLICT (name) DO UPDATE SET checkpoint = excluded.checkpoint, updated_at = excluded.updated_at`;
  }

  /**
   * Serialises the writers of this generation (the projector, the re-assessment, a second monitor
   * instance) for the rest of the transaction. An advisory lock takes no transaction id, so holding
   * it while the batch computes and appends does not hold back readers of the log.
   */
  async lock(sql: SqlRunner): Promise<void> {
    await sql.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`monitor-projection:${this.schema}`]);
  }

  /** The generation's status and checkpoint, read together. */
  async readGuard(sql: SqlRunner): Promise<{ status: GenerationStatus | null; checkpoint: Checkpoint }> {
    const { rows } = await sql.query<{ status: GenerationStatus | null; checkpoint: string | null }>(
      `SELECT (SELECT status FROM ${GENERATIONS_TABLE} WHERE generation = $1) AS status,
          (SELECT checkpoint FROM ${this.table('projection_checkpoint')} WHERE name = $2) AS checkpoint`,
      [this.generation, PROJECTION_NAME],
    );
    return { status: rows[0].status, checkpoint: rows[0].checkpoint ?? START };
  }

  async readCheckpoint(sql: SqlRunner): Promise<Checkpoint> {
    const { rows } = await sql.query<{ checkpoint: string }>(
      `SELECT checkpoint FROM ${this.table('projection_checkpoint')} WHERE name = $1`,
      [PROJECTION_NAME],
    );
    return rows[0]?.checkpoint ?? START;
  }

  async saveCheckpoint(sql: SqlRunner, checkpoint: Checkpoint, updatedAt: string): Promise<void> {
    await sql.query(this.checkpointSql(1), [PROJECTION_NAME, checkpoint, updatedAt]);
  }
}
