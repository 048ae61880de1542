import { nameBasedIds } from '../identifiers/name-based-id';

/**
 * Deterministic ids for cases and case events (UUID v5), so that a redelivered message, a job that
 * fires twice, or a replay of the log derives the same ids again and the event store appends once.
 *
 * - Case id: the household id and its case sequence (1 for the household's first case, 2 after that
 *   one closed and the risk crossed the threshold again, ...). Replaying a crossing derives the id of
 *   the case it already opened, never a second one.
 * - Event ids: the case id plus a key naming the fact. Facts that happen at most once per key carry a
 *   natural key (the opening; a deadline by kind and due time; an escalation by level; a risk update by
 *   the event that caused the reassessment); officers' actions carry the command id, which the caller
 *   supplies per request.
 *
 * The parts are hashed as a JSON array, so ('a:b', 'c') and ('a', 'b:c') never meet.
 */

/** The project's fixed namespace for case ids and case event ids. Never change it. */
export const CASE_ID_NAMESPACE = '6a5c78ad-ca1d-41bf-9605-519e9f753168';

const idOf = nameBasedIds(CASE_ID_NAMESPACE);

/** The id of the household's `caseSequence`-th case (1-based). */
export const caseIdFor = (householdId: string, caseSequence: number): string => {
  if (!Number.isInteger(caseSequence) || caseSequence < 1) {
    throw new RangeError(`case sequence must be a positive integer, got ${caseSequence}`);
  }
  return idOf(['case', householdId, caseSequence]);
};

/** The id of a case event named by its case and a key unique within the case. */
export const caseEventId = (caseId: string, ...key: readonly (string | number)[]): string =>
  idOf(['case-event', caseId, ...key]);
