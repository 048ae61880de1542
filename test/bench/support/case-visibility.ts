import { setTimeout as sleep } from 'node:timers/promises';
import type { Pool } from 'pg';

/** How often the case read model is polled: the latencies read up to this much high. */
export const POLL_MS = 20;

/**
 * Watches the case read model (the `monitoring_case` view the API reads) for cases opened since `since`,
 * and for each one records how long after its opening it became visible: `opened_at` is the append time
 * of the record that crossed the threshold (an assessment runs at the later of business and append
 * time, and the province's records all happened before), and the poll that first sees the row is
 * timed by the same database clock.
 */
export class CaseVisibilityWatcher {
  private readonly seen = new Set<string>();
  readonly latenciesMs: number[] = [];
  private running = false;
  private loop: Promise<void> = Promise.resolve();

  constructor(
    private readonly pool: Pool,
    private readonly since: Date,
  ) {}

  start(): void {
    this.running = true;
    this.loop = this.poll();
  }

  /** Stops after one last look. */
  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
    await this.look();
  }

  private async poll(): Promise<void> {
    while (this.running) {
      await this.look();
      await sleep(POLL_MS);
    }
  }

  private async look(): Promise<void> {
    const { rows } = await this.pool.query<{ case_id: string; latency_ms: number }>(
      `SELECT case_id, (extract(epoch FROM clock_timestamp() - opened_at) * 1000)::float8 AS latency_ms
         FROM monitoring_case
        WHERE opened_at >= $1`,
      [this.since],
    );
    for (const row of rows) {
      if (this.seen.has(row.case_id)) continue;
      this.seen.add(row.case_id);
      this.latenciesMs.push(row.latency_ms);
    }
  }
}

/** The p-th percentile (0-100) by nearest rank; null for no values. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? null;
}
