import request from 'supertest';
import { signToken } from '@monitoring/auth';
import { DEVELOPMENT_JWT_SECRET } from '@monitoring/config';
import { aClaimRecord } from '@monitoring/domain/testing/source-records.builder';
import { EVENT_STORE, type EventStore } from '@monitoring/event-store';
import { createRedisPrefix, createTestDatabase, type TestDatabase } from '@monitoring/testing';
import { ingestApplication } from '../../apps/ingest/src/ingest.application';
import { startTestApp, type TestApp } from './support/test-app';

const token = (role: string) =>
  `Bearer ${signToken({ sub: `${role}-1`, role: role as 'ingest', region: '41' }, DEVELOPMENT_JWT_SECRET)}`;

/** The ingest service as `npm run start:ingest` builds it: platform, migrations, metrics, body limit. */
describe('the ingest application', () => {
  let db: TestDatabase;
  const redis = createRedisPrefix('ingest_app');
  let running: TestApp;

  beforeAll(async () => {
    db = await createTestDatabase('ingest_app');
    running = await startTestApp(ingestApplication, {
      DATABASE_URL: db.url,
      REDIS_PREFIX: redis.prefix,
      INGEST_BODY_LIMIT: '8kb',
      INGEST_MAX_RECORDS: '3',
      METRICS_PUBLIC: 'false',
    });
  });

  afterAll(async () => {
    await running?.close();
    await redis.cleanup();
    await db.drop();
  });

  const server = () => running.app.getHttpServer();

  it('appends posted records to the event store and counts them in /metrics', async () => {
    const claim = aClaimRecord().build();
    const first = await request(server())
      .post('/api/v1/ingest/claims')
      .set('Authorization', token('ingest'))
      .send({ records: [claim] });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ accepted: 1, duplicates: 0, rejected: [] });

    const again = await request(server())
      .post('/api/v1/ingest/claims')
      .set('Authorization', token('ingest'))
      .send({ records: [claim] });
    expect(again.body).toEqual({ accepted: 0, duplicates: 1, rejected: [] });

    const store = running.app.get<EventStore>(EVENT_STORE);
    const stream = await store.readStream(`household-${claim.householdId}`);
    expect(stream.map((event) => event.type)).toEqual(['ClaimSettled']);

    const metrics = await request(server()).get('/metrics').set('Authorization', token('admin'));
    expect(metrics.status).toBe(200);
    expect(metrics.text).toMatch(/ingest_records_accepted_total\{[^}]*path="http"[^}]*\} 1\b/);
    expect(metrics.text).toMatch(/ingest_records_duplicate_total\{[^}]*path="http"[^}]*\} 1\b/);
    expect(metrics.text).toMatch(/service="ingest"/);
  });

  it('keeps /metrics for admins when METRICS_PUBLIC=false, outside the /api/v1 prefix', async () => {
    expect((await request(server()).get('/metrics')).status).toBe(401);
    expect((await request(server()).get('/metrics').set('Authorization', token('ingest'))).status).toBe(403);
    expect((await request(server()).get('/api/v1/metrics').set('Authorization', token('admin'))).status).toBe(
      404,
    );
  });

  it('answers 413 in JSON beyond INGEST_BODY_LIMIT and 400 for malformed JSON, never HTML', async () => {
    const big = await request(server())
      .post('/api/v1/ingest/claims')
      .set('Authorization', token('ingest'))
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ records: [{ padding: 'x'.repeat(9 * 1024) }] }));
    expect(big.status).toBe(413);
    expect(big.body).toMatchObject({ statusCode: 413, message: expect.stringMatching(/8192 bytes/) });

    const idNumber = '41042319680412001X';
    const broken = await request(server())
      .post('/api/v1/ingest/claims')
      .set('Authorization', token('ingest'))
      .set('Content-Type', 'application/json')
      .send(`{"records": [{"idNumber": "${idNumber}", }]}`);
    expect(broken.status).toBe(400);
    expect(broken.body.message).toMatch(/not valid JSON/);
    expect(JSON.stringify(broken.body)).not.toContain(idNumber);
  });

  it('refuses more records than INGEST_MAX_RECORDS with 413 and a count', async () => {
    const records = Array.from({ length: 4 }, () => aClaimRecord().build());
    const response = await request(server())
      .post('/api/v1/ingest/claims')
      .set('Authorization', token('ingest'))
      .send({ records });
    expect(response.status).toBe(413);
    expect(response.body.message).toMatch(/3/);
  });
});
