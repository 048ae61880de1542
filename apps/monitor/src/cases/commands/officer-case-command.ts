import { canActInRegion, canSeeRegion, type AuthUser } from '@monitoring/auth';
import type { CaseStage, OpenedCaseState } from '@monitoring/domain';
import { CaseActionForbidden, CaseNotFound } from '../case.errors';
import type { CaseCommandOutcome } from '../case-command-runner';
import type { LoadedCase } from '../case-stream.repository';

/** What every officer's command carries besides its own fields. */
export interface OfficerCommandContext {
  caseId: string;
  /** The caller, from the verified token; `sub` is recorded as the events' actor. */
  user: AuthUser;
  /** One per request (or per Idempotency-Key): seeds the event ids, so a repeated request appends once. */
  commandId: string;
}

/** The answer to an officer's command. */
export interface OfficerCommandResult {
  caseId: string;
  stage: CaseStage;
  /** The case stream's version after the command: the number of events in it. */
  version: number;
  /** Types of the events this request appended, in order (empty when it repeated an applied request). */
  events: string[];
}

/**
 * The case, if the caller may act on it. A case outside the caller's region is "not found", exactly
 * like a case that does not exist; one the caller sees but may not act on is forbidden.
 */
export function actionableCase(loaded: LoadedCase, user: AuthUser): OpenedCaseState {
  const { state } = loaded;
  if (state.stage === 'none' || !canSeeRegion(user, state.regionCode)) throw new CaseNotFound(loaded.caseId);
  if (!canActInRegion(user, state.regionCode)) throw new CaseActionForbidden(loaded.caseId, state.regionCode);
  return state;
}

/** The stream already holds this caller's events of this command: a repeated request, nothing to do. */
export function isAlreadyApplied(loaded: LoadedCase, context: OfficerCommandContext): boolean {
  return loaded.events.some(
    (event) => event.metadata.causationId === context.commandId && event.metadata.actor === context.user.sub,
  );
}

export function officerCommandResult(outcome: CaseCommandOutcome): OfficerCommandResult {
  const { state } = outcome;
  if (state.stage === 'none') throw new CaseNotFound(outcome.caseId);
  return {
    caseId: outcome.caseId,
    stage: state.stage,
    version: outcome.version,
    events: outcome.appended.map((event) => event.type),
  };
}
