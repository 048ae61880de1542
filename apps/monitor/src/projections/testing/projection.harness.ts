import { Global, Module, type INestApplication } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { Test } from '@nestjs/testing';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@monitoring/auth';
import {
  caseStreamId,
  decideCase,
  defaultPolicyDocuments,
  evolveCase,
  formatInstant,
  householdStreamId,
  initialCaseState,
  upcastCaseEvent,
  type CaseEvent,
  type HouseholdEvent,
  type MonitoringPolicy,
  type RecordVerification,
} from '@monitoring/domain';
import { EVENT_STORE, EventStoreModule, type EventStore, type NewEvent } from '@monitoring/event-store';
import { API_PREFIX } from '@monitoring/platform';
import { CLOCK, ManualClock, type Clock } from '@monitoring/platform/clock';
import { createTestDatabase, type TestDatabase } from '@monitoring/testing';
import type { DataSource } from 'typeorm';
import { ProjectionModule } from '../../projection.module';
import { ReassessmentService } from '../../process-manager/reassessment.service';
import { RiskToCaseProcessManager } from '../../process-manager/risk-to-case.process-manager';
import {
  MONITOR_ENTITIES,
  MONITOR_MIGRATIONS,
  READ_MODEL_TABLES,
  type ReadModelTable,
} from '../../read-models';
import { ProjectionRebuilder } from '../../rebuild/projection-rebuilder';
import type { ProjectionFaults } from '../generation.projection';
import { LiveProjector } from '../live.projector';

export const TEST_JWT_SECRET = 'projection-tests-secret-of-at-least-32-characters';

export interface HarnessOptions {
  label: string;
  autoStart?: boolean;
  batchSize?: number;
  faults?: ProjectionFaults;
  policyDocuments?: readonly MonitoringPolicy[];
}

/** The columns that only say when a row was written: left out when read models are compared. */
const WRITE_TIME_COLUMNS = new Set(['updated_at']);

const KEYS: Record<ReadModelTable, string> = {
  household_risk: 'household_id',
  household_projection_state: 'household_id',
  monitoring_case: 'case_id',
  projection_checkpoint: 'name',
};

/**
 * The projection module on a fresh database: TypeORM with the monitor's migrations, the PostgreSQL
 * event store, CQRS, the auth guard and a manual clock, as the monitor's root provides them.
 */
export class ProjectionHarness {
  private constructor(
    readonly db: TestDatabase,
    readonly app: INestApplication,
    private readonly options: HarnessOptions,
  ) {}

  static async start(options: HarnessOptions): Promise<ProjectionHarness> {
    const db = await createTestDatabase(options.label);
    try {
      @Global()
      @Module({
        providers: [{ provide: CLOCK, useValue: new ManualClock('2026-11-23T00:00:00Z') }],
        exports: [CLOCK],
      })
      class TestClockModule {}

      const moduleRef = await Test.createTestingModule({
        imports: [
          TypeOrmModule.forRoot({
            type: 'postgres',
            url: db.url,
            entities: MONITOR_ENTITIES,
            migrations: MONITOR_MIGRATIONS,
            migrationsRun: true,
            synchronize: false,
            extra: { max: 6 },
          }),
          EventStoreModule.forRoot({ kind: 'postgres', databaseUrl: db.url, pollIntervalMs: 200 }),
          CqrsModule.forRoot(),
          AuthModule.forRootAsync({ useFactory: () => ({ secret: TEST_JWT_SECRET }) }),
          TestClockModule,
          ProjectionModule.forRootAsync({
            useFactory: () => ({
              autoStart: options.autoStart ?? true,
              batchSize: options.batchSize ?? 50,
              restartDelayMs: 20,
              ...(options.faults && { faults: options.faults }),
              ...(options.policyDocuments && { policyDocuments: options.policyDocuments }),
            }),
          }),
        ],
      }).compile();
      const app = moduleRef.createNestApplication({ logger: ['error', 'warn'] });
      app.setGlobalPrefix(API_PREFIX);
      await app.init();
      return new ProjectionHarness(db, app, options);
    } catch (error) {
      await db.drop();
      throw error;
    }
  }

  get store(): EventStore {
    return this.app.get<EventStore>(EVENT_STORE);
  }
  get dataSource(): DataSource {
    return this.app.get<DataSource>(getDataSourceToken());
  }
  get projector(): LiveProjector {
    return this.app.get(LiveProjector);
  }
  get reassessment(): ReassessmentService {
    return this.app.get(ReassessmentService);
  }
  get rebuilder(): ProjectionRebuilder {
    return this.app.get(ProjectionRebuilder);
  }

  /** Appends household events as ingest does (one atomic append, any expected version). */
  async append(...events: HouseholdEvent[]): Promise<void> {
    const byStream = new Map<string, NewEvent[]>();
    for (const event of events) {
      const streamId = householdStreamId(event.data.householdId);
      byStream.set(streamId, [...(byStream.get(streamId) ?? []), event]);
    }
    await this.store.appendMany(
      [...byStream].map(([streamId, streamEvents]) => ({
        streamId,
        events: streamEvents,
        expectedVersion: 'any',
      })),
    );
  }

  /** An officer's verification, as the case workflow appends it: decided against the stored stream. */
  async recordVerification(
    caseId: string,
    outcome: 'confirmed' | 'dismissed',
    at: Date,
  ): Promise<CaseEvent[]> {
    const stored = await this.store.readStream(caseStreamId(caseId));
    const state = stored.map(upcastCaseEvent).reduce(evolveCase, initialCaseState());
    if (state.stage === 'none') throw new Error(`case ${caseId} is not opened`);
    const now = formatInstant(at.getTime(), 480);
    const base = {
      caseId,
      commandId: `verify-${caseId}-${outcome}`,
      officer: 'officer-li',
      now,
      visitedAt: now,
    };
    const command: RecordVerification =
      outcome === 'confirmed'
        ? {
            ...base,
            type: 'RecordVerification',
            outcome,
            notes: 'visited',
            confirmedCategory: state.risk.category === 'none' ? 'marginal' : state.risk.category,
          }
        : { ...base, type: 'RecordVerification', outcome, notes: 'income recovered, bill reimbursed' };
    const events = decideCase(command, state);
    await this.store.appendToStream(caseStreamId(caseId), events, stored.length);
    return events;
  }

  caughtUp(): Promise<void> {
    return this.projector.waitUntilCaughtUp(30_000);
  }

  async query<T = Record<string, unknown>>(sql: string, parameters: unknown[] = []): Promise<T[]> {
    return (await this.dataSource.query(sql, parameters)) as T[];
  }

  async risk(householdId: string): Promise<Record<string, unknown> | undefined> {
    const [row] = await this.query(`SELECT * FROM household_risk WHERE household_id = $1`, [householdId]);
    return row;
  }

  async cases(householdId: string): Promise<Record<string, unknown>[]> {
    return this.query(`SELECT * FROM monitoring_case WHERE household_id = $1 ORDER BY case_sequence`, [
      householdId,
    ]);
  }

  /** Every read model of a generation's schema (default: through the views), without write times, sorted by key. */
  async snapshot(schema?: string): Promise<Record<ReadModelTable, Record<string, unknown>[]>> {
    const snapshot = {} as Record<ReadModelTable, Record<string, unknown>[]>;
    for (const table of READ_MODEL_TABLES) {
      const source = schema === undefined ? table : `${schema}.${table}`;
      const rows = await this.query(`SELECT * FROM ${source} ORDER BY ${KEYS[table]}`);
      snapshot[table] = rows.map((row) =>
        Object.fromEntries(Object.entries(row).filter(([column]) => !WRITE_TIME_COLUMNS.has(column))),
      );
    }
    return snapshot;
  }

  /** Empties the active generation's tables (the projector must be stopped): the next start replays from zero. */
  async emptyReadModels(): Promise<void> {
    for (const table of READ_MODEL_TABLES) await this.query(`DELETE FROM ${table}`);
  }

  /**
   * Replays the whole log into emptied read models with another projector and batch size, then hands
   * back to the module's projector.
   */
  async replayFromZero(batchSize: number): Promise<void> {
    await this.projector.stop();
    await this.emptyReadModels();
    const replay = new LiveProjector(
      {
        dataSource: this.dataSource,
        store: this.store,
        clock: this.app.get<Clock>(CLOCK),
        documents: this.options.policyDocuments ?? defaultPolicyDocuments,
        processManager: this.app.get(RiskToCaseProcessManager),
      },
      { autoStart: false, batchSize, restartDelayMs: 20 },
    );
    replay.start();
    try {
      await replay.waitUntilCaughtUp(30_000);
    } finally {
      await replay.stop();
    }
    this.projector.start();
  }

  async countEvents(type?: string): Promise<number> {
    const [row] = await this.query<{ count: string }>(
      type === undefined ? `SELECT count(*) FROM events` : `SELECT count(*) FROM events WHERE type = $1`,
      type === undefined ? [] : [type],
    );
    return Number(row.count);
  }

  async close(): Promise<void> {
    try {
      await this.app.close();
    } finally {
      await this.db.drop();
    }
  }
}
