import { Logger } from '@nestjs/common';
import { START, type Checkpoint } from '@monitoring/event-store';
import { GenerationProjection, type ProjectionDependencies } from '../projections/generation.projection';
import type { GenerationTables } from '../read-models/generation-tables';
import {
  abandonedGenerations,
  activateGeneration,
  activeGeneration,
  createGeneration,
  dropGeneration,
} from '../read-models/generations';
import { inTransaction, sqlOn } from '../read-models/sql-runner';

export interface RebuildOptions {
  /** Events per batch (default 1,000). */
  batchSize?: number;
  /** Switch once at most this many events remain unprojected (default: the batch size). */
  caughtUpLag?: number;
  /** Keep the previous generation's tables after the switch (default false: dropped). */
  keepPrevious?: boolean;
  /** Called after each batch (awaited). */
  onProgress?: (progress: { generation: number; events: number }) => void | Promise<void>;
}

export interface RebuildResult {
  generation: number;
  previousGeneration: number;
  /** Events read from the log (household and case events). */
  events: number;
  /** Where the new generation stood at the switch; the live projector continues from there. */
  checkpoint: Checkpoint;
  previousDropped: boolean;
}

const REBUILD_LOCK = 'monitor-projection-rebuild';

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Rebuilds every read model from position zero without downtime: a new generation of tables (a new
 * schema shaped like the active one) is projected from the start of the log while the active one
 * keeps serving and the live projector keeps writing it; once the new generation has caught up, the
 * views switch to it in one transaction, and the live projector, finding its generation retired at
 * its next batch, continues on the new one from the new one's checkpoint. The process manager runs
 * as it does live: its decisions replay as duplicates of the case events already stored.
 */
export class ProjectionRebuilder {
  private readonly logger = new Logger(ProjectionRebuilder.name);

  constructor(private readonly dependencies: ProjectionDependencies) {}

  async rebuild(options: RebuildOptions = {}): Promise<RebuildResult> {
    const batchSize = options.batchSize ?? 1_000;
    const caughtUpLag = options.caughtUpLag ?? batchSize;
    const { dataSource } = this.dependencies;
    const lockHolder = dataSource.createQueryRunner();
    await lockHolder.connect();
    try {
      const lockSql = sqlOn(lockHolder);
      const { rows } = await lockSql.query<{ locked: boolean }>(
        `SELECT pg_try_advisory_lock(hashtext($1)) AS locked`,
        [REBUILD_LOCK],
      );
      if (!rows[0].locked) throw new Error('another projection rebuild is running');
      try {
        for (const abandoned of await abandonedGenerations(lockSql)) {
          this.logger.warn(
            `dropping generation ${abandoned.generation}, left unfinished by an earlier rebuild`,
          );
          await inTransaction(dataSource, (sql) => dropGeneration(sql, abandoned));
        }
        const previous = await activeGeneration(lockSql);
        const next = await inTransaction(dataSource, (sql) => createGeneration(sql, previous));
        this.logger.log(`rebuilding the read models into generation ${next.generation} (${next.schema})`);
        let caughtUp: { events: number; checkpoint: Checkpoint };
        try {
          caughtUp = await this.catchUp(next, batchSize, caughtUpLag, options.onProgress);
          await inTransaction(dataSource, async (sql) => {
            await next.lock(sql);
            const guard = await next.readGuard(sql);
            if (guard.status !== 'building')
              throw new Error(`generation ${next.generation} is ${guard.status ?? 'gone'}`);
            await activateGeneration(sql, next);
          });
        } catch (error) {
          await inTransaction(dataSource, (sql) => dropGeneration(sql, next)).catch(() => undefined);
          throw error;
        }
        this.logger.log(`generation ${next.generation} is active (${caughtUp.events} events projected)`);
        const previousDropped = !options.keepPrevious && (await this.dropPrevious(previous));
        return {
          generation: next.generation,
          previousGeneration: previous.generation,
          events: caughtUp.events,
          checkpoint: caughtUp.checkpoint,
          previousDropped,
        };
      } finally {
        await lockSql.query(`SELECT pg_advisory_unlock(hashtext($1))`, [REBUILD_LOCK]);
      }
    } finally {
      await lockHolder.release();
    }
  }

  /** The switch is done: failing to drop the retired tables only leaves them to drop later. */
  private async dropPrevious(previous: GenerationTables): Promise<boolean> {
    try {
      await inTransaction(this.dependencies.dataSource, (sql) => dropGeneration(sql, previous));
      return true;
    } catch (error) {
      this.logger.warn(
        `generation ${previous.generation} is retired but could not be dropped (${previous.schema}): ${error instanceof Error ? error.message : String(error)}`,
      );
      return false;
    }
  }

  /** Projects the log from the start into `next` until at most `caughtUpLag` events remain. */
  private async catchUp(
    next: GenerationTables,
    batchSize: number,
    caughtUpLag: number,
    onProgress: RebuildOptions['onProgress'],
  ): Promise<{ events: number; checkpoint: Checkpoint }> {
    const { store } = this.dependencies;
    const projection = new GenerationProjection(this.dependencies, next, 'building');
    let after: Checkpoint = START;
    let events = 0;
    for (;;) {
      const page = await store.readAll({ after, limit: batchSize });
      if (page.events.length > 0) {
        await projection.projectBatch(page.events, page.checkpoint, after);
        after = page.checkpoint;
        events += page.events.length;
        await onProgress?.({ generation: next.generation, events });
      }
      // A full page means more is waiting; only near the head is the lag worth counting.
      if (page.events.length === batchSize) continue;
      if ((await store.position(after)).lag <= caughtUpLag) return { events, checkpoint: after };
      // Appended but held back behind an open transaction: read again shortly.
      if (page.events.length === 0) await pause(50);
    }
  }
}
