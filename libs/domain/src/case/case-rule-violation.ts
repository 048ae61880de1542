/**
 * Why a case command is refused. The codes are stable: the API answers with them and clients branch
 * on them, so never rename one.
 */
export type CaseRuleCode =
  /** No case exists in this stream yet. */
  | 'case_not_opened'
  /** The case is closed (risk eliminated or dismissed): only reopening is allowed. */
  | 'case_closed'
  /** Reopening needs a closed case. */
  | 'case_not_closed'
  /** Assistance and elimination need a confirmed verification first. */
  | 'not_confirmed'
  /** The case has been verified already (or dismissed at verification). */
  | 'already_verified'
  /** Elimination needs assistance recorded first. */
  | 'no_assistance_recorded'
  /** Elimination refused: the household is not stable yet (see `details`). */
  | 'household_not_stable'
  /** The household is under long-term follow-up already and still qualifies for it. */
  | 'already_long_term_follow_up'
  /** A confirmed verification needs the officer's category. */
  | 'category_required'
  /** The visit is in the future, or before the case (or its reopening). */
  | 'invalid_visit_time'
  /** A money amount must be a whole, non-negative number of fen. */
  | 'invalid_amount'
  | 'description_required'
  | 'reason_required'
  /** The assessment is below the alert threshold: no case to open. */
  | 'not_at_risk'
  /** The assessment is about another household than the case. */
  | 'wrong_household'
  /** The case id is not the one derived from the household and case sequence. */
  | 'invalid_case_id'
  /** A newer case exists for the household: an older one cannot be reopened. */
  | 'superseded_by_newer_case';

/** A case command refused by a business rule. The message is for people; `code` is for programs. */
export class CaseRuleViolation extends Error {
  override readonly name = 'CaseRuleViolation';

  constructor(
    readonly code: CaseRuleCode,
    message: string,
    readonly caseId: string | null = null,
    /** Machine-readable specifics, e.g. the unmet conditions of an elimination. */
    readonly details: readonly string[] = [],
  ) {
    super(message);
  }
}
