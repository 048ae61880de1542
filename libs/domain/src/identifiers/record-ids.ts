/**
 * Shapes of the identifiers departments send with their records. Household and person ids end up in
 * stream ids (`household-<householdId>`), URLs and file names, so they are kept to URL-safe characters;
 * upstream record ids (`sourceId`) are only stored and compared, so they may hold any printable text.
 */

/** Household (户编号) and person ids: 1–64 letters, digits, `_` or `-`, starting with a letter or digit. */
export const MAX_ENTITY_ID_LENGTH = 64;
const ENTITY_ID = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** Upstream record ids: 1–128 characters, no control characters, no surrounding spaces. */
export const MAX_SOURCE_ID_LENGTH = 128;
// eslint-disable-next-line no-control-regex -- control characters are exactly what is being rejected
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** Why a household or person id is malformed, or undefined when it is fine. */
export const entityIdProblem = (value: string): string | undefined => {
  if (value.length === 0) return 'should not be empty';
  if (value.length > MAX_ENTITY_ID_LENGTH) return `should be at most ${MAX_ENTITY_ID_LENGTH} characters`;
  if (!ENTITY_ID.test(value)) {
    return 'should be letters, digits, _ or -, starting with a letter or digit';
  }
  return undefined;
};

export const isValidHouseholdId = (value: string): boolean => entityIdProblem(value) === undefined;
export const isValidPersonId = (value: string): boolean => entityIdProblem(value) === undefined;

/** Why an upstream record id is malformed, or undefined when it is fine. */
export const sourceIdProblem = (value: string): string | undefined => {
  if (value.trim().length === 0) return 'should not be empty';
  if (value.length > MAX_SOURCE_ID_LENGTH) return `should be at most ${MAX_SOURCE_ID_LENGTH} characters`;
  if (value.trim() !== value) return 'should not start or end with spaces';
  if (CONTROL_CHARACTER.test(value)) return 'should not contain control characters';
  return undefined;
};

export const isValidSourceId = (value: string): boolean => sourceIdProblem(value) === undefined;
