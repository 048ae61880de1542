import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@monitoring/platform/clock';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * A reading pass: one reader paging through the queue from its first page to its last. The pass
 * remembers which cases it has returned, so a case whose deadline moves later while the reader pages
 * (verified, assisted, closed) is not returned a second time further down. Together with the keyset
 * position this gives: every case in the filtered set for the whole pass is returned exactly once.
 * Passes expire after a day; they are small (one row per case returned) and deleted with their cases.
 */
export const QUEUE_PASS_TTL_MS = 24 * 3_600_000;

@Injectable()
export class CaseQueuePasses {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Starts a pass for the reader with the cases of its first page; clears expired passes. */
  async start(userSub: string, caseIds: readonly string[]): Promise<string> {
    const passId = randomUUID();
    const now = this.clock.now();
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`DELETE FROM case_queue_passes WHERE started_at < $1`, [
        new Date(now.getTime() - QUEUE_PASS_TTL_MS),
      ]);
      await manager.query(
        `INSERT INTO case_queue_passes (pass_id, user_sub, started_at) VALUES ($1, $2, $3)`,
        [passId, userSub, now],
      );
      await this.insertServed(manager, passId, caseIds);
    });
    return passId;
  }

  /** Whether the pass exists, belongs to the reader and has not expired. */
  async isOpen(passId: string, userSub: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM case_queue_passes WHERE pass_id = $1 AND user_sub = $2 AND started_at >= $3`,
      [passId, userSub, new Date(this.clock.now().getTime() - QUEUE_PASS_TTL_MS)],
    );
    return rows.length > 0;
  }

  async markServed(passId: string, caseIds: readonly string[]): Promise<void> {
    await this.insertServed(this.dataSource.manager, passId, caseIds);
  }

  private async insertServed(
    manager: EntityManager,
    passId: string,
    caseIds: readonly string[],
  ): Promise<void> {
    if (caseIds.length === 0) return;
    await manager.query(
      `INSERT INTO case_queue_pass_cases (pass_id, case_id)
       SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`,
      [passId, caseIds],
    );
  }
}
