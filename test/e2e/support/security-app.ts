import { signToken, type AuthUser, type Role } from '@monitoring/auth';
import { DEVELOPMENT_JWT_SECRET, type Environment } from '@monitoring/config';
import { createRedisPrefix, createTestDatabase, type TestDatabase } from '@monitoring/testing';
import request from 'supertest';
import { allInOneApplication } from '../../../apps/all-in-one/src/all-in-one.application';
import { startTestApp, type TestApp } from './test-app';

/** The callers of the security suites: Henan province (41), Lushan county (410423) and its neighbour. */
export const CALLERS = {
  provinceStaff: { sub: 'province-staff-zhao', role: 'province_staff', region: '41' },
  countyOfficer: { sub: 'county-officer-li', role: 'county_officer', region: '410423' },
  otherCountyOfficer: { sub: 'county-officer-sun', role: 'county_officer', region: '410425' },
  bureau: { sub: 'bureau-zhou', role: 'bureau', region: '41' },
  ingest: { sub: 'ingest-medical-insurance', role: 'ingest', region: '41' },
  admin: { sub: 'admin-wu', role: 'admin', region: '41' },
} as const satisfies Record<string, AuthUser>;

/** One caller per role, for the route matrix. */
export const CALLER_OF_ROLE: Readonly<Record<Role, AuthUser>> = {
  province_staff: CALLERS.provinceStaff,
  county_officer: CALLERS.countyOfficer,
  bureau: CALLERS.bureau,
  ingest: CALLERS.ingest,
  admin: CALLERS.admin,
};

export const bearer = (user: AuthUser, secret = DEVELOPMENT_JWT_SECRET): string =>
  `Bearer ${signToken(user, secret)}`;

/**
 * The all-in-one process (ingest, monitor with its projector, reporting) on a database and Redis
 * prefix of its own, with logs captured; `close` drops both.
 */
export class SecurityApp {
  private constructor(
    readonly running: TestApp,
    private readonly db: TestDatabase,
    private readonly redis: ReturnType<typeof createRedisPrefix>,
  ) {}

  static async start(label: string, env: Environment = {}): Promise<SecurityApp> {
    const db = await createTestDatabase(label);
    const redis = createRedisPrefix(label);
    try {
      const running = await startTestApp(
        allInOneApplication,
        { DATABASE_URL: db.url, REDIS_PREFIX: redis.prefix, ...env },
        { captureLogs: true },
      );
      return new SecurityApp(running, db, redis);
    } catch (error) {
      await redis.cleanup();
      await db.drop();
      throw error;
    }
  }

  get server(): ReturnType<TestApp['app']['getHttpServer']> {
    return this.running.app.getHttpServer();
  }

  get logs(): string[] {
    return this.running.logs;
  }

  get redisPrefix(): string {
    return this.redis.prefix;
  }

  get(path: string, user?: AuthUser): request.Test {
    const call = request(this.server).get(path);
    return user ? call.set('Authorization', bearer(user)) : call;
  }

  post(path: string, body: unknown, user?: AuthUser): request.Test {
    const call = request(this.server)
      .post(path)
      .send(body as object);
    return user ? call.set('Authorization', bearer(user)) : call;
  }

  /** Waits until the projector has caught up with the log (the projection health answer's lag). */
  async projected(): Promise<void> {
    for (let attempt = 0; attempt < 600; attempt += 1) {
      const response = await this.get('/api/v1/health/projections', CALLERS.admin);
      if (response.status === 200 && (response.body as { lag: number }).lag === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('the projector did not catch up within 30 s');
  }

  async close(): Promise<void> {
    try {
      await this.running.close();
    } finally {
      await this.redis.cleanup();
      await this.db.drop();
    }
  }
}
