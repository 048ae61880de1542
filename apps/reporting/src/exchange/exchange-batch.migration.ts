import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The weekly exchange's batches (see exchange-batch.entity.ts). */
export class CreateExchangeBatch1767484800000 implements MigrationInterface {
  name = 'CreateExchangeBatch1767484800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE exchange_batch (
        id uuid PRIMARY KEY,
        sequence integer NOT NULL CHECK (sequence > 0),
        from_checkpoint text NOT NULL,
        to_checkpoint text NOT NULL,
        generated_at timestamptz NOT NULL,
        row_count integer NOT NULL CHECK (row_count >= 0),
        files jsonb NOT NULL,
        triggered_by text NOT NULL,
        acknowledged_at timestamptz,
        acknowledged_by text,
        CONSTRAINT exchange_batch_sequence_key UNIQUE (sequence),
        CONSTRAINT exchange_batch_acknowledgement_check CHECK ((acknowledged_at IS NULL) = (acknowledged_by IS NULL))
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE exchange_batch`);
  }
}
