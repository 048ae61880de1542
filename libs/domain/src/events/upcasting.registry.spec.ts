import { parseSourceRecord } from '../sources/parse-source-record';
import { aClaimRecord, DEFAULT_NOW } from '../testing/source-records.builder';
import type { ClaimSettled } from './household.events';
import {
  CASE_EVENT_SCHEMA_VERSIONS,
  CURRENT_SCHEMA_VERSION,
  HOUSEHOLD_EVENT_SCHEMA_VERSIONS,
} from './schema-versions';
import type { ClaimSettledV1Data } from './upcasting.claim-settled';
import { UnknownEventType, upcast, upcastCaseEvent, upcastHouseholdEvent } from './upcasting.registry';

/** The settlement as the old medical-insurance interface had it stored: one combined fund figure. */
const storedV1: {
  eventId: string;
  type: 'ClaimSettled';
  schemaVersion: 1;
  data: ClaimSettledV1Data;
  metadata: ClaimSettled['metadata'];
} = {
  eventId: '0f5f5a84-3bd5-5b39-8a4c-2a2b1c1c9f10',
  type: 'ClaimSettled',
  schemaVersion: 1,
  data: {
    householdId: 'H1',
    claimId: '2304-20230611-000042',
    personId: 'P1',
    visitType: 'inpatient',
    institutionLevel: 'county',
    inCounty: true,
    diagnosisCode: 'I63.900',
    totalFen: 5_800_000,
    policyCoveredFen: 5_100_000,
    fundPaidFen: 4_100_000,
    otherFen: 280_000,
    outOfPocketFen: 1_420_000,
  },
  metadata: {
    occurredAt: '2023-06-11T15:42:00+08:00',
    source: 'medical_insurance',
    sourceId: '2304-20230611-000042',
    correlationId: '0f5f5a84-3bd5-5b39-8a4c-2a2b1c1c9f10',
    causationId: '0f5f5a84-3bd5-5b39-8a4c-2a2b1c1c9f10',
  },
};

const partsOf = (data: ClaimSettled['data']): number =>
  data.basicInsuranceFen +
  data.criticalIllnessFen +
  data.medicalAssistanceFen +
  data.commercialInsuranceFen +
  data.hospitalWaiverFen +
  data.otherFen +
  data.outOfPocketFen;

describe('the catalog of event versions', () => {
  it('makes each type’s current version explicit: ClaimSettled is at 2, everything else at 1', () => {
    expect(CURRENT_SCHEMA_VERSION.ClaimSettled).toBe(2);
    const others = Object.entries(CURRENT_SCHEMA_VERSION).filter(([type]) => type !== 'ClaimSettled');
    expect(others.every(([, version]) => version === 1)).toBe(true);
    expect(Object.keys(CURRENT_SCHEMA_VERSION)).toHaveLength(
      Object.keys(HOUSEHOLD_EVENT_SCHEMA_VERSIONS).length + Object.keys(CASE_EVENT_SCHEMA_VERSIONS).length,
    );
  });
});

describe('ClaimSettled v1 → v2', () => {
  it('given a v1 settlement stored by the old interface, when read, then it has the current shape', () => {
    // given: the stored event, as JSON from the store
    const fromStore = JSON.parse(
      JSON.stringify({ ...storedV1, streamId: 'household-H1', streamPosition: 3 }),
    );

    // when
    const event = upcastHouseholdEvent(fromStore);

    // then
    expect(event).toEqual({
      ...storedV1,
      streamId: 'household-H1',
      streamPosition: 3,
      schemaVersion: 2,
      data: {
        householdId: 'H1',
        claimId: '2304-20230611-000042',
        personId: 'P1',
        visitType: 'inpatient',
        institutionLevel: 'county',
        inCounty: true,
        diagnosisCode: 'I63.900',
        totalFen: 5_800_000,
        policyCoveredFen: 5_100_000,
        basicInsuranceFen: 4_100_000,
        criticalIllnessFen: 0,
        medicalAssistanceFen: 0,
        commercialInsuranceFen: 0,
        hospitalWaiverFen: 0,
        otherFen: 280_000,
        outOfPocketFen: 1_420_000,
      },
    });
    expect(event.type === 'ClaimSettled' && partsOf(event.data)).toBe(5_800_000);
  });

  it('leaves the stored v1 event untouched', () => {
    const copy = structuredClone(storedV1);
    upcast(storedV1);
    expect(storedV1).toEqual(copy);
  });

  it('keeps every figure the risk policy reads identical to a v2 settlement of the same bill', () => {
    // given the same bill settled today (v2, split by payer) and as the old interface stored it (v1)
    const today = parseSourceRecord(
      'claims',
      aClaimRecord()
        .forHousehold('H1')
        .forPerson('P1')
        .basicInsurance(3_000_000)
        .criticalIllness(700_000)
        .medicalAssistance(400_000)
        .commercialInsurance(200_000)
        .hospitalWaiver(50_000)
        .other(30_000)
        .outOfPocket(1_420_000)
        .build(),
      { now: DEFAULT_NOW },
    );
    if (!today.ok || today.event.type !== 'ClaimSettled') throw new Error('expected a ClaimSettled event');
    const v2 = today.event;
    const {
      basicInsuranceFen,
      criticalIllnessFen,
      medicalAssistanceFen,
      commercialInsuranceFen,
      hospitalWaiverFen,
      ...rest
    } = v2.data;
    const v1: ClaimSettledV1Data = {
      ...rest,
      fundPaidFen: basicInsuranceFen + criticalIllnessFen + medicalAssistanceFen,
      otherFen: v2.data.otherFen + commercialInsuranceFen + hospitalWaiverFen,
    };

    // when the v1 event is read
    const upcast1 = upcastHouseholdEvent({ ...v2, schemaVersion: 1, data: v1 });

    // then total, policy-covered and out-of-pocket agree, and the parts still add up
    if (upcast1.type !== 'ClaimSettled') throw new Error('expected a ClaimSettled event');
    expect(upcast1.schemaVersion).toBe(2);
    expect(upcast1.data).toMatchObject({
      totalFen: v2.data.totalFen,
      policyCoveredFen: v2.data.policyCoveredFen,
      outOfPocketFen: 1_420_000,
      basicInsuranceFen: 4_100_000,
    });
    expect(partsOf(upcast1.data)).toBe(v2.data.totalFen);
  });
});

describe('reading catalog streams', () => {
  it('passes current events through unchanged', () => {
    const caseEvent = {
      eventId: 'c-1',
      type: 'CaseDismissed',
      schemaVersion: 1,
      data: {
        caseId: 'C1',
        reason: 'visit found no risk',
        officer: 'u1',
        dismissedAt: '2025-03-05T10:00:00+08:00',
      },
      metadata: { occurredAt: '2025-03-05T10:00:00+08:00', source: 'monitor' },
    };
    expect(upcastCaseEvent(caseEvent)).toBe(caseEvent);
  });

  it('rejects an event of the other stream’s catalog or of no catalog', () => {
    expect(() => upcastCaseEvent(storedV1)).toThrow(
      new UnknownEventType(storedV1.eventId, 'ClaimSettled', 'case'),
    );
    expect(() => upcastHouseholdEvent({ ...storedV1, type: 'ClaimPaid' })).toThrow(UnknownEventType);
    expect(() => upcastHouseholdEvent({ ...storedV1, type: 'toString' })).toThrow(UnknownEventType);
  });
});
