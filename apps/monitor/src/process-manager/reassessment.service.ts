import { activeGeneration } from '../read-models/generations';
import { sqlOf } from '../read-models/sql-runner';
import {
  GenerationProjection,
  GenerationSwitched,
  type ProjectionDependencies,
} from '../projections/generation.projection';

export interface ReassessmentResult {
  /** Households re-assessed. */
  households: number;
  /** Case events appended (risk updates, openings). */
  appended: number;
}

/**
 * The daily re-assessment (DESIGN §4): time windows move with the clock, so every household whose
 * assessment can change without a new event by `now` (`next_reassessment_at <= now`: a claim leaving
 * its window, a new calendar year, a new policy) is assessed again at `now`, through the same process
 * manager path as an event, with the cause `reassessment:<householdId>:<asOf>`. Runs in chunks, each
 * one transaction serialised with the projector's batches.
 */
export class ReassessmentService {
  constructor(
    private readonly dependencies: ProjectionDependencies,
    private readonly chunkSize: number,
  ) {}

  async reassessDue(now: Date | string): Promise<ReassessmentResult> {
    const at = new Date(now);
    if (Number.isNaN(at.getTime())) throw new RangeError(`not a time: ${String(now)}`);
    const sql = sqlOf(this.dependencies.dataSource);
    const total: ReassessmentResult = { households: 0, appended: 0 };
    for (;;) {
      const tables = await activeGeneration(sql);
      let chunk: { households: number; appended: number };
      try {
        chunk = await new GenerationProjection(this.dependencies, tables, 'active').reassessDue(
          at,
          this.chunkSize,
        );
      } catch (error) {
        // A rebuild switched generations between the two reads: take the new one.
        if (error instanceof GenerationSwitched) continue;
        throw error;
      }
      total.households += chunk.households;
      total.appended += chunk.appended;
      if (chunk.households < this.chunkSize) return total;
    }
  }
}
