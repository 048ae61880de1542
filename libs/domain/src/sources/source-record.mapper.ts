import type { EventMetadata } from '../events/envelope';
import { nameBasedIds } from '../identifiers/name-based-id';
import type { HouseholdEvent, HouseholdEventType, Member } from '../events/household.events';
import { householdStreamId } from '../events/household.events';
import { currentSchemaVersion } from '../events/schema-versions';
import type { MemberRecord, SourceRecord } from './source-record.schemas';
import type { SourceRecordType } from './source-topics';

/**
 * Valid source records become household events. Event ids are deterministic — UUID v5 of the source,
 * the record type and the upstream record id — so a re-delivered record maps to the same id and the
 * store appends it once; everything else in the event is a function of the record too, so a
 * re-delivery is also the same content.
 */

/** The project's fixed namespace for UUID v5 event ids of source records. Never change it. */
export const SOURCE_EVENT_ID_NAMESPACE = '6808a77a-812c-4ed8-8f48-5f909681aa5c';

const sourceIdOf = nameBasedIds(SOURCE_EVENT_ID_NAMESPACE);

/** The event id of the record `sourceId` of `recordType` from `source`. */
export const sourceEventId = (source: string, recordType: SourceRecordType, sourceId: string): string =>
  sourceIdOf([source, recordType, sourceId]);

type EventOf<T extends HouseholdEventType> = Extract<HouseholdEvent, { type: T }>;

const toMember = (member: MemberRecord): Member => ({
  personId: member.personId,
  idNumber: member.idNumber,
  name: member.name,
  relation: member.relation,
  birthDate: member.birthDate,
  labourCapacity: member.labourCapacity,
  ...(member.disabilityGrade != null && { disabilityGrade: member.disabilityGrade }),
  ...(member.diseaseClass != null && { diseaseClass: member.diseaseClass }),
});

/**
 * The event a valid record stands for, written by `source` (the department or system that sent it).
 *
 * Metadata: `occurredAt` is the record's business time as sent; a source record starts its own chain,
 * so `correlationId` and `causationId` are the event's own id — except a claim reversal, which is
 * correlated with the settlement it cancels, so the claim's whole story shares one correlation id.
 */
export const toHouseholdEvent = (record: SourceRecord, source: string): HouseholdEvent => {
  const eventId = sourceEventId(source, record.type, record.sourceId);
  const metadata = (correlationId = eventId): EventMetadata => ({
    occurredAt: record.occurredAt,
    source,
    sourceId: record.sourceId,
    correlationId,
    causationId: eventId,
  });
  const event = <T extends HouseholdEventType>(
    type: T,
    data: EventOf<T>['data'],
    correlationId?: string,
  ): EventOf<T> =>
    ({
      eventId,
      type,
      schemaVersion: currentSchemaVersion(type),
      data,
      metadata: metadata(correlationId),
    }) as EventOf<T>;
  const householdId = record.householdId;

  switch (record.type) {
    case 'household_registered':
      return event('HouseholdRegistered', {
        householdId,
        regionCode: record.regionCode,
        formerlyPoor: record.formerlyPoor,
        ...(record.povertyExitYear != null && { povertyExitYear: record.povertyExitYear }),
        members: record.members.map(toMember),
      });
    case 'member_added':
      return event('MemberAdded', { householdId, member: toMember(record.member), reason: record.reason });
    case 'member_removed':
      return event('MemberRemoved', { householdId, personId: record.personId, reason: record.reason });
    case 'labour_capacity_changed':
      return event('LabourCapacityChanged', {
        householdId,
        personId: record.personId,
        labourCapacity: record.labourCapacity,
      });
    case 'disability_recorded':
      return event('DisabilityRecorded', {
        householdId,
        personId: record.personId,
        disabilityGrade: record.disabilityGrade,
      });
    case 'social_assistance_changed':
      return event('SocialAssistanceChanged', {
        householdId,
        programme: record.programme,
        enrolled: record.enrolled,
      });
    case 'disaster_reported':
      return event('DisasterReported', { householdId, kind: record.kind, lossFen: record.lossFen });
    case 'school_dropout_reported':
      return event('SchoolDropoutReported', { householdId, personId: record.personId });
    case 'school_return_reported':
      return event('SchoolReturnReported', { householdId, personId: record.personId });
    case 'medical_insurance_changed':
      return event('MedicalInsuranceChanged', {
        householdId,
        personId: record.personId,
        insured: record.insured,
      });
    case 'housing_safety_assessed':
      return event('HousingSafetyAssessed', { householdId, grade: record.grade });
    case 'drinking_water_assessed':
      return event('DrinkingWaterAssessed', { householdId, safe: record.safe });
    case 'income_assessed':
      return event('IncomeAssessed', {
        householdId,
        year: record.year,
        householdNetIncomeFen: record.householdNetIncomeFen,
        perCapitaNetIncomeFen: record.perCapitaNetIncomeFen,
      });
    case 'income_change_reported':
      return event('IncomeChangeReported', {
        householdId,
        monthlyIncomeFen: record.monthlyIncomeFen,
        reason: record.reason,
      });
    case 'claim_settled':
      return event('ClaimSettled', {
        householdId,
        claimId: record.sourceId,
        personId: record.personId,
        visitType: record.visitType,
        institutionLevel: record.institutionLevel,
        inCounty: record.inCounty,
        diagnosisCode: record.diagnosisCode,
        totalFen: record.totalFen,
        policyCoveredFen: record.policyCoveredFen,
        basicInsuranceFen: record.basicInsuranceFen,
        criticalIllnessFen: record.criticalIllnessFen,
        medicalAssistanceFen: record.medicalAssistanceFen,
        commercialInsuranceFen: record.commercialInsuranceFen,
        hospitalWaiverFen: record.hospitalWaiverFen,
        otherFen: record.otherFen,
        outOfPocketFen: record.outOfPocketFen,
      });
    case 'claim_reversed':
      return event(
        'ClaimReversed',
        { householdId, claimId: record.claimId, reason: record.reason },
        sourceEventId(source, 'claim_settled', record.claimId),
      );
  }
};

/** The stream a household event belongs to: `household-<householdId>`. */
export const streamIdOf = (event: HouseholdEvent): string => householdStreamId(event.data.householdId);
