import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reporting's own tables: the household access log (issue 6) and the alert queue's reading passes
 * (see queries/list-cases/case-queue-passes.ts).
 */
export class CreateReportingTables1767398400000 implements MigrationInterface {
  name = 'CreateReportingTables1767398400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE household_access_log (
        id bigserial PRIMARY KEY,
        accessed_at timestamptz NOT NULL,
        user_sub text NOT NULL,
        user_role text NOT NULL,
        user_region text NOT NULL,
        household_id text,
        case_id text,
        route text NOT NULL,
        url text NOT NULL,
        client_address text,
        outcome text NOT NULL CHECK (outcome IN ('ok', 'not_found'))
      )`);
    await queryRunner.query(
      `CREATE INDEX household_access_log_household_idx ON household_access_log (household_id, id)`,
    );
    await queryRunner.query(
      `CREATE INDEX household_access_log_user_idx ON household_access_log (user_sub, id)`,
    );
    await queryRunner.query(
      `CREATE INDEX household_access_log_accessed_at_idx ON household_access_log (accessed_at)`,
    );

    await queryRunner.query(`
      CREATE TABLE case_queue_passes (
        pass_id uuid PRIMARY KEY,
        user_sub text NOT NULL,
        started_at timestamptz NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX case_queue_passes_started_at_idx ON case_queue_passes (started_at)`,
    );
    await queryRunner.query(`
      CREATE TABLE case_queue_pass_cases (
        pass_id uuid NOT NULL REFERENCES case_queue_passes (pass_id) ON DELETE CASCADE,
        case_id text NOT NULL,
        PRIMARY KEY (pass_id, case_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE case_queue_pass_cases`);
    await queryRunner.query(`DROP TABLE case_queue_passes`);
    await queryRunner.query(`DROP TABLE household_access_log`);
  }
}
