import { signToken, type AuthUser } from '@monitoring/auth';
import { DEVELOPMENT_JWT_SECRET } from '@monitoring/config';
import { closedPort, TEST_REDIS_URL } from '@monitoring/testing';
import Redis from 'ioredis';
import jwt from 'jsonwebtoken';
import type { DataSource } from 'typeorm';
import { getDataSourceToken } from '@nestjs/typeorm';
import request from 'supertest';
import { CALLERS, SecurityApp } from './support/security-app';

const officer = CALLERS.countyOfficer;

/** Issue 6 at the HTTP level: tokens, security headers, CORS, error bodies. */
describe('HTTP security of the all-in-one process', () => {
  let app: SecurityApp;

  beforeAll(async () => {
    app = await SecurityApp.start('security_http', {
      CORS_ORIGINS: 'https://console.henan.example',
      RATE_LIMIT_READS_PER_MINUTE: '0',
      RATE_LIMIT_INGEST_PER_MINUTE: '0',
    });
  });

  afterAll(async () => {
    await app?.close();
  });

  describe('tokens', () => {
    const queue = '/api/v1/cases';
    const withToken = (token: string) =>
      request(app.server).get(queue).set('Authorization', `Bearer ${token}`);
    const hs256 = (payload: object, secret = DEVELOPMENT_JWT_SECRET) =>
      jwt.sign(payload, secret, { algorithm: 'HS256', expiresIn: 3600 });

    it('accepts a valid token', async () => {
      await withToken(signToken(officer, DEVELOPMENT_JWT_SECRET)).expect(200);
    });

    it.each<[string, () => string, RegExp]>([
      [
        'expired',
        () =>
          signToken(officer, DEVELOPMENT_JWT_SECRET, {
            now: new Date(Date.now() - 2 * 3600_000),
            expiresInSeconds: 3600,
          }),
        /^token expired$/,
      ],
      ['unsigned (alg: none)', () => jwt.sign({ ...officer }, '', { algorithm: 'none' }), /^invalid token/],
      [
        'signed with another secret',
        () => signToken(officer, 'another-secret-of-at-least-32-characters!'),
        /invalid signature/,
      ],
      [
        'signed with HS512',
        () => jwt.sign({ ...officer }, DEVELOPMENT_JWT_SECRET, { algorithm: 'HS512' }),
        /invalid algorithm/,
      ],
      ['missing sub', () => hs256({ role: officer.role, region: officer.region }), /claims: sub/],
      ['missing role', () => hs256({ sub: officer.sub, region: officer.region }), /claims: role/],
      ['missing region', () => hs256({ sub: officer.sub, role: officer.role }), /claims: region/],
      ['with an unknown role', () => hs256({ ...officer, role: 'root' }), /role must be one of/],
      ['not a JWT', () => 'not-a-token', /^invalid token: jwt malformed$/],
    ])('refuses a token %s with 401 and the reason', async (_label, token, reason) => {
      const response = await withToken(token()).expect(401);
      expect(response.body).toMatchObject({ statusCode: 401, message: expect.stringMatching(reason) });
      expect(JSON.stringify(response.body)).not.toContain('"items"');
    });

    it('refuses a request without a bearer token, or with another scheme', async () => {
      await request(app.server).get(queue).expect(401);
      await request(app.server)
        .get(queue)
        .set('Authorization', `Basic ${Buffer.from('admin:admin').toString('base64')}`)
        .expect(401);
      await request(app.server).get(queue).set('Authorization', 'Bearer').expect(401);
    });
  });

  describe('headers', () => {
    it('sends helmet’s security headers and no-store on API answers', async () => {
      const response = await app.get('/api/v1/cases', officer).expect(200);
      expect(response.headers).toMatchObject({
        'content-security-policy': expect.stringContaining("default-src 'self'"),
        'strict-transport-security': expect.stringMatching(/max-age=\d+/),
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'SAMEORIGIN',
        'referrer-policy': 'no-referrer',
        'cache-control': 'no-store',
      });
      // Plain HTTP inside a private network must keep working (/docs' scripts).
      expect(response.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
      expect(response.headers).not.toHaveProperty('x-powered-by');
    });

    it('sends them on refusals and on routes that do not exist', async () => {
      for (const response of [
        await app.get('/api/v1/cases'),
        await app.get('/api/v1/nothing-here', officer),
      ]) {
        expect(response.headers['x-content-type-options']).toBe('nosniff');
        expect(response.headers['content-security-policy']).toBeDefined();
      }
    });
  });

  describe('CORS', () => {
    it('answers a configured origin, with the Authorization header allowed', async () => {
      const preflight = await request(app.server)
        .options('/api/v1/cases')
        .set('Origin', 'https://console.henan.example')
        .set('Access-Control-Request-Method', 'GET')
        .set('Access-Control-Request-Headers', 'authorization');
      expect(preflight.status).toBe(204);
      expect(preflight.headers['access-control-allow-origin']).toBe('https://console.henan.example');
      expect(preflight.headers['access-control-allow-headers']).toMatch(/Authorization/);
    });

    it('gives no CORS headers to another origin', async () => {
      const response = await app
        .get('/api/v1/cases', officer)
        .set('Origin', 'https://evil.example')
        .expect(200);
      expect(response.headers).not.toHaveProperty('access-control-allow-origin');
    });
  });

  describe('errors', () => {
    it('answers an unexpected failure with a generic 500: no stack, no SQL, no table names', async () => {
      const dataSource = app.running.app.get<DataSource>(getDataSourceToken());
      await dataSource.query('ALTER TABLE monitoring_case RENAME TO monitoring_case_away');
      try {
        const response = await app.get('/api/v1/cases', officer);
        expect(response.status).toBe(500);
        expect(response.body).toEqual({ statusCode: 500, message: 'Internal server error' });
        expect(response.text).not.toMatch(/monitoring_case|relation|at \w+ \(|\.ts:\d+/);
      } finally {
        await dataSource.query('ALTER TABLE monitoring_case_away RENAME TO monitoring_case');
      }
    });

    it('answers invalid input with 400 and a message per field', async () => {
      const action = await app
        .post(
          '/api/v1/cases/00000000-0000-4000-8000-000000000000/verification',
          { outcome: 'maybe', visitedAt: 'yesterday' },
          officer,
        )
        .expect(400);
      expect(action.body).toMatchObject({ statusCode: 400, code: 'invalid_body' });
      const fields = (action.body as { issues: { field: string }[] }).issues.map((issue) => issue.field);
      expect(fields).toEqual(expect.arrayContaining(['outcome', 'visitedAt']));

      const query = await app.get('/api/v1/cases?limit=0&overdue=perhaps', officer).expect(400);
      expect((query.body as { issues: { field: string }[] }).issues.map((issue) => issue.field)).toEqual(
        expect.arrayContaining(['limit', 'overdue']),
      );
    });

    it('answers a malformed body with JSON 400, a bad percent-encoding with 400, never HTML', async () => {
      const body = await request(app.server)
        .post('/api/v1/ingest/claims')
        .set('Authorization', `Bearer ${signToken(CALLERS.ingest, DEVELOPMENT_JWT_SECRET)}`)
        .set('Content-Type', 'application/json')
        .send('{"records": [');
      expect(body.status).toBe(400);
      expect(body.headers['content-type']).toMatch(/application\/json/);
      expect(body.text).not.toMatch(/<html|at \w+ \(/i);

      const path = await app.get('/api/v1/households/%E0%A4%A', officer);
      expect(path.status).toBe(400);
      expect(path.headers['content-type']).toMatch(/application\/json/);
      expect(path.text).not.toMatch(/<html|at \w+ \(/i);
    });
  });
});

/** Issue 6: rate limits per token on ingest and reads, counted in Redis. */
describe('rate limits', () => {
  let app: SecurityApp;
  const readsPerMinute = 5;
  const ingestPerMinute = 3;

  beforeAll(async () => {
    app = await SecurityApp.start('security_rate', {
      RATE_LIMIT_READS_PER_MINUTE: String(readsPerMinute),
      RATE_LIMIT_INGEST_PER_MINUTE: String(ingestPerMinute),
    });
  });

  afterAll(async () => {
    await app?.close();
  });

  const read = (user: AuthUser) => app.get('/api/v1/cases', user);
  const ingest = (user: AuthUser) => app.post('/api/v1/ingest/claims', { records: [] }, user);

  it('answers 429 with Retry-After once a token has used its reads, and keeps other tokens apart', async () => {
    for (let i = 0; i < readsPerMinute; i += 1) {
      const response = await read(officer).expect(200);
      expect(response.headers['x-ratelimit-limit']).toBe(String(readsPerMinute));
    }
    const refused = await read(officer).expect(429);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.body).toMatchObject({
      statusCode: 429,
      message: expect.stringMatching(/at most 5 a minute for this token; retry in \d+ s/),
    });
    // Same address, another token: counted on its own (keyed by `sub`, not by address).
    await read(CALLERS.provinceStaff).expect(200);
    // The same reads across routes share one budget.
    await app.get(`/api/v1/stats/regions/410423`, officer).expect(429);
  });

  it('counts ingest requests apart from reads, with their own limit', async () => {
    for (let i = 0; i < ingestPerMinute; i += 1) await ingest(CALLERS.admin).expect(200);
    await ingest(CALLERS.admin).expect(429);
    await read(CALLERS.admin).expect(200);
    await ingest(CALLERS.ingest).expect(200);
  });

  it('never limits health and metrics, nor counts refused tokens', async () => {
    for (let i = 0; i < readsPerMinute + 2; i += 1) {
      await app.get('/api/v1/health').expect(200);
      await app.get('/metrics').expect(200);
      await request(app.server).get('/api/v1/cases').set('Authorization', 'Bearer forged').expect(401);
    }
    await read(CALLERS.bureau).expect(403);
  });

  it('keeps the counters in Redis under the configured prefix, where every copy of the service sees them', async () => {
    const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
    try {
      const keys = await redis.keys(`${app.redisPrefix}:rate-limit:*`);
      expect(keys.length).toBeGreaterThanOrEqual(3);
      await read(officer).expect(429);
      await redis.del(...keys);
      await read(officer).expect(200);
    } finally {
      redis.disconnect();
    }
  });
});

/** Without Redis the limits cannot be counted: reads go on (logged), the health check reports Redis down. */
describe('rate limits while Redis is down', () => {
  let app: SecurityApp;

  beforeAll(async () => {
    app = await SecurityApp.start('security_rate_down', {
      REDIS_URL: `redis://127.0.0.1:${await closedPort()}`,
      RATE_LIMIT_READS_PER_MINUTE: '1',
    });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('lets requests through and says so in the log once', async () => {
    for (let i = 0; i < 3; i += 1) await app.get('/api/v1/cases', officer).expect(200);
    const warnings = app.logs.filter((line) =>
      line.includes('rate limits not enforced while Redis does not answer'),
    );
    expect(warnings).toHaveLength(1);
    await app.get('/api/v1/health').expect(503);
  });
});
