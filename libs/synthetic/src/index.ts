export * from './province-generator';
export * from './province-summary';
export * from './province-files';
export * from './source-records';
export {
  buildRegionTree,
  type City,
  type County,
  type RegionTree,
  type Township,
  type Village,
} from './region-tree';
export { buildIdNumber } from './id-number';
export { type MalformationKind, MALFORMATION_KINDS } from './malformed-records';
export { settlementAddsUp, type SettlementParts } from './claim-settlement';
export { DIAGNOSES, type Diagnosis } from './diagnoses';
export { PROFILE, RURAL_DISPOSABLE_INCOME_YUAN } from './province-profile';
