import {
  Global,
  Module,
  type DynamicModule,
  type INestApplication,
  type ValueProvider,
} from '@nestjs/common';
import { CqrsModule, EventBus } from '@nestjs/cqrs';
import { Test } from '@nestjs/testing';
import { AuthModule, signToken, type Role } from '@monitoring/auth';
import {
  caseIdFor,
  caseStreamId,
  decideCase,
  defaultPolicyDocuments,
  evolveCase,
  formatInstant,
  initialCaseState,
  policyFor,
  upcastCaseEvent,
  type CaseEvent,
  type CaseState,
  type HouseholdState,
} from '@monitoring/domain';
import { anAssessment } from '@monitoring/domain/case/testing/case.builders';
import {
  EVENT_STORE,
  PostgresEventStore,
  type EventStore,
  type RecordedEvent,
} from '@monitoring/event-store';
import { API_PREFIX } from '@monitoring/platform/application/api-prefix';
import { CLOCK, ManualClock } from '@monitoring/platform/clock';
import {
  createRedisPrefix,
  createTestDatabase,
  TEST_REDIS_URL,
  type TestDatabase,
} from '@monitoring/testing';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { CaseWorkflowModule } from '../../case-workflow.module';
import { caseRowOf, foldCaseRecord } from '../../projections/case-record';
import { MONITOR_MIGRATIONS } from '../../read-models';
import { DeadlineScheduler } from '../../deadlines/deadline-scheduler';
import { DeadlineSweep } from '../../deadlines/deadline-sweep';
import { CaseEventsProjected } from '../case-events-projected.event';
import type { CaseWorkflowOptions } from '../case-workflow.options';

/**
 * A running case workflow for integration tests: its own PostgreSQL database (event store and the
 * projection's read models, created by its migrations), its own Redis prefix, a manual clock and the
 * HTTP API. The projector itself (another module) is stood in for by `project(caseId)`, which writes
 * the `monitoring_case` row with the projection's row builder, `saveHousehold`, and
 * `publishProjected`, which publishes what the projector publishes after a batch.
 */

export const TEST_JWT_SECRET = 'case-workflow-test-secret-of-at-least-32-chars';
/** Lushan county, Pingdingshan, Henan: the county of the test cases. */
export const COUNTY = '410423';
export const OTHER_COUNTY = '410402';
export const START = '2025-03-01T09:00:00.000+08:00';
const POLICY = policyFor(`${COUNTY}203201`, START, defaultPolicyDocuments);
export const CASE_POLICY = POLICY.case;
const BEIJING_OFFSET_MINUTES = 480;

@Global()
@Module({})
class TestInfrastructureModule {
  static with(
    store: EventStore,
    clock: ManualClock,
    dataSource: DataSource,
    extra: readonly ValueProvider[],
  ): DynamicModule {
    return {
      module: TestInfrastructureModule,
      providers: [
        { provide: EVENT_STORE, useValue: store },
        { provide: CLOCK, useValue: clock },
        { provide: DataSource, useValue: dataSource },
        ...extra,
      ],
      exports: [EVENT_STORE, CLOCK, DataSource, ...extra.map((provider) => provider.provide)],
    };
  }
}

export interface HarnessOptions {
  label: string;
  workflow?: Partial<CaseWorkflowOptions>;
  /** Wraps the real store (to interleave writers in race tests). */
  wrapStore?: (store: EventStore) => EventStore;
  /** More root providers (what other modules of the monitor would provide). */
  providers?: readonly ValueProvider[];
}

export class CaseWorkflowHarness {
  private constructor(
    readonly app: INestApplication,
    readonly clock: ManualClock,
    /** The real store (unwrapped). */
    readonly store: PostgresEventStore,
    readonly dataSource: DataSource,
    readonly redisPrefix: string,
    private readonly database: TestDatabase,
    private readonly redisCleanup: () => Promise<void>,
  ) {}

  static async start(options: HarnessOptions): Promise<CaseWorkflowHarness> {
    const database = await createTestDatabase(options.label);
    const redis = createRedisPrefix(options.label);
    const store = await PostgresEventStore.open({ connectionString: database.url, pollIntervalMs: 200 });
    // The projection's own schema (its migrations): the sweep and risk elimination read its views.
    const dataSource = new DataSource({
      type: 'postgres',
      url: database.url,
      extra: { max: 5 },
      migrations: [...MONITOR_MIGRATIONS],
      migrationsTableName: 'migrations',
    });
    await dataSource.initialize();
    await dataSource.runMigrations();
    const clock = new ManualClock(START);
    const moduleRef = await Test.createTestingModule({
      imports: [
        TestInfrastructureModule.with(
          options.wrapStore?.(store) ?? store,
          clock,
          dataSource,
          options.providers ?? [],
        ),
        CqrsModule.forRoot(),
        AuthModule.forRootAsync({ useFactory: () => ({ secret: TEST_JWT_SECRET }) }),
        CaseWorkflowModule.forRootAsync({
          useFactory: () => ({
            redis: { url: TEST_REDIS_URL, prefix: redis.prefix },
            timeZone: 'Asia/Shanghai',
            runWorkers: false,
            ...options.workflow,
          }),
        }),
      ],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: ['error', 'warn'] });
    app.setGlobalPrefix(API_PREFIX);
    await app.init();
    return new CaseWorkflowHarness(app, clock, store, dataSource, redis.prefix, database, () =>
      redis.cleanup(),
    );
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.dataSource.destroy();
    await this.store.close();
    await this.redisCleanup();
    await this.database.drop();
  }

  get sweep(): DeadlineSweep {
    return this.app.get(DeadlineSweep);
  }

  get scheduler(): DeadlineScheduler {
    return this.app.get(DeadlineScheduler);
  }

  token(role: Role, region: string, sub = `${role}-${region}`): string {
    return signToken({ sub, role, region }, TEST_JWT_SECRET);
  }

  /** Opens the household's `caseSequence`-th case now (as the process manager would); returns its id. */
  async openCase(householdId: string, caseSequence = 1): Promise<string> {
    const now = this.now();
    const caseId = caseIdFor(householdId, caseSequence);
    const events = decideCase(
      {
        type: 'OpenCase',
        caseId,
        caseSequence,
        assessment: anAssessment().forHousehold(householdId).asOf(now).build(),
        triggerEventIds: [],
        policy: CASE_POLICY,
        now,
      },
      initialCaseState(),
    );
    await this.store.appendToStream(caseStreamId(caseId), events, 'no_stream');
    return caseId;
  }

  /** Appends what `decide` returns for the case as it stands (a rival writer, or a shortcut to a stage). */
  async appendDecided(caseId: string, decide: (state: CaseState) => CaseEvent[]): Promise<void> {
    const events = await this.caseEvents(caseId);
    const state = events.map(upcastCaseEvent).reduce(evolveCase, initialCaseState());
    await this.store.appendToStream(caseStreamId(caseId), decide(state), events.length);
  }

  async caseEvents(caseId: string): Promise<RecordedEvent[]> {
    return this.store.readStream(caseStreamId(caseId));
  }

  async caseState(caseId: string): Promise<CaseState> {
    return (await this.caseEvents(caseId)).map(upcastCaseEvent).reduce(evolveCase, initialCaseState());
  }

  /** Writes the case's `monitoring_case` row from its stream with the projection's own row builder. */
  async project(caseId: string): Promise<void> {
    const events = await this.caseEvents(caseId);
    const record = foldCaseRecord(
      events.map((event) => ({ event: upcastCaseEvent(event), streamPosition: event.streamPosition })),
    );
    if (record === null) throw new Error(`case ${caseId} has no events`);
    const row = caseRowOf(record, defaultPolicyDocuments, this.now());
    await this.replaceRow('monitoring_case', 'case_id', { ...row });
  }

  /** The household's state as the projection keeps it (`household_projection_state`). */
  async saveHousehold(householdId: string, state: HouseholdState): Promise<void> {
    await this.replaceRow('household_projection_state', 'household_id', {
      household_id: householdId,
      region_code: state.registrations[0]?.regionCode ?? null,
      stream_version: 1,
      last_global_position: '1',
      state,
      latest_case_id: null,
      latest_case_state: initialCaseState(),
      latest_case_version: 0,
      previous_alert: false,
      monitored: false,
      last_assessed_at: null,
      next_reassessment_at: null,
      updated_at: this.clock.now(),
    });
  }

  private async replaceRow(view: string, key: string, row: Record<string, unknown>): Promise<void> {
    const columns = Object.keys(row);
    const values = columns.map((column) => {
      const value = row[column];
      return value !== null && typeof value === 'object' && !(value instanceof Date)
        ? JSON.stringify(value)
        : value;
    });
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`DELETE FROM ${view} WHERE ${key} = $1`, [row[key]]);
      await manager.query(
        `INSERT INTO ${view} (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
        values,
      );
    });
  }

  /** Publishes what the projection publishes once it has committed these case events. */
  async publishProjected(caseId: string): Promise<void> {
    this.app.get(EventBus).publish(new CaseEventsProjected(await this.caseEvents(caseId)));
  }

  /** Deletes every queue key under the suite's prefix, as a flushed or lost Redis would. */
  async flushQueues(): Promise<number> {
    const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
    let deleted = 0;
    try {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${this.redisPrefix}:*`, 'COUNT', 1000);
        cursor = next;
        if (keys.length > 0) deleted += await redis.del(...keys);
      } while (cursor !== '0');
    } finally {
      redis.disconnect();
    }
    return deleted;
  }

  /** The clock's time written as the case policy writes it (Beijing time). */
  now(): string {
    return this.timeAt(this.clock.now());
  }

  timeAt(at: Date): string {
    return formatInstant(at.getTime(), BEIJING_OFFSET_MINUTES);
  }
}

/** Polls until `probe` returns a value (not undefined); the test's own timeout bounds the wait. */
export async function eventually<T>(probe: () => Promise<T | undefined>, intervalMs = 50): Promise<T> {
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
