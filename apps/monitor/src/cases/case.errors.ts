/**
 * Why a case command did not run, besides the domain's CaseRuleViolation. The HTTP layer maps each to
 * a status (case-http-errors.filter.ts); `code` is stable for clients.
 */

/** No such case, or one the caller may not see: the same answer, so existence is not leaked. */
export class CaseNotFound extends Error {
  override readonly name = 'CaseNotFound';
  readonly code = 'case_not_found';

  constructor(readonly caseId: string) {
    super(`case ${caseId} not found`);
  }
}

/** The caller sees the case but may not act on it (province staff outside a county they hold). */
export class CaseActionForbidden extends Error {
  override readonly name = 'CaseActionForbidden';
  readonly code = 'region_not_actionable';

  constructor(
    readonly caseId: string,
    readonly regionCode: string,
  ) {
    super(`you may not act on case ${caseId}: its region ${regionCode} is not a county you hold`);
  }
}

/** Other writers kept changing the case: every attempt found a newer version when it appended. */
export class CaseConcurrencyConflict extends Error {
  override readonly name = 'CaseConcurrencyConflict';
  readonly code = 'concurrent_modification';

  constructor(
    readonly caseId: string,
    readonly attempts: number,
  ) {
    super(
      `case ${caseId} was changed by someone else while this request was applied ` +
        `(${attempts} attempt${attempts === 1 ? '' : 's'}); reload the case and try again`,
    );
  }
}

/** The household's projected state is missing (a projection still catching up): retry shortly. */
export class HouseholdStateUnavailable extends Error {
  override readonly name = 'HouseholdStateUnavailable';
  readonly code = 'household_state_unavailable';

  constructor(readonly householdId: string) {
    super(`the current state of household ${householdId} is not available yet; try again shortly`);
  }
}
