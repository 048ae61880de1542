import request from 'supertest';
import { signToken } from '@monitoring/auth';
import { DEVELOPMENT_JWT_SECRET } from '@monitoring/config';
import type { ApplicationDefinition } from '@monitoring/platform';
import { closedPort, createRedisPrefix, createTestDatabase, type TestDatabase } from '@monitoring/testing';
import { allInOneApplication } from '../../apps/all-in-one/src/all-in-one.application';
import { ingestApplication } from '../../apps/ingest/src/ingest.application';
import { monitorApplication } from '../../apps/monitor/src/monitor.application';
import { reportingApplication } from '../../apps/reporting/src/reporting.application';
import { mappedRoutes, startTestApp, type TestApp } from './support/test-app';
import { startTcpProxy } from './support/tcp-proxy';

interface HealthBody {
  status: 'ok' | 'error';
  details: Record<string, { status: 'up' | 'down'; [key: string]: unknown }>;
}

describe('GET /api/v1/health', () => {
  let db: TestDatabase;
  const redis = createRedisPrefix('health');
  const running: TestApp[] = [];

  async function start(
    definition: ApplicationDefinition,
    env: Record<string, string> = {},
  ): Promise<TestApp> {
    const app = await startTestApp(
      definition,
      { DATABASE_URL: db.url, REDIS_PREFIX: redis.prefix, ...env },
      { captureLogs: true },
    );
    running.push(app);
    return app;
  }

  beforeAll(async () => {
    db = await createTestDatabase('health');
  });

  afterEach(async () => {
    await Promise.all(running.splice(0).map((app) => app.close()));
  });

  afterAll(async () => {
    await redis.cleanup();
    await db.drop();
  });

  it('answers 200 with liveness, database and redis up when the all-in-one process runs', async () => {
    const { app } = await start(allInOneApplication);
    const response = await request(app.getHttpServer()).get('/api/v1/health').expect(200);
    const body = response.body as HealthBody;
    expect(body.status).toBe('ok');
    expect(body.details.liveness).toMatchObject({ status: 'up', service: 'all-in-one' });
    expect(body.details.database).toEqual({ status: 'up' });
    expect(body.details.redis).toEqual({ status: 'up' });
  });

  it.each([ingestApplication, monitorApplication, reportingApplication])(
    'answers 200 from the $service service started alone',
    async (definition) => {
      const { app, logs } = await start(definition);
      const response = await request(app.getHttpServer()).get('/api/v1/health').expect(200);
      expect((response.body as HealthBody).details.liveness).toMatchObject({
        status: 'up',
        service: definition.service,
      });
      expect(mappedRoutes(logs).filter((route) => route === 'GET /api/v1/health')).toHaveLength(1);
    },
  );

  it('serves every route once when the three services share one process', async () => {
    const { logs } = await start(allInOneApplication);
    const routes = mappedRoutes(logs);
    expect(routes).toContain('GET /api/v1/health');
    expect(new Set(routes).size).toBe(routes.length);
  });

  it('answers 503 with the database down when PostgreSQL goes away', async () => {
    const proxy = await startTcpProxy('127.0.0.1', 5432);
    const viaProxy = new URL(db.url);
    viaProxy.port = String(proxy.port);
    const { app } = await start(allInOneApplication, { DATABASE_URL: viaProxy.toString() });
    await request(app.getHttpServer()).get('/api/v1/health').expect(200);

    await proxy.close();

    const response = await request(app.getHttpServer()).get('/api/v1/health').expect(503);
    const body = response.body as HealthBody;
    expect(body.status).toBe('error');
    expect(body.details.database.status).toBe('down');
    expect(String(body.details.database.message)).toMatch(/ECONNREFUSED|terminated|Connection/i);
    expect(body.details.redis).toEqual({ status: 'up' });
    expect(body.details.liveness.status).toBe('up');
  });

  it('starts without Redis and answers 503 with redis down', async () => {
    const { app } = await start(allInOneApplication, {
      REDIS_URL: `redis://127.0.0.1:${await closedPort()}`,
    });
    const response = await request(app.getHttpServer()).get('/api/v1/health').expect(503);
    const body = response.body as HealthBody;
    expect(body.details.redis.status).toBe('down');
    expect(body.details.database).toEqual({ status: 'up' });
  });

  describe('with HEALTH_PUBLIC=false', () => {
    const tokenFor = (role: 'admin' | 'county_officer') =>
      signToken({ sub: `${role}-1`, role, region: '41' }, DEVELOPMENT_JWT_SECRET);

    it('wants an admin token', async () => {
      const { app } = await start(allInOneApplication, { HEALTH_PUBLIC: 'false' });
      const server = app.getHttpServer();
      await request(server).get('/api/v1/health').expect(401);
      await request(server)
        .get('/api/v1/health')
        .auth(tokenFor('county_officer'), { type: 'bearer' })
        .expect(403);
      await request(server).get('/api/v1/health').auth(tokenFor('admin'), { type: 'bearer' }).expect(200);
    });
  });
});
