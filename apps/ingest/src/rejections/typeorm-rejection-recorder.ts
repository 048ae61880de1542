import type { DataSource } from 'typeorm';
import { RejectedMessageEntity } from './rejected-message.entity';
import type { RejectedMessage, RejectionRecorder } from './rejected-message';

/** Rows per INSERT: 19 parameters each, well under PostgreSQL's 65,535. */
const ROWS_PER_INSERT = 1_000;

/** Writes rejected records to `rejected_messages`; a repeated Kafka delivery is ignored. */
export class TypeOrmRejectionRecorder implements RejectionRecorder {
  constructor(private readonly dataSource: DataSource) {}

  async record(rejections: readonly RejectedMessage[]): Promise<void> {
    for (let start = 0; start < rejections.length; start += ROWS_PER_INSERT) {
      await this.dataSource
        .createQueryBuilder()
        .insert()
        .into(RejectedMessageEntity)
        .values(rejections.slice(start, start + ROWS_PER_INSERT))
        .orIgnore()
        .updateEntity(false)
        .execute();
    }
  }
}
