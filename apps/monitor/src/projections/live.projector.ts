import { Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { EventBus } from '@nestjs/cqrs';
import { isCaseEventType } from '@monitoring/domain';
import type { Checkpoint, RecordedEvent, Subscription } from '@monitoring/event-store';
import { CaseEventsProjected } from '../cases/case-events-projected.event';
import { activeGeneration } from '../read-models/generations';
import { sqlOf } from '../read-models/sql-runner';
import {
  CheckpointMoved,
  GenerationProjection,
  GenerationSwitched,
  type ProjectionDependencies,
} from './generation.projection';
import type { BatchSummary } from './projection-batch';

export interface LiveProjectorOptions {
  /** Subscribe when the application boots (default true). */
  autoStart: boolean;
  /** Most events per batch (one read-model transaction each). */
  batchSize: number;
  /** First wait before resubscribing after a failure; doubles up to 30 s. */
  restartDelayMs: number;
  /** Called after each committed batch (metrics, benchmarks). */
  onCommitted?: (batch: CommittedBatch) => void;
}

export interface CommittedBatch {
  events: readonly RecordedEvent[];
  checkpoint: Checkpoint;
  summary: BatchSummary;
}

const MAX_RESTART_DELAY_MS = 30_000;

const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });

/**
 * The monitor's projector: subscribed to the global log from the active generation's checkpoint,
 * projecting each batch in one transaction (GenerationProjection), then publishing the batch's case
 * events on the EventBus. It resubscribes after any failure (from the committed checkpoint, so
 * nothing is skipped and the process manager's appends are replayed as no-ops), and moves to a new
 * generation when a rebuild switches the views.
 */
export class LiveProjector implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(LiveProjector.name);
  private running: Promise<void> | null = null;
  private stopping = new AbortController();
  private subscription: Subscription | null = null;
  private committed: Checkpoint | null = null;
  private generation: number | null = null;

  constructor(
    private readonly dependencies: ProjectionDependencies,
    private readonly options: LiveProjectorOptions,
    private readonly eventBus: EventBus | null = null,
  ) {}

  onApplicationBootstrap(): void {
    if (this.options.autoStart) this.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }

  /** The checkpoint of the last batch committed (null before the projector has started). */
  get checkpoint(): Checkpoint | null {
    return this.committed;
  }

  /** The generation the projector writes (null before it has started). */
  get activeGeneration(): number | null {
    return this.generation;
  }

  start(): void {
    if (this.running !== null) return;
    this.stopping = new AbortController();
    this.running = this.supervise(this.stopping.signal);
  }

  /** Stops after the batch in flight. */
  async stop(): Promise<void> {
    if (this.running === null) return;
    this.stopping.abort();
    await this.subscription?.stop();
    await this.running;
    this.running = null;
  }

  /**
   * Resolves once every event in the log, the case events the projector appended included, has been
   * projected: for tests, the demo and benchmarks. Rejects after `timeoutMs`.
   */
  async waitUntilCaughtUp(timeoutMs = 60_000): Promise<void> {
    const { store } = this.dependencies;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const committed = this.committed;
      // Counting the lag costs the database time in proportion to it: count only once no readable
      // event is left after the checkpoint, which one indexed row tells.
      if (
        committed !== null &&
        (await store.readAll({ after: committed, limit: 1 })).events.length === 0 &&
        (await store.position(committed)).lag === 0
      )
        return;
      if (Date.now() > deadline) throw new Error(`the projection did not catch up within ${timeoutMs} ms`);
      await sleep(20);
    }
  }

  private async supervise(signal: AbortSignal): Promise<void> {
    const sql = sqlOf(this.dependencies.dataSource);
    let failures = 0;
    while (!signal.aborted) {
      try {
        const tables = await activeGeneration(sql);
        const projection = new GenerationProjection(this.dependencies, tables, 'active');
        let after = await tables.readCheckpoint(sql);
        this.generation = tables.generation;
        this.committed = after;
        if (signal.aborted) break;
        const subscription = this.dependencies.store.subscribeToAll(
          async (events, checkpoint) => {
            const summary = await projection.projectBatch(events, checkpoint, after);
            after = checkpoint;
            this.committed = checkpoint;
            failures = 0;
            this.options.onCommitted?.({ events, checkpoint, summary });
            this.publish(events);
          },
          { after, batchSize: this.options.batchSize },
        );
        this.subscription = subscription;
        await subscription.done;
      } catch (error) {
        if (signal.aborted) break;
        if (error instanceof GenerationSwitched || error instanceof CheckpointMoved) {
          this.logger.log(`${error.message}: resubscribing`);
          continue;
        }
        failures += 1;
        const delay = Math.min(this.options.restartDelayMs * 2 ** (failures - 1), MAX_RESTART_DELAY_MS);
        this.logger.error(
          `projection failed (attempt ${failures}), resubscribing in ${delay} ms: ${error instanceof Error ? error.message : String(error)}`,
          error instanceof Error ? error.stack : undefined,
        );
        await sleep(delay, signal);
      } finally {
        this.subscription = null;
      }
    }
  }

  /** The batch's case events are in the read models now: tell the case workflow (deadline jobs). */
  private publish(events: readonly RecordedEvent[]): void {
    if (this.eventBus === null) return;
    const caseEvents = events.filter(
      (event) => event.streamId.startsWith('case-') && isCaseEventType(event.type),
    );
    if (caseEvents.length > 0) this.eventBus.publish(new CaseEventsProjected(caseEvents));
  }
}
