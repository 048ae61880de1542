import type { HouseholdEventType } from '../events/household.events';

/**
 * The three feeds departments push (DESIGN §8): the same record types arrive on the Kafka topics
 * `<prefix>registry|income|claims`, on `POST /api/v1/ingest/{topic}` and in import files.
 */
export const SOURCE_TOPICS = ['registry', 'income', 'claims'] as const;
export type SourceTopic = (typeof SOURCE_TOPICS)[number];

export const isSourceTopic = (value: unknown): value is SourceTopic =>
  typeof value === 'string' && (SOURCE_TOPICS as readonly string[]).includes(value);

/** Every source record type, with the topic it arrives on and the event it becomes. */
export const SOURCE_RECORD_TYPES = {
  household_registered: { topic: 'registry', eventType: 'HouseholdRegistered' },
  member_added: { topic: 'registry', eventType: 'MemberAdded' },
  member_removed: { topic: 'registry', eventType: 'MemberRemoved' },
  labour_capacity_changed: { topic: 'registry', eventType: 'LabourCapacityChanged' },
  disability_recorded: { topic: 'registry', eventType: 'DisabilityRecorded' },
  social_assistance_changed: { topic: 'registry', eventType: 'SocialAssistanceChanged' },
  disaster_reported: { topic: 'registry', eventType: 'DisasterReported' },
  school_dropout_reported: { topic: 'registry', eventType: 'SchoolDropoutReported' },
  school_return_reported: { topic: 'registry', eventType: 'SchoolReturnReported' },
  medical_insurance_changed: { topic: 'registry', eventType: 'MedicalInsuranceChanged' },
  housing_safety_assessed: { topic: 'registry', eventType: 'HousingSafetyAssessed' },
  drinking_water_assessed: { topic: 'registry', eventType: 'DrinkingWaterAssessed' },
  income_assessed: { topic: 'income', eventType: 'IncomeAssessed' },
  income_change_reported: { topic: 'income', eventType: 'IncomeChangeReported' },
  claim_settled: { topic: 'claims', eventType: 'ClaimSettled' },
  claim_reversed: { topic: 'claims', eventType: 'ClaimReversed' },
} as const satisfies Record<string, { topic: SourceTopic; eventType: HouseholdEventType }>;

export type SourceRecordType = keyof typeof SOURCE_RECORD_TYPES;

export const isSourceRecordType = (value: unknown): value is SourceRecordType =>
  typeof value === 'string' && Object.hasOwn(SOURCE_RECORD_TYPES, value);

export const recordTypesOf = (topic: SourceTopic): SourceRecordType[] =>
  (Object.keys(SOURCE_RECORD_TYPES) as SourceRecordType[]).filter(
    (type) => SOURCE_RECORD_TYPES[type].topic === topic,
  );

/**
 * The department behind each feed, recorded as the events' `source` and hashed into their ids: civil
 * affairs runs the household registry feed (which also relays the education, housing, water and
 * insurance reports), human resources the income checks, healthcare security the claim settlements.
 * A caller that knows the sending system better can pass its own name instead; the same record must
 * then always be ingested under that name, or re-deliveries will not be recognised as duplicates.
 */
export const DEFAULT_SOURCE_BY_TOPIC = {
  registry: 'civil_affairs',
  income: 'human_resources',
  claims: 'medical_insurance',
} as const satisfies Record<SourceTopic, string>;

/** Source system names: lower-case letters, digits and `_`, up to 64 characters. */
const SOURCE_NAME = /^[a-z][a-z0-9_]{0,63}$/;
export const isValidSourceName = (value: string): boolean => SOURCE_NAME.test(value);
