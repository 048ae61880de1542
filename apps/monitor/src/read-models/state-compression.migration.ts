import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The large JSON columns, rewritten on every batch that touches their row. */
const COMPRESSED_COLUMNS: readonly (readonly [table: string, column: string])[] = [
  ['household_projection_state', 'state'],
  ['household_projection_state', 'latest_case_state'],
  ['household_risk', 'factors'],
  ['monitoring_case', 'state'],
  ['monitoring_case', 'factors'],
];

const setCompression = async (queryRunner: QueryRunner, method: 'lz4' | 'default'): Promise<void> => {
  const generations = (await queryRunner.query(`SELECT schema_name FROM projection_generations`)) as {
    schema_name: string;
  }[];
  for (const { schema_name: schema } of generations) {
    for (const [table, column] of COMPRESSED_COLUMNS) {
      // A server built without lz4 refuses it: keep its default (pglz) rather than fail the start-up.
      await queryRunner.query(`
        DO $$ BEGIN
          ALTER TABLE ${schema}.${table} ALTER COLUMN ${column} SET COMPRESSION ${method};
        EXCEPTION WHEN feature_not_supported THEN NULL;
        END $$`);
    }
  }
};

/**
 * lz4 instead of pglz for the JSON columns the projector rewrites on every batch: a household's state
 * is several kilobytes, and pglz compressing it was a large part of each batch's write. Only values
 * written from now on change. New generations copy the setting (`LIKE ... INCLUDING ALL`).
 */
export class CompressReadModelStateWithLz41795392000000 implements MigrationInterface {
  name = 'CompressReadModelStateWithLz41795392000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await setCompression(queryRunner, 'lz4');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await setCompression(queryRunner, 'default');
  }
}
