import { parseSourceRecord, type HouseholdEvent } from '@monitoring/domain';
import {
  aClaimRecord,
  aHouseholdRegistration,
  anIncomeAssessment,
  type HouseholdRegistrationBuilder,
} from '@monitoring/domain/testing/source-records.builder';
import type { EventStore } from '@monitoring/event-store';
import { Registry } from 'prom-client';
import { IngestMetrics } from '../../../ingest/src/metrics/ingest-metrics';
import { IngestPipeline } from '../../../ingest/src/pipeline/ingest-pipeline';
import { HTTP_RETRY_POLICY } from '../../../ingest/src/pipeline/retry-policy';
import { CaseWriter } from './case-writer';

/**
 * Sends a source record through the real ingest pipeline (validation, mapping, deduplication, the
 * store's `appendMany`), as `POST /api/v1/ingest/{topic}` does at `now`, and returns its event. A test
 * record the pipeline refuses fails the test.
 */
export async function ingestRecord(
  store: EventStore,
  topic: 'registry' | 'income' | 'claims',
  record: unknown,
  now = '2026-11-20T12:00:00+08:00',
): Promise<HouseholdEvent> {
  const pipeline = new IngestPipeline({
    eventStore: store,
    rejections: { record: async () => undefined },
    metrics: new IngestMetrics(new Registry()),
    logger: { warn: () => undefined, error: () => undefined },
    clock: () => new Date(now),
  });
  const outcome = await pipeline.ingest(
    {
      path: 'http',
      topic,
      items: [{ origin: { path: 'http', index: 0 }, content: { readable: true, value: record } }],
    },
    { retry: HTTP_RETRY_POLICY },
  );
  const [result] = outcome.outcomes;
  if (result.status === 'rejected') throw new Error(`test record refused by ingest: ${result.reason}`);
  const parsed = parseSourceRecord(topic, record, { now });
  if (!parsed.ok) throw new Error(`test record refused: ${parsed.reason}`);
  return parsed.event;
}

export interface ChangedHousehold {
  householdId: string;
  regionCode: string;
  registration: HouseholdRegistrationBuilder;
  claimEventId: string;
  caseId: string;
}

/**
 * A household of Lushan county whose situation changed: three members (王建国, 李秀英, 王磊), a 2025
 * income of 60,000 yuan assessed in January 2026, then on 2026-03-10 an inpatient bill (lung cancer,
 * C34.1) leaving 50,000 yuan out of pocket. The monitor opened a case that day; the county officer
 * visited on 03-12 (notes naming the head) and put medical assistance in place on 03-20.
 * Before the bill (as of 2026-03-01) it scored 0; since, 80: sudden hardship for 180 days, then marginal.
 */
export async function aHouseholdWhoseSituationChanged(
  store: EventStore,
  householdId: string,
  regionCode = '410423203201',
): Promise<ChangedHousehold> {
  const registration = aHouseholdRegistration()
    .withHouseholdId(householdId)
    .inRegion(regionCode)
    .neverPoor()
    .withMembers(3)
    .occurredAt('2024-01-15T09:00:00+08:00');
  await ingestRecord(store, 'registry', registration.build());
  await ingestRecord(
    store,
    'income',
    anIncomeAssessment()
      .forHousehold(registration)
      .forYear(2025)
      .netIncome(6_000_000, 3)
      .occurredAt('2026-01-10T10:00:00+08:00')
      .build(),
  );
  const claim = await ingestRecord(
    store,
    'claims',
    aClaimRecord()
      .forHousehold(registration)
      .inpatient()
      .diagnosedWith('C34.1')
      .outOfPocket(5_000_000)
      .settledAt('2026-03-10T10:00:00+08:00')
      .build(),
  );
  const cases = new CaseWriter(store);
  const caseId = await cases.open({ householdId, regionCode, openedAt: '2026-03-10T12:00:00.000+08:00' });
  await cases.verify(
    caseId,
    '2026-03-12T15:00:00.000+08:00',
    'confirmed',
    '王建国 in hospital, bills seen at the visit',
  );
  await cases.assist(caseId, '2026-03-20T10:00:00.000+08:00', 'medical assistance for 王建国');
  return { householdId, regionCode, registration, claimEventId: claim.eventId, caseId };
}
