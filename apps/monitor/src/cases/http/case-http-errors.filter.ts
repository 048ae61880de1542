import { Catch, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { CaseRuleViolation, type CaseRuleCode } from '@monitoring/domain';
import {
  CaseActionForbidden,
  CaseConcurrencyConflict,
  CaseNotFound,
  HouseholdStateUnavailable,
} from '../case.errors';

/**
 * Rule codes by answer: 409 when the case's current state refuses the action (its stage, a newer
 * case, a household not stable yet), 422 when the request itself cannot be applied as written.
 */
const RULE_STATUS: Record<CaseRuleCode, HttpStatus.CONFLICT | HttpStatus.UNPROCESSABLE_ENTITY> = {
  case_not_opened: HttpStatus.CONFLICT,
  case_closed: HttpStatus.CONFLICT,
  case_not_closed: HttpStatus.CONFLICT,
  not_confirmed: HttpStatus.CONFLICT,
  already_verified: HttpStatus.CONFLICT,
  no_assistance_recorded: HttpStatus.CONFLICT,
  household_not_stable: HttpStatus.CONFLICT,
  already_long_term_follow_up: HttpStatus.CONFLICT,
  superseded_by_newer_case: HttpStatus.CONFLICT,
  not_at_risk: HttpStatus.CONFLICT,
  wrong_household: HttpStatus.CONFLICT,
  invalid_case_id: HttpStatus.CONFLICT,
  category_required: HttpStatus.UNPROCESSABLE_ENTITY,
  invalid_visit_time: HttpStatus.UNPROCESSABLE_ENTITY,
  invalid_amount: HttpStatus.UNPROCESSABLE_ENTITY,
  description_required: HttpStatus.UNPROCESSABLE_ENTITY,
  reason_required: HttpStatus.UNPROCESSABLE_ENTITY,
};

const ERROR_NAMES: Partial<Record<HttpStatus, string>> = {
  [HttpStatus.FORBIDDEN]: 'Forbidden',
  [HttpStatus.NOT_FOUND]: 'Not Found',
  [HttpStatus.CONFLICT]: 'Conflict',
  [HttpStatus.UNPROCESSABLE_ENTITY]: 'Unprocessable Entity',
  [HttpStatus.SERVICE_UNAVAILABLE]: 'Service Unavailable',
};

/** The part of the platform's (Express) response the filter uses. */
interface HttpResponse {
  setHeader(name: string, value: string): void;
  status(code: number): { json(body: unknown): void };
}

type CaseCommandError =
  | CaseRuleViolation
  | CaseNotFound
  | CaseActionForbidden
  | CaseConcurrencyConflict
  | HouseholdStateUnavailable;

/** Answers the case commands' refusals with their status, stable `code` and a message for people. */
@Catch(
  CaseRuleViolation,
  CaseNotFound,
  CaseActionForbidden,
  CaseConcurrencyConflict,
  HouseholdStateUnavailable,
)
export class CaseHttpErrorsFilter implements ExceptionFilter<CaseCommandError> {
  catch(error: CaseCommandError, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<HttpResponse>();
    const status = statusOf(error);
    if (error instanceof HouseholdStateUnavailable) response.setHeader('Retry-After', '5');
    response.status(status).json({
      statusCode: status,
      error: ERROR_NAMES[status],
      code: error.code,
      message: error.message,
      ...(error instanceof CaseRuleViolation && error.details.length > 0 && { details: error.details }),
    });
  }
}

function statusOf(error: CaseCommandError): HttpStatus {
  if (error instanceof CaseRuleViolation) return RULE_STATUS[error.code];
  if (error instanceof CaseNotFound) return HttpStatus.NOT_FOUND;
  if (error instanceof CaseActionForbidden) return HttpStatus.FORBIDDEN;
  if (error instanceof CaseConcurrencyConflict) return HttpStatus.CONFLICT;
  return HttpStatus.SERVICE_UNAVAILABLE;
}
