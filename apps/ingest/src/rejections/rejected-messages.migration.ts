import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The `rejected_messages` table: every record ingest refused, from any path. */
export class CreateRejectedMessages1767225600000 implements MigrationInterface {
  name = 'CreateRejectedMessages1767225600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE rejected_messages (
        id bigserial PRIMARY KEY,
        received_at timestamptz NOT NULL,
        path text NOT NULL CHECK (path IN ('kafka', 'http', 'file')),
        topic text NOT NULL,
        kafka_topic text,
        kafka_partition integer,
        kafka_offset bigint,
        file_name text,
        file_line integer,
        http_index integer,
        sender text,
        record_type text,
        source_id text,
        household_id text,
        category text NOT NULL CHECK (category IN ('unreadable', 'invalid', 'conflict', 'refused')),
        reason text NOT NULL,
        payload text NOT NULL,
        payload_length integer NOT NULL,
        delivery_key text,
        CONSTRAINT rejected_messages_delivery_key_key UNIQUE (delivery_key)
      )`);
    await queryRunner.query(
      `CREATE INDEX rejected_messages_received_at_idx ON rejected_messages (received_at)`,
    );
    await queryRunner.query(
      `CREATE INDEX rejected_messages_source_record_idx ON rejected_messages (topic, record_type, source_id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE rejected_messages`);
  }
}
