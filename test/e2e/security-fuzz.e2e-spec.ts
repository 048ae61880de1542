import { SOURCE_RECORD_TYPES, type SourceTopic } from '@monitoring/domain';
import {
  aClaimRecord,
  aClaimReversal,
  aDisasterReport,
  aDrinkingWaterAssessment,
  aHouseholdRegistration,
  aHousingSafetyAssessment,
  aMemberAddition,
  aMemberRemoval,
  anIncomeAssessment,
  anIncomeChange,
  aSocialAssistanceChange,
} from '@monitoring/domain/testing/source-records.builder';
import { EVENT_STORE, START, type Checkpoint, type EventStore } from '@monitoring/event-store';
import { getDataSourceToken } from '@nestjs/typeorm';
import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import request from 'supertest';
import { bearer, CALLERS, SecurityApp } from './support/security-app';

const RECORDS = 10_000;
const PER_REQUEST = 250;
const SEED = 20261123;

type JsonRecord = Record<string, unknown>;
interface Sent {
  topic: SourceTopic;
  record: unknown;
}

/** Valid records of every kind, from the domain's builders (each with its own sourceId). */
const validRecord = fc.constantFrom<() => JsonRecord>(
  () => aHouseholdRegistration().formerlyPoor().withMembers(3).build(),
  () => aHouseholdRegistration().neverPoor().withMembers(1).build(),
  () => anIncomeAssessment().forYear(2025).netIncome(4_200_000, 3).build(),
  () => anIncomeChange().monthly(120_000).build(),
  () => aClaimRecord().inpatient().diagnosedWith('C34.1').outOfPocket(2_000_000).build(),
  () => aClaimReversal().of(aClaimRecord()).because('corrected upstream').build(),
  () => aMemberAddition().build(),
  () => aMemberRemoval('P000001').build(),
  () => aSocialAssistanceChange('dibao', true).build(),
  () => aDisasterReport(3_000_000).build(),
  () => aHousingSafetyAssessment('C').build(),
  () => aDrinkingWaterAssessment(false).build(),
);

const oddValue = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(-1, 0.5, 1e21, -0, Number.MAX_SAFE_INTEGER + 2, '', ' ', '1000', 'NaN', null, true, [], {}),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    'x'.repeat(5_000),
    '2026-13-45T99:00:00+08:00',
    '2099-01-01T00:00:00+08:00',
    '\u0000',
    '<script>',
  ),
);

/** Mutations of one record: a field dropped, retyped or garbled, a member's ID number or the type changed, or garbage. */
const mutation = fc.oneof(
  { weight: 3, arbitrary: fc.constant((record: JsonRecord) => record) },
  {
    weight: 3,
    arbitrary: fc.nat().map((n) => (record: JsonRecord) => {
      const keys = Object.keys(record);
      const { [keys[n % keys.length]]: _dropped, ...rest } = record;
      return rest;
    }),
  },
  {
    weight: 4,
    arbitrary: fc.tuple(fc.nat(), oddValue).map(([n, value]) => (record: JsonRecord) => {
      const keys = Object.keys(record);
      return { ...record, [keys[n % keys.length]]: value };
    }),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.string({ maxLength: 12 }), oddValue)
      .map(([key, value]) => (record: JsonRecord) => ({
        ...record,
        [key]: value,
      })),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.nat(), fc.nat(17), fc.constantFrom('X', '0', '9', 'a', ''))
      .map(([n, at, char]) => (record: JsonRecord) => {
        const members = Array.isArray(record.members) ? (record.members as JsonRecord[]) : [];
        if (members.length === 0) return record;
        const index = n % members.length;
        const idNumber = String(members[index].idNumber);
        const garbled = idNumber.slice(0, at) + char + idNumber.slice(at + 1);
        return {
          ...record,
          members: members.map((member, i) => (i === index ? { ...member, idNumber: garbled } : member)),
        };
      }),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(...Object.keys(SOURCE_RECORD_TYPES), 'claim', 'DROP TABLE events')
      .map((type) => (record: JsonRecord) => ({ ...record, type })),
  },
  { weight: 1, arbitrary: fc.jsonValue().map((garbage) => () => garbage as JsonRecord) },
);

const topicOf = (record: unknown): SourceTopic | undefined => {
  const type = (record as { type?: unknown } | null)?.type;
  return typeof type === 'string' && Object.hasOwn(SOURCE_RECORD_TYPES, type)
    ? SOURCE_RECORD_TYPES[type as keyof typeof SOURCE_RECORD_TYPES].topic
    : undefined;
};

const sentRecord: fc.Arbitrary<Sent> = fc
  .tuple(
    validRecord,
    mutation,
    fc.constantFrom<SourceTopic | 'own'>('own', 'own', 'own', 'own', 'registry', 'income', 'claims'),
  )
  .map(([make, mutate, topic]) => {
    const record = mutate(make());
    return { topic: topic === 'own' ? (topicOf(record) ?? 'registry') : topic, record };
  });

const sourceIdOf = (record: unknown): unknown => (record as { sourceId?: unknown } | null)?.sourceId;

/**
 * Issue 6: 10,000 random and mutated records thrown at the real ingest endpoints. No 5xx, the
 * process stays up, and the event store holds exactly the records the API said it accepted.
 */
describe('ingest fuzz (all-in-one)', () => {
  let app: SecurityApp;

  beforeAll(async () => {
    app = await SecurityApp.start('security_fuzz', {
      RATE_LIMIT_READS_PER_MINUTE: '0',
      RATE_LIMIT_INGEST_PER_MINUTE: '0',
      INGEST_MAX_RECORDS: String(PER_REQUEST),
    });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('answers every request without a 5xx and stores only what it accepted', async () => {
    const sent = fc.sample(sentRecord, { numRuns: RECORDS, seed: SEED });
    const statuses = new Map<number, number>();
    const acceptedIds = new Set<unknown>();
    const rejectedIds = new Set<unknown>();
    let accepted = 0;
    let duplicates = 0;
    let rejected = 0;

    for (let start = 0; start < sent.length; start += PER_REQUEST) {
      const chunk = sent.slice(start, start + PER_REQUEST);
      for (const topic of ['registry', 'income', 'claims'] as const) {
        const records = chunk.filter((item) => item.topic === topic).map((item) => item.record);
        if (records.length === 0) continue;
        const response = await app.post(`/api/v1/ingest/${topic}`, { records }, CALLERS.ingest);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.status !== 200) continue;
        const body = response.body as {
          accepted: number;
          duplicates: number;
          rejected: { index: number; reason: string }[];
        };
        accepted += body.accepted;
        duplicates += body.duplicates;
        rejected += body.rejected.length;
        const refused = new Set(body.rejected.map((item) => item.index));
        records.forEach((record, index) =>
          (refused.has(index) ? rejectedIds : acceptedIds).add(sourceIdOf(record)),
        );
        for (const item of body.rejected) expect(typeof item.reason).toBe('string');
      }
    }

    expect([...statuses.keys()]).toEqual([200]);
    expect(accepted + duplicates + rejected).toBe(RECORDS);
    // The mix is a real one: a good share of each outcome.
    expect(accepted).toBeGreaterThan(RECORDS / 10);
    expect(rejected).toBeGreaterThan(RECORDS / 10);

    const stored = await householdEvents(app.running.app.get<EventStore>(EVENT_STORE), accepted);
    expect(stored.length).toBe(accepted);
    for (const event of stored) expect(acceptedIds.has(event.sourceId)).toBe(true);
    const storedIds = new Set(stored.map((event) => event.sourceId));
    for (const id of rejectedIds) {
      if (!acceptedIds.has(id)) expect(storedIds.has(id as string)).toBe(false);
    }

    const dataSource = app.running.app.get<DataSource>(getDataSourceToken());
    const [{ count }] = (await dataSource.query(
      `SELECT count(*)::int AS count FROM rejected_messages WHERE path = 'http'`,
    )) as { count: number }[];
    expect(count).toBe(rejected);

    await app.get('/api/v1/health').expect(200);
  }, 90_000);

  it('answers random request bodies with 4xx, never 5xx', async () => {
    const bodies = fc.sample(
      fc.oneof(
        fc.jsonValue(),
        fc.record({ records: fc.jsonValue() }),
        fc.dictionary(fc.string(), fc.jsonValue()),
      ),
      { numRuns: 300, seed: SEED },
    );
    const statuses = new Set<number>();
    for (const [index, body] of bodies.entries()) {
      const topic = ['registry', 'income', 'claims', 'nothing'][index % 4];
      const response = await request(app.server)
        .post(`/api/v1/ingest/${topic}`)
        .set('Authorization', bearer(CALLERS.ingest))
        .set('Content-Type', 'application/json')
        .send(JSON.stringify(body));
      statuses.add(response.status);
      expect(response.status).toBeLessThan(500);
      expect(response.headers['content-type']).toMatch(/application\/json/);
    }
    expect([...statuses].some((status) => status >= 400)).toBe(true);
    await app.get('/api/v1/health').expect(200);
  }, 60_000);
});

/**
 * The household events of the global log, once at least `expected` are visible: readers of the log
 * see a commit only when every older transaction of the cluster has ended, and other suites' open
 * transactions can hold that horizon back for a moment.
 */
async function householdEvents(
  store: EventStore,
  expected: number,
): Promise<{ sourceId: string | undefined }[]> {
  const events: { sourceId: string | undefined }[] = [];
  let after: Checkpoint = START;
  for (let idle = 0; idle < 300;) {
    const page = await store.readAll({ after, limit: 1_000 });
    for (const event of page.events) {
      if (event.streamId.startsWith('household-')) events.push({ sourceId: event.metadata.sourceId });
    }
    after = page.checkpoint;
    if (page.events.length > 0) continue;
    if (events.length >= expected) return events;
    idle += 1;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return events;
}
