import { householdStreamId } from '@monitoring/domain';
import {
  aClaimRecord,
  aClaimReversal,
  aHouseholdRegistration,
  aMember,
  anIncomeAssessment,
  DEFAULT_NOW,
} from '@monitoring/domain/testing/source-records.builder';
import {
  metricValue,
  openIngestTestContext,
  rejectedRows,
  type IngestTestContext,
} from '../testing/ingest-test-context';
import type { IngestBatch, IngestItem } from './ingest-batch';
import { IngestAbandonedError, StoreUnavailableError, type RetryPolicy } from './retry-policy';

const FAST_RETRY: RetryPolicy = { initialDelayMs: 5, maxDelayMs: 20, maxAttempts: 50 };

const httpItems = (records: unknown[]): IngestItem[] =>
  records.map((value, index) => ({
    origin: { path: 'http', index, sender: 'tester' },
    content: { readable: true, value },
  }));

const claimsBatch = (records: unknown[]): IngestBatch => ({
  path: 'http',
  topic: 'claims',
  items: httpItems(records),
});

describe('IngestPipeline against PostgreSQL', () => {
  let context: IngestTestContext;

  beforeEach(async () => {
    context = await openIngestTestContext('ingest_pipeline', () => new Date(DEFAULT_NOW));
  });
  afterEach(async () => {
    await context.close();
  });

  it('appends valid records as household events, in arrival order within a household', async () => {
    const household = aHouseholdRegistration().withMembers(2);
    const first = aClaimRecord().forHousehold(household).settledAt('2025-03-02T10:00:00+08:00').build();
    const second = aClaimRecord().forHousehold(household).settledAt('2025-03-01T10:00:00+08:00').build();
    const other = aClaimRecord().build();

    const outcome = await context.pipeline.ingest(claimsBatch([first, other, second]), { retry: FAST_RETRY });

    expect(outcome).toMatchObject({ accepted: 3, duplicates: 0, rejected: 0 });
    expect(outcome.outcomes).toEqual([
      { status: 'accepted' },
      { status: 'accepted' },
      { status: 'accepted' },
    ]);
    const stream = await context.eventStore.readStream(householdStreamId(household.householdId));
    expect(stream.map((event) => event.metadata.sourceId)).toEqual([first.sourceId, second.sourceId]);
    expect(stream[0]).toMatchObject({ type: 'ClaimSettled', metadata: { source: 'medical_insurance' } });
    expect(await context.eventCount()).toBe(3);
  });

  it('appends nothing for a batch received again: every record is a duplicate', async () => {
    const records = [aClaimRecord().build(), aClaimRecord().build(), aClaimReversal().build()];
    await context.pipeline.ingest(claimsBatch(records), { retry: FAST_RETRY });

    const again = await context.pipeline.ingest(claimsBatch(records), { retry: FAST_RETRY });

    expect(again).toMatchObject({ accepted: 0, duplicates: 3, rejected: 0 });
    expect(await context.eventCount()).toBe(3);
    expect(
      await metricValue(context.registry, 'ingest_records_duplicate_total', {
        path: 'http',
        topic: 'claims',
      }),
    ).toBe(3);
    expect(
      await metricValue(context.registry, 'ingest_records_accepted_total', { path: 'http', topic: 'claims' }),
    ).toBe(3);
  });

  it('counts a record repeated within one batch once as accepted and once as duplicate', async () => {
    const claim = aClaimRecord().build();
    const reordered = Object.fromEntries(Object.entries(claim).reverse());

    const outcome = await context.pipeline.ingest(claimsBatch([claim, aClaimRecord().build(), reordered]), {
      retry: FAST_RETRY,
    });

    expect(outcome.outcomes).toEqual([
      { status: 'accepted' },
      { status: 'accepted' },
      { status: 'duplicate' },
    ]);
    expect(await context.eventCount()).toBe(2);
  });

  it('rejects invalid records with their reasons, stores them in rejected_messages, and appends the rest', async () => {
    const valid = aClaimRecord().build();
    const unbalanced = aClaimRecord().withTotal(3_600_000).build();
    const wrongFeed = anIncomeAssessment().build();
    const items: IngestItem[] = [
      ...httpItems([valid, unbalanced, wrongFeed]),
      {
        origin: { path: 'http', index: 3 },
        content: { readable: false, reason: 'not valid JSON: Unexpected end' },
        text: '{"ty',
      },
    ];

    const outcome = await context.pipeline.ingest(
      { path: 'http', topic: 'claims', items },
      { retry: FAST_RETRY },
    );

    expect(outcome).toMatchObject({ accepted: 1, duplicates: 0, rejected: 3 });
    expect(outcome.outcomes[1]).toEqual({
      status: 'rejected',
      category: 'invalid',
      reason: expect.stringMatching(/^totalFen: is .* but the payers and out-of-pocket add up to/),
      recordType: 'claim_settled',
      sourceId: unbalanced.sourceId,
    });
    expect(outcome.outcomes[2]).toMatchObject({
      status: 'rejected',
      category: 'invalid',
      recordType: 'income_assessed',
    });
    expect(outcome.outcomes[3]).toMatchObject({ status: 'rejected', category: 'unreadable' });
    expect(await context.eventCount()).toBe(1);

    const rows = await rejectedRows(context.dataSource);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({
      path: 'http',
      topic: 'claims',
      http_index: 1,
      sender: 'tester',
      record_type: 'claim_settled',
      source_id: unbalanced.sourceId,
      household_id: unbalanced.householdId,
      category: 'invalid',
      reason: (outcome.outcomes[1] as { reason: string }).reason,
      kafka_topic: null,
      file_line: null,
      delivery_key: null,
    });
    expect(JSON.parse(rows[0].payload as string)).toEqual(unbalanced);
    expect(rows[2]).toMatchObject({
      http_index: 3,
      category: 'unreadable',
      payload: '{"ty',
      payload_length: 4,
    });
    expect(
      await metricValue(context.registry, 'ingest_records_rejected_total', {
        path: 'http',
        topic: 'claims',
        category: 'invalid',
      }),
    ).toBe(2);
  });

  it('masks ID numbers in the stored payload and in the log line of a rejected registration', async () => {
    const idNumber = aMember().build().idNumber;
    const badHousehold = aHouseholdRegistration()
      .withMember(aMember().as('spouse').withIdNumber(idNumber))
      .with({ regionCode: '41' })
      .build();

    const outcome = await context.pipeline.ingest(
      { path: 'http', topic: 'registry', items: httpItems([badHousehold]) },
      { retry: FAST_RETRY },
    );

    expect(outcome.rejected).toBe(1);
    const [row] = await rejectedRows(context.dataSource);
    expect(row.payload).not.toContain(idNumber);
    expect(row.payload).toContain(`${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`);
    expect(context.logger.warnings).toHaveLength(1);
    expect(context.logger.warnings[0]).toContain(
      `household_registered ${badHousehold.sourceId} (http records[0] from tester)`,
    );
    expect(context.logger.warnings.join('\n')).not.toContain(idNumber);
  });

  it('rejects a record that reuses a source id for different content, in the batch or in the store', async () => {
    const claim = aClaimRecord().outOfPocket(100_000).build();
    const altered = {
      ...aClaimRecord().outOfPocket(200_000).build(),
      sourceId: claim.sourceId,
      householdId: claim.householdId,
    };
    const bystander = aClaimRecord().build();

    const inBatch = await context.pipeline.ingest(claimsBatch([claim, altered]), { retry: FAST_RETRY });
    expect(inBatch.outcomes[0]).toEqual({ status: 'accepted' });
    expect(inBatch.outcomes[1]).toMatchObject({
      status: 'rejected',
      category: 'conflict',
      reason: expect.stringContaining(
        'came earlier in this batch (http records[0] from tester) with different content',
      ),
    });

    const later = await context.pipeline.ingest(claimsBatch([bystander, altered]), { retry: FAST_RETRY });
    expect(later.outcomes[0]).toEqual({ status: 'accepted' });
    expect(later.outcomes[1]).toMatchObject({
      status: 'rejected',
      category: 'conflict',
      reason: expect.stringContaining('is stored already'),
      sourceId: claim.sourceId,
    });
    const stream = await context.eventStore.readStream(householdStreamId(claim.householdId));
    expect(stream.map((event) => (event.data as { outOfPocketFen: number }).outOfPocketFen)).toEqual([
      100_000,
    ]);
    expect(await context.eventCount()).toBe(2);
  });

  it('finds a record the store refuses (a lone surrogate the read models cannot hold) and appends the others', async () => {
    const records = Array.from({ length: 7 }, () => aHouseholdRegistration().build());
    const member = records[4].members[0];
    records[4] = { ...records[4], members: [{ ...member, name: `王\ud800` }] };

    const outcome = await context.pipeline.ingest(
      { path: 'http', topic: 'registry', items: httpItems(records) },
      { retry: FAST_RETRY },
    );

    expect(outcome).toMatchObject({ accepted: 6, rejected: 1 });
    expect(outcome.outcomes[4]).toMatchObject({
      status: 'rejected',
      category: 'refused',
      reason: expect.stringMatching(/^the event store refused the record: /),
      sourceId: records[4].sourceId,
    });
    expect(await context.eventCount()).toBe(6);
  });

  describe('when the event store is unavailable', () => {
    const hideEvents = () => context.dataSource.query('ALTER TABLE events RENAME TO events_hidden');
    const restoreEvents = () => context.dataSource.query('ALTER TABLE events_hidden RENAME TO events');

    it('retries the batch with backoff and appends it once the store is back, rejecting nothing', async () => {
      const records = [aClaimRecord().build(), aClaimRecord().build()];
      await hideEvents();
      const attempts: number[] = [];

      const outcome = await context.pipeline.ingest(claimsBatch(records), {
        retry: FAST_RETRY,
        beforeRetry: async (attempt) => {
          attempts.push(attempt);
          if (attempt === 3) await restoreEvents();
        },
      });

      expect(attempts).toEqual([1, 2, 3]);
      expect(outcome).toMatchObject({ accepted: 2, rejected: 0 });
      expect(await context.eventCount()).toBe(2);
      expect(await rejectedRows(context.dataSource)).toEqual([]);
      expect(await metricValue(context.registry, 'ingest_append_retries_total', { path: 'http' })).toBe(3);
    });

    it('gives up after the policy allows, with StoreUnavailableError and nothing rejected', async () => {
      await hideEvents();
      const batch = claimsBatch([aClaimRecord().build(), aClaimRecord().withTotal(1).build()]);

      await expect(
        context.pipeline.ingest(batch, { retry: { initialDelayMs: 1, maxDelayMs: 1, maxAttempts: 3 } }),
      ).rejects.toBeInstanceOf(StoreUnavailableError);

      await restoreEvents();
      expect(await context.eventCount()).toBe(0);
      expect(await rejectedRows(context.dataSource)).toEqual([]);
    });

    it('abandons the batch as soon as the caller says so', async () => {
      await hideEvents();
      const abandon = new AbortController();

      await expect(
        context.pipeline.ingest(claimsBatch([aClaimRecord().build()]), {
          retry: { initialDelayMs: 60_000, maxDelayMs: 60_000, maxAttempts: Infinity },
          signal: abandon.signal,
          beforeRetry: async () => {
            abandon.abort();
          },
        }),
      ).rejects.toBeInstanceOf(IngestAbandonedError);

      await restoreEvents();
      expect(await context.eventCount()).toBe(0);
    });
  });
});
