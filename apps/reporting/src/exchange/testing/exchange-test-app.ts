import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Global, Module, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule, signToken, type AuthUser } from '@monitoring/auth';
import {
  caseIdFor,
  caseStreamId,
  decideCase,
  evolveCase,
  householdStreamId,
  initialCaseState,
  upcastCaseEvent,
  type CaseCommand,
  type HouseholdEvent,
} from '@monitoring/domain';
import { EVENT_STORE, EventStoreModule, type EventStore } from '@monitoring/event-store';
import { API_PREFIX } from '@monitoring/platform';
import { CLOCK, ManualClock } from '@monitoring/platform/clock';
import {
  createRedisPrefix,
  createTestDatabase,
  TEST_REDIS_URL,
  type TestDatabase,
} from '@monitoring/testing';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { MONITOR_MIGRATIONS } from '../../../../monitor/src/read-models';
import { EXCHANGE_ENTITIES, EXCHANGE_MIGRATIONS, ExchangeModule } from '../../exchange.module';

export const TEST_JWT_SECRET = 'exchange-tests-secret-of-at-least-32-characters';

export interface ExchangeTestAppOptions {
  label: string;
  cron?: string;
  timeZone?: string;
}

/**
 * The exchange module as the root provides it: TypeORM on a fresh database (the monitor's and the
 * exchange's migrations), the PostgreSQL event store, a manual clock, the global auth guard, BullMQ
 * under a suite-own Redis prefix and a scratch exchange directory.
 */
export class ExchangeTestApp {
  private constructor(
    readonly db: TestDatabase,
    readonly app: INestApplication,
    readonly clock: ManualClock,
    readonly dir: string,
    readonly redisPrefix: string,
    private readonly cleanupRedis: () => Promise<void>,
  ) {}

  static async start(options: ExchangeTestAppOptions): Promise<ExchangeTestApp> {
    const db = await createTestDatabase(options.label);
    const redis = createRedisPrefix(options.label);
    const dir = await mkdtemp(join(tmpdir(), 'exchange-test-'));
    const clock = new ManualClock('2026-07-06T02:00:00+08:00');
    try {
      @Global()
      @Module({ providers: [{ provide: CLOCK, useValue: clock }], exports: [CLOCK] })
      class TestClockModule {}

      const moduleRef = await Test.createTestingModule({
        imports: [
          TypeOrmModule.forRoot({
            type: 'postgres',
            url: db.url,
            entities: EXCHANGE_ENTITIES,
            migrations: [...MONITOR_MIGRATIONS, ...EXCHANGE_MIGRATIONS],
            migrationsRun: true,
            migrationsTransactionMode: 'each',
            synchronize: false,
            extra: { max: 6 },
          }),
          EventStoreModule.forRoot({ kind: 'postgres', databaseUrl: db.url, poolSize: 4 }),
          AuthModule.forRootAsync({ useFactory: () => ({ secret: TEST_JWT_SECRET }) }),
          TestClockModule,
          ExchangeModule.forRootAsync({
            useFactory: () => ({
              dir,
              cron: options.cron,
              timeZone: options.timeZone,
              redis: { url: TEST_REDIS_URL, prefix: redis.prefix },
            }),
          }),
        ],
      }).compile();
      const app = moduleRef.createNestApplication({ logger: ['error', 'warn'] });
      app.setGlobalPrefix(API_PREFIX);
      await app.init();
      return new ExchangeTestApp(db, app, clock, dir, redis.prefix, () => redis.cleanup());
    } catch (error) {
      await db.drop();
      await redis.cleanup();
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
  }

  get store(): EventStore {
    return this.app.get<EventStore>(EVENT_STORE);
  }

  get dataSource(): DataSource {
    return this.app.get<DataSource>(getDataSourceToken());
  }

  /** A request as this user (no user: without a token). */
  call(method: 'get' | 'post', path: string, user?: AuthUser): request.Test {
    const call = request(this.app.getHttpServer())[method](path);
    return user === undefined
      ? call
      : call.set('Authorization', `Bearer ${signToken(user, TEST_JWT_SECRET)}`);
  }

  async register(event: HouseholdEvent): Promise<void> {
    await this.store.appendToStream(householdStreamId(event.data.householdId), [event], 'any');
  }

  /** Runs case commands through the domain's decider, appending what it decides. */
  async decide(householdId: string, ...commands: CaseCommand[]): Promise<void> {
    const streamId = caseStreamId(caseIdFor(householdId, 1));
    for (const command of commands) {
      const stored = await this.store.readStream(streamId);
      const state = stored.map(upcastCaseEvent).reduce(evolveCase, initialCaseState());
      const events = decideCase(command, state);
      await this.store.appendToStream(streamId, events, stored.length === 0 ? 'no_stream' : stored.length);
    }
  }

  async close(): Promise<void> {
    try {
      await this.app.close();
    } finally {
      await this.db.drop();
      await this.cleanupRedis();
      await rm(this.dir, { recursive: true, force: true });
    }
  }
}

export const USERS = {
  provinceStaff: { sub: 'province-staff-zhao', role: 'province_staff', region: '41' },
  countyOfficer: { sub: 'county-officer-li', role: 'county_officer', region: '410423' },
  bureau: { sub: 'bureau-zhou', role: 'bureau', region: '41' },
  admin: { sub: 'admin-wu', role: 'admin', region: '41' },
  ingest: { sub: 'ingest-medical-insurance', role: 'ingest', region: '41' },
} as const satisfies Record<string, AuthUser>;
