import type { MonitoringPolicy } from '@monitoring/domain';
import type { Checkpoint, EventStore, RecordedEvent } from '@monitoring/event-store';
import type { Clock } from '@monitoring/platform/clock';
import type { DataSource } from 'typeorm';
import type { RiskToCaseProcessManager } from '../process-manager/risk-to-case.process-manager';
import type { GenerationTables } from '../read-models/generation-tables';
import type { GenerationStatus } from '../read-models/projection-generation.entity';
import { inTransaction } from '../read-models/sql-runner';
import { ProjectionBatch, type BatchSummary } from './projection-batch';

/** Test-only fault injection. */
export interface ProjectionFaults {
  /**
   * Runs after a batch's case events are appended to the store and before its read-model transaction
   * commits: a throw there is a projector dying between the two.
   */
  afterCaseAppends?: (batch: { events: number; appended: number }) => void | Promise<void>;
}

/** What projecting needs, wired by the module or by hand (the rebuild CLI, the benchmark). */
export interface ProjectionDependencies {
  dataSource: DataSource;
  store: EventStore;
  clock: Clock;
  documents: readonly MonitoringPolicy[];
  processManager: RiskToCaseProcessManager;
  faults?: ProjectionFaults;
}

/** The generation this projection writes is no longer in the status it expects (a rebuild switched). */
export class GenerationSwitched extends Error {
  constructor(
    readonly generation: number,
    readonly status: GenerationStatus | null,
  ) {
    super(`read-model generation ${generation} is ${status ?? 'gone'}`);
    this.name = 'GenerationSwitched';
  }
}

/** Another writer moved the generation's checkpoint: resume from the stored one. */
export class CheckpointMoved extends Error {
  constructor(
    readonly expected: Checkpoint,
    readonly stored: Checkpoint,
  ) {
    super(
      `the projection checkpoint moved from ${expected || 'the start'} to ${stored || 'the start'} under this projector`,
    );
    this.name = 'CheckpointMoved';
  }
}

/**
 * Projects into one generation of read-model tables. Each batch runs in one transaction that also
 * writes the checkpoint; writers of the generation are serialised by an advisory lock, and a batch
 * that finds the checkpoint or the generation not as it left them gives up rather than write over
 * another writer's work.
 */
export class GenerationProjection {
  constructor(
    private readonly dependencies: ProjectionDependencies,
    readonly tables: GenerationTables,
    /** `active` for the live projector, `building` for a rebuild. */
    private readonly expectedStatus: GenerationStatus,
  ) {}

  /** Projects `events` (the log after `after`, up to `checkpoint`) and commits the checkpoint with them. */
  projectBatch(
    events: readonly RecordedEvent[],
    checkpoint: Checkpoint,
    after: Checkpoint,
  ): Promise<BatchSummary> {
    const { dataSource, clock, faults } = this.dependencies;
    return inTransaction(dataSource, async (sql) => {
      await this.tables.lock(sql);
      const guard = await this.tables.readGuard(sql);
      if (guard.status !== this.expectedStatus)
        throw new GenerationSwitched(this.tables.generation, guard.status);
      if (guard.checkpoint !== after) throw new CheckpointMoved(after, guard.checkpoint);
      const batch = new ProjectionBatch(this.tables, sql, this.batchOptions());
      await batch.evolve(events);
      return batch.appendAndWrite(clock.now().toISOString(), checkpoint, () =>
        faults?.afterCaseAppends?.({ events: events.length, appended: batch.state.appended }),
      );
    });
  }

  /** Re-assesses up to `limit` households due at `now`; returns how many it took. */
  reassessDue(now: Date, limit: number): Promise<BatchSummary & { households: number }> {
    const { dataSource, clock } = this.dependencies;
    return inTransaction(dataSource, async (sql) => {
      await this.tables.lock(sql);
      const guard = await this.tables.readGuard(sql);
      if (guard.status !== this.expectedStatus)
        throw new GenerationSwitched(this.tables.generation, guard.status);
      const due = await this.tables.dueForReassessment(sql, now.toISOString(), limit);
      const batch = new ProjectionBatch(this.tables, sql, this.batchOptions());
      await batch.reassess(due, now.getTime());
      const summary = await batch.write(clock.now().toISOString());
      return { ...summary, households: due.length };
    });
  }

  private batchOptions() {
    return { processManager: this.dependencies.processManager, documents: this.dependencies.documents };
  }
}
