import { Global, Module, type DynamicModule, type INestApplication } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { Test } from '@nestjs/testing';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule, signToken, type AuthUser } from '@monitoring/auth';
import type { MonitoringPolicy } from '@monitoring/domain';
import { EVENT_STORE, EventStoreModule, type EventStore } from '@monitoring/event-store';
import { API_PREFIX } from '@monitoring/platform';
import { CLOCK, ManualClock } from '@monitoring/platform/clock';
import { createTestDatabase, type TestDatabase } from '@monitoring/testing';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { MONITOR_MIGRATIONS } from '../../../monitor/src/read-models';
import { REPORTING_MIGRATIONS, ReportingApiModule, setupOpenApi } from '../reporting-api.module';

export const TEST_JWT_SECRET = 'reporting-tests-secret-of-at-least-32-characters';

export interface ReportingTestAppOptions {
  label: string;
  /** The app's clock (deadlines, overdue, "now"); it can be moved during the test. */
  now?: string;
  /** Serve the OpenAPI document; `after-init` calls setupOpenApi on the initialised app, as main.ts may. */
  openApi?: 'before-init' | 'after-init';
  /** Run the monitor's projector too, so that it fills the read models from the log. */
  withProjector?: boolean;
  /** Policy documents for `ReportingApiModule.forRoot` (default: the module as is, with the shipped ones). */
  policies?: readonly MonitoringPolicy[];
}

/**
 * The reporting API as the root provides it — TypeORM on a fresh database with the monitor's and
 * reporting's migrations, the PostgreSQL event store, a manual clock, the global auth guard. Without
 * the monitor's projector unless asked: most tests write the monitor's read models themselves (see
 * test-projection.ts), so that case histories and times are exactly theirs.
 */
export class ReportingTestApp {
  private constructor(
    readonly db: TestDatabase,
    readonly app: INestApplication,
    readonly clock: ManualClock,
  ) {}

  static async start(options: ReportingTestAppOptions): Promise<ReportingTestApp> {
    const db = await createTestDatabase(options.label);
    const clock = new ManualClock(options.now ?? '2026-11-20T12:00:00+08:00');
    try {
      @Global()
      @Module({ providers: [{ provide: CLOCK, useValue: clock }], exports: [CLOCK] })
      class TestClockModule {}

      const moduleRef = await Test.createTestingModule({
        imports: [
          TypeOrmModule.forRoot({
            type: 'postgres',
            url: db.url,
            autoLoadEntities: true,
            migrations: [...MONITOR_MIGRATIONS, ...REPORTING_MIGRATIONS],
            migrationsRun: true,
            migrationsTransactionMode: 'each',
            synchronize: false,
            extra: { max: 6 },
          }),
          EventStoreModule.forRoot({ kind: 'postgres', databaseUrl: db.url, poolSize: 4 }),
          AuthModule.forRootAsync({ useFactory: () => ({ secret: TEST_JWT_SECRET }) }),
          TestClockModule,
          options.policies === undefined
            ? ReportingApiModule
            : ReportingApiModule.forRoot({ policies: options.policies }),
          ...(options.withProjector ? await monitorProjection() : []),
        ],
      }).compile();
      const app = moduleRef.createNestApplication({ logger: ['error', 'warn'] });
      app.setGlobalPrefix(API_PREFIX);
      if (options.openApi === 'before-init') setupOpenApi(app);
      await app.init();
      if (options.openApi === 'after-init') setupOpenApi(app);
      return new ReportingTestApp(db, app, clock);
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

  /** A GET as this user (no user: without a token). */
  get(path: string, user?: AuthUser): request.Test {
    const call = request(this.app.getHttpServer()).get(path);
    return user === undefined
      ? call
      : call.set('Authorization', `Bearer ${signToken(user, TEST_JWT_SECRET)}`);
  }

  async close(): Promise<void> {
    try {
      await this.app.close();
    } finally {
      await this.db.drop();
    }
  }
}

/**
 * The monitor's projection module, loaded only by the suites that run it, so that the other suites
 * do not depend on the monitor's code beyond its read-model migrations.
 */
async function monitorProjection(): Promise<DynamicModule[]> {
  const { ProjectionModule } = await import('../../../monitor/src/projection.module');
  return [
    CqrsModule.forRoot(),
    ProjectionModule.forRootAsync({
      useFactory: () => ({ autoStart: true, batchSize: 100, restartDelayMs: 50 }),
    }),
  ];
}

/** The readers of the tests: Henan (41), Pingdingshan city (4104), Lushan county (410423) and its neighbour. */
export const USERS: Readonly<
  Record<
    | 'provinceStaff'
    | 'provinceStaffOfCounty'
    | 'countyOfficer'
    | 'otherCountyOfficer'
    | 'bureau'
    | 'admin'
    | 'ingest',
    AuthUser
  >
> = {
  provinceStaff: { sub: 'province-staff-zhao', role: 'province_staff', region: '41' },
  provinceStaffOfCounty: { sub: 'province-staff-qian', role: 'province_staff', region: '410423' },
  countyOfficer: { sub: 'county-officer-li', role: 'county_officer', region: '410423' },
  otherCountyOfficer: { sub: 'county-officer-sun', role: 'county_officer', region: '410425' },
  bureau: { sub: 'bureau-zhou', role: 'bureau', region: '41' },
  admin: { sub: 'admin-wu', role: 'admin', region: '41' },
  ingest: { sub: 'ingest-medical-insurance', role: 'ingest', region: '41' },
};
