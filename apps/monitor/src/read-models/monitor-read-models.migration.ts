import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The monitor's read models, generation 1, and the views other contexts read.
 *
 * Every table lives in the generation's schema (`monitor_g1`); a rebuild creates the next generation
 * with `CREATE TABLE ... (LIKE <active> INCLUDING ALL)`, so the active generation is the template
 * and this DDL exists once. A later migration that changes a table must change it in every
 * generation listed in `projection_generations` (active or building) and recreate the views.
 */
export class CreateMonitorReadModels1767312000000 implements MigrationInterface {
  name = 'CreateMonitorReadModels1767312000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE projection_generations (
        generation integer PRIMARY KEY CHECK (generation > 0),
        schema_name text NOT NULL UNIQUE,
        status text NOT NULL CHECK (status IN ('building', 'active', 'retired')),
        created_at timestamptz NOT NULL DEFAULT now(),
        activated_at timestamptz,
        retired_at timestamptz
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX projection_generations_one_active ON projection_generations ((true)) WHERE status = 'active'`,
    );
    await queryRunner.query(`CREATE SCHEMA monitor_g1`);

    await queryRunner.query(`
      CREATE TABLE monitor_g1.household_risk (
        household_id text PRIMARY KEY,
        region_code text NOT NULL,
        category text NOT NULL CHECK (category IN ('unstable', 'marginal', 'sudden_hardship', 'none')),
        score integer NOT NULL,
        risk_level text NOT NULL CHECK (risk_level IN ('low', 'medium', 'high')),
        alert boolean NOT NULL,
        factors jsonb NOT NULL,
        policy_version text NOT NULL,
        household_net_income_fen bigint,
        per_capita_income_after_rigid_fen bigint,
        out_of_pocket_in_window_fen bigint NOT NULL,
        medical_threshold_fen bigint NOT NULL,
        monitoring_standard_fen bigint NOT NULL,
        guarantee_gaps text[] NOT NULL,
        recent_shock boolean NOT NULL,
        formerly_poor boolean NOT NULL,
        monitored boolean NOT NULL,
        member_count integer NOT NULL,
        open_case_id text,
        assessed_at timestamptz NOT NULL,
        next_reassessment_at timestamptz,
        last_global_position bigint NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX household_risk_region_idx ON monitor_g1.household_risk (region_code text_pattern_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX household_risk_alert_region_idx ON monitor_g1.household_risk (region_code text_pattern_ops, score DESC) WHERE alert`,
    );

    await queryRunner.query(`
      CREATE TABLE monitor_g1.household_projection_state (
        household_id text PRIMARY KEY,
        region_code text,
        stream_version integer NOT NULL,
        last_global_position bigint NOT NULL,
        state jsonb NOT NULL,
        latest_case_id text,
        latest_case_state jsonb NOT NULL,
        latest_case_version integer NOT NULL,
        previous_alert boolean NOT NULL,
        monitored boolean NOT NULL,
        last_assessed_at timestamptz,
        next_reassessment_at timestamptz,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX household_projection_state_reassessment_idx ON monitor_g1.household_projection_state (next_reassessment_at) WHERE next_reassessment_at IS NOT NULL`,
    );

    await queryRunner.query(`
      CREATE TABLE monitor_g1.monitoring_case (
        case_id text PRIMARY KEY,
        household_id text NOT NULL,
        region_code text NOT NULL,
        case_sequence integer NOT NULL,
        category text NOT NULL CHECK (category IN ('unstable', 'marginal', 'sudden_hardship', 'none')),
        confirmed_category text CHECK (confirmed_category IN ('unstable', 'marginal', 'sudden_hardship')),
        stage text NOT NULL CHECK (stage IN ('open', 'verified', 'assisting', 'long_term_follow_up', 'risk_eliminated', 'dismissed')),
        score integer NOT NULL,
        risk_level text NOT NULL CHECK (risk_level IN ('low', 'medium', 'high')),
        factors jsonb NOT NULL,
        opened_at timestamptz NOT NULL,
        reopened_at timestamptz,
        verification_due_at timestamptz NOT NULL,
        assistance_due_at timestamptz NOT NULL,
        verified_at timestamptz,
        verification_outcome text CHECK (verification_outcome IN ('confirmed', 'dismissed')),
        first_assistance_at timestamptz,
        assistance_count integer NOT NULL,
        verification_missed_at timestamptz,
        assistance_missed_at timestamptz,
        escalation_level text NOT NULL CHECK (escalation_level IN ('none', 'city', 'province')),
        escalated_at timestamptz,
        closed_at timestamptz,
        closed_reason text,
        policy_version text NOT NULL,
        next_due_at timestamptz,
        next_deadline_check_at timestamptz,
        state jsonb NOT NULL,
        stream_version integer NOT NULL,
        last_event_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX monitoring_case_household_idx ON monitor_g1.monitoring_case (household_id)`,
    );
    await queryRunner.query(
      `CREATE INDEX monitoring_case_region_idx ON monitor_g1.monitoring_case (region_code text_pattern_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX monitoring_case_queue_idx ON monitor_g1.monitoring_case (next_due_at ASC NULLS LAST, case_id)`,
    );
    await queryRunner.query(
      `CREATE INDEX monitoring_case_deadline_check_idx ON monitor_g1.monitoring_case (next_deadline_check_at) WHERE next_deadline_check_at IS NOT NULL`,
    );

    await queryRunner.query(`
      CREATE TABLE monitor_g1.projection_checkpoint (
        name text PRIMARY KEY,
        checkpoint text NOT NULL,
        updated_at timestamptz NOT NULL
      )`);

    await queryRunner.query(
      `INSERT INTO projection_generations (generation, schema_name, status, activated_at) VALUES (1, 'monitor_g1', 'active', now())`,
    );
    for (const table of [
      'household_risk',
      'household_projection_state',
      'monitoring_case',
      'projection_checkpoint',
    ]) {
      await queryRunner.query(`CREATE VIEW ${table} AS SELECT * FROM monitor_g1.${table}`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'household_risk',
      'household_projection_state',
      'monitoring_case',
      'projection_checkpoint',
    ]) {
      await queryRunner.query(`DROP VIEW IF EXISTS ${table}`);
    }
    const generations = (await queryRunner.query(`SELECT schema_name FROM projection_generations`)) as {
      schema_name: string;
    }[];
    for (const { schema_name } of generations) {
      if (!/^monitor_g\d+$/.test(schema_name)) throw new Error(`unexpected generation schema ${schema_name}`);
      await queryRunner.query(`DROP SCHEMA IF EXISTS ${schema_name} CASCADE`);
    }
    await queryRunner.query(`DROP TABLE projection_generations`);
  }
}
