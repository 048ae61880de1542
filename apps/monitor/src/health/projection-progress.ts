import { START, type Checkpoint, type EventStore } from '@monitoring/event-store';
import type { DataSource } from 'typeorm';
import { PROJECTION_NAME } from '../read-models/read-model.names';
import { sqlOf } from '../read-models/sql-runner';

export interface ProjectionProgressReport {
  /** The event store's checkpoint of the last event the active read models hold ('' before any). */
  checkpoint: Checkpoint;
  /** The checkpoint of the last event in the log. */
  head: Checkpoint;
  /** Events appended but not yet projected. */
  lag: number;
}

/** How far the active read models are behind the log. */
export class ProjectionProgress {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: EventStore,
  ) {}

  async report(): Promise<ProjectionProgressReport> {
    const { rows } = await sqlOf(this.dataSource).query<{ checkpoint: string }>(
      `SELECT checkpoint FROM projection_checkpoint WHERE name = $1`,
      [PROJECTION_NAME],
    );
    const checkpoint = rows[0]?.checkpoint ?? START;
    const { head, lag } = await this.store.position(checkpoint);
    return { checkpoint, head, lag };
  }
}
