import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  aClaimRecord,
  anIncomeAssessment,
  DEFAULT_NOW,
} from '@monitoring/domain/testing/source-records.builder';
import { createTestDatabase, type TestDatabase } from '@monitoring/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { bearer, createIngestTestApp } from '../testing/ingest-test-app';
import { rejectedRows } from '../testing/ingest-test-context';

const BODY_LIMIT_BYTES = 16 * 1024;
const MAX_RECORDS = 5;

describe('POST /api/v1/ingest/{feed}', () => {
  let database: TestDatabase;
  let app: NestExpressApplication;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase('ingest_http');
    app = await createIngestTestApp(
      database.url,
      {
        kafka: { brokers: [], topicPrefix: 'monitoring.', clientId: 'test', groupId: 'test' },
        http: { maxRecords: MAX_RECORDS },
        clock: () => new Date(DEFAULT_NOW),
      },
      BODY_LIMIT_BYTES,
    );
    dataSource = app.get(DataSource);
  });

  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  const post = (feed: string, role: Parameters<typeof bearer>[0] = 'ingest') =>
    request(app.getHttpServer()).post(`/api/v1/ingest/${feed}`).set('Authorization', bearer(role));

  it('answers per record: accepted, duplicates, and rejected with index and reason', async () => {
    const claims = [aClaimRecord().build(), aClaimRecord().build()];
    const unbalanced = aClaimRecord().withTotal(3_600_000).build();

    const first = await post('claims').send({ records: [claims[0], unbalanced, claims[1], 'not a record'] });

    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      accepted: 2,
      duplicates: 0,
      rejected: [
        {
          index: 1,
          reason: expect.stringMatching(/totalFen: is .* but the payers and out-of-pocket add up to/),
        },
        { index: 3, reason: expect.any(String) },
      ],
    });

    const again = await post('claims', 'admin').send({ records: [claims[1], claims[0], claims[0]] });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ accepted: 0, duplicates: 3, rejected: [] });
  });

  it('keeps rejected records in rejected_messages with the index and the caller', async () => {
    const record = anIncomeAssessment().build();
    const response = await post('claims', 'ingest').send({ records: [record] });

    expect(response.body.rejected).toHaveLength(1);
    const rows = await rejectedRows(dataSource);
    expect(rows.at(-1)).toMatchObject({
      path: 'http',
      topic: 'claims',
      http_index: 0,
      sender: 'ingest-user',
      record_type: 'income_assessed',
      source_id: record.sourceId,
      category: 'invalid',
    });
  });

  it('takes an empty list', async () => {
    const response = await post('income').send({ records: [] });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ accepted: 0, duplicates: 0, rejected: [] });
  });

  it('needs a token for role ingest or admin', async () => {
    const anonymous = await request(app.getHttpServer()).post('/api/v1/ingest/claims').send({ records: [] });
    expect(anonymous.status).toBe(401);
    const officer = await post('claims', 'county_officer').send({ records: [] });
    expect(officer.status).toBe(403);
  });

  it('answers 404 for a feed that does not exist', async () => {
    const response = await post('weather').send({ records: [] });
    expect(response.status).toBe(404);
    expect(response.body.message).toMatch(/the feeds are registry, income, claims/);
  });

  it.each([
    ['an array', [aClaimRecord().build()], /\{"records": \[\.\.\.\]\}/],
    ['an object without records', { record: [] }, /\{"records": \[\.\.\.\]\}/],
    ['records that are no array', { records: { a: 1 } }, /"records" should be an array/],
    ['an extra member', { records: [], dryRun: true }, /unknown member\(s\) "dryRun"/],
  ])('answers 400 for a body that is %s', async (_case, body, message) => {
    const response = await post('claims').send(body as object);
    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(message);
  });

  it('answers 400 in JSON for malformed JSON', async () => {
    const response = await post('claims').set('Content-Type', 'application/json').send('{"records": [');
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: expect.stringMatching(/^the request body is not valid JSON: /),
    });
  });

  it('answers 415 for a body that is not JSON', async () => {
    const response = await post('claims').set('Content-Type', 'text/plain').send('records');
    expect(response.status).toBe(415);
  });

  it('answers 413 beyond the body limit, and appends nothing', async () => {
    const before = (await request(app.getHttpServer()).get('/metrics')).text;
    const records = Array.from({ length: 4 }, () =>
      aClaimRecord()
        .with({ diagnosisCode: 'x'.repeat(5_000) })
        .build(),
    );

    const response = await post('claims').send({ records });

    expect(response.status).toBe(413);
    expect(response.body).toEqual({
      statusCode: 413,
      error: 'Payload Too Large',
      message: `the request body is larger than the limit of ${BODY_LIMIT_BYTES} bytes: send fewer records per request`,
    });
    expect((await request(app.getHttpServer()).get('/metrics')).text).toBe(before);
  });

  it('answers 413 beyond the record-count limit, saying the limit', async () => {
    const response = await post('claims').send({
      records: Array.from({ length: MAX_RECORDS + 1 }, () => aClaimRecord().build()),
    });
    expect(response.status).toBe(413);
    expect(response.body.message).toBe('6 records in one request; at most 5 are taken: split the batch');
  });

  it('exposes the outcomes on /metrics', async () => {
    const response = await request(app.getHttpServer()).get('/metrics');
    expect(response.status).toBe(200);
    expect(response.text).toMatch(/ingest_records_accepted_total\{path="http",topic="claims"\} 2/);
    expect(response.text).toMatch(/ingest_records_duplicate_total\{path="http",topic="claims"\} 3/);
    expect(response.text).toMatch(
      /ingest_records_rejected_total\{path="http",topic="claims",category="invalid"\} 3/,
    );
    expect(response.text).toMatch(/ingest_append_batch_duration_seconds_count\{path="http"\} \d+/);
  });

  it('answers 503 with Retry-After while the event store is unavailable, and rejects nothing', async () => {
    const rejectedBefore = (await rejectedRows(dataSource)).length;
    await dataSource.query('ALTER TABLE events RENAME TO events_hidden');
    try {
      const response = await post('claims').send({ records: [aClaimRecord().build()] });
      expect(response.status).toBe(503);
      expect(response.headers['retry-after']).toBe('5');
      expect(response.body.message).toMatch(/resend the request later/);
    } finally {
      await dataSource.query('ALTER TABLE events_hidden RENAME TO events');
    }
    expect(await rejectedRows(dataSource)).toHaveLength(rejectedBefore);
  });
});
