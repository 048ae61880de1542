import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { verifyToken } from '@monitoring/auth';
import { DEVELOPMENT_JWT_SECRET } from '@monitoring/config';
import { createRedisPrefix, createTestDatabase, type TestDatabase } from '@monitoring/testing';
import { reportingApplication } from '../../apps/reporting/src/reporting.application';
import { startTestApp, type TestApp } from './support/test-app';

/** The reporting app serves the console's files without a token, and the development login only when enabled. */
describe('the console as the reporting app serves it', () => {
  let db: TestDatabase;
  const redis = createRedisPrefix('console_serving');
  const exchangeDir = mkdtempSync(join(tmpdir(), 'console-serving-'));
  let enabled: TestApp;
  let disabled: TestApp;

  beforeAll(async () => {
    execFileSync(process.execPath, ['apps/console/build.mjs'], { stdio: 'ignore' });
    db = await createTestDatabase('console_serving');
    const env = { DATABASE_URL: db.url, REDIS_PREFIX: redis.prefix, EXCHANGE_DIR: exchangeDir };
    enabled = await startTestApp(reportingApplication, { ...env, AUTH_DEV_LOGIN: 'true' });
    disabled = await startTestApp(reportingApplication, env);
  });

  afterAll(async () => {
    await enabled?.close();
    await disabled?.close();
    await redis.cleanup();
    await db.drop();
    rmSync(exchangeDir, { recursive: true, force: true });
  });

  it('answers index.html for every page of the console, never cached, with a strict script policy', async () => {
    for (const path of [
      '/console',
      '/console/',
      '/console/queue',
      '/console/cases/2b1c0a52-3c1d-5e2f-9a4b-6c7d8e9f0a1b',
    ]) {
      const response = await request(disabled.app.getHttpServer()).get(path);
      expect([path, response.status]).toEqual([path, 200]);
      expect(response.headers['content-type']).toMatch(/text\/html/);
      expect(response.text).toContain('<div id="app"></div>');
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    }
  });

  it('serves the hashed assets for a year and answers 404 for files that do not exist', async () => {
    const main = readdirSync('dist/console/assets').find((name) => /^main-.*\.js$/.test(name));
    const asset = await request(disabled.app.getHttpServer()).get(`/console/assets/${main}`).expect(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    await request(disabled.app.getHttpServer()).get('/console/assets/main-NOPE.js').expect(404);
  });

  it('keeps the data behind the token: the API still answers 401 without one', async () => {
    await request(disabled.app.getHttpServer()).get('/api/v1/cases').expect(401);
  });

  it('answers the development login like a route that does not exist when AUTH_DEV_LOGIN is off', async () => {
    const server = disabled.app.getHttpServer();
    const unknown = await request(server).get('/api/v1/auth/no-such-route').expect(404);
    const list = await request(server).get('/api/v1/auth/dev-login').expect(404);
    const login = await request(server)
      .post('/api/v1/auth/dev-login')
      .send({ sub: 'dev-bureau' })
      .expect(404);
    expect(list.body).toEqual({ ...unknown.body, message: 'Cannot GET /api/v1/auth/dev-login' });
    expect(login.body.message).toBe('Cannot POST /api/v1/auth/dev-login');
    expect(login.body.token).toBeUndefined();
  });

  it('lists the sample users and signs a valid token for one when AUTH_DEV_LOGIN=true', async () => {
    const server = enabled.app.getHttpServer();
    const list = await request(server).get('/api/v1/auth/dev-login').expect(200);
    expect(
      list.body.users.map((user: { role: string; region: string }) => `${user.role}:${user.region}`),
    ).toEqual(['province_staff:41', 'county_officer:410423', 'county_officer:410522', 'bureau:41']);
    const login = await request(server)
      .post('/api/v1/auth/dev-login')
      .send({ sub: 'dev-officer-410522' })
      .expect(200);
    expect(verifyToken(login.body.token, DEVELOPMENT_JWT_SECRET)).toEqual({
      sub: 'dev-officer-410522',
      role: 'county_officer',
      region: '410522',
    });
    const refused = await request(server).post('/api/v1/auth/dev-login').send({ sub: 'admin' }).expect(400);
    expect(refused.body.message).toMatch(/one of the sample users/);
    await request(server).post('/api/v1/auth/dev-login').send('not json').expect(400);
  });

  it('leaves the development login out of the OpenAPI document', async () => {
    const document = await request(enabled.app.getHttpServer()).get('/docs-json').expect(200);
    expect(Object.keys(document.body.paths).some((path) => path.includes('dev-login'))).toBe(false);
  });
});
