import type { CaseEventType } from './case.events';
import type { HouseholdEventType } from './household.events';

/**
 * The current schema version of every event type (DESIGN §3). Events are written at these versions;
 * older stored events are brought up to them on read by the upcasters (`upcasting.registry.ts`).
 * Raising a version means: change the data type in the catalog, bump the number here, and register an
 * upcaster from the previous version. The registry refuses to build when one is missing.
 */
export const HOUSEHOLD_EVENT_SCHEMA_VERSIONS = {
  HouseholdRegistered: 1,
  MemberAdded: 1,
  MemberRemoved: 1,
  LabourCapacityChanged: 1,
  DisabilityRecorded: 1,
  SocialAssistanceChanged: 1,
  DisasterReported: 1,
  SchoolDropoutReported: 1,
  SchoolReturnReported: 1,
  MedicalInsuranceChanged: 1,
  HousingSafetyAssessed: 1,
  DrinkingWaterAssessed: 1,
  IncomeAssessed: 1,
  IncomeChangeReported: 1,
  /** v2 split the funds into basic / critical-illness / assistance and added commercial insurance and hospital waivers. */
  ClaimSettled: 2,
  ClaimReversed: 1,
} as const satisfies Record<HouseholdEventType, number>;

export const CASE_EVENT_SCHEMA_VERSIONS = {
  CaseOpened: 1,
  CaseRiskUpdated: 1,
  VerificationRecorded: 1,
  AssistanceRecorded: 1,
  DeadlineMissed: 1,
  CaseEscalated: 1,
  RiskEliminated: 1,
  LongTermFollowUpStarted: 1,
  CaseDismissed: 1,
  CaseReopened: 1,
} as const satisfies Record<CaseEventType, number>;

export const CURRENT_SCHEMA_VERSION = {
  ...HOUSEHOLD_EVENT_SCHEMA_VERSIONS,
  ...CASE_EVENT_SCHEMA_VERSIONS,
} as const satisfies Record<HouseholdEventType | CaseEventType, number>;

export type CatalogEventType = keyof typeof CURRENT_SCHEMA_VERSION;

export const isCatalogEventType = (type: string): type is CatalogEventType =>
  Object.hasOwn(CURRENT_SCHEMA_VERSION, type);

export const isHouseholdEventType = (type: string): type is HouseholdEventType =>
  Object.hasOwn(HOUSEHOLD_EVENT_SCHEMA_VERSIONS, type);

export const isCaseEventType = (type: string): type is CaseEventType =>
  Object.hasOwn(CASE_EVENT_SCHEMA_VERSIONS, type);

/** The version new events of this type are written at. */
export const currentSchemaVersion = (type: CatalogEventType): number => CURRENT_SCHEMA_VERSION[type];
