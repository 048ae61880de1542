import { randomUUID } from 'node:crypto';
import {
  BadRequestException,
  createParamDecorator,
  Injectable,
  type ExecutionContext,
  type PipeTransform,
} from '@nestjs/common';
import type { AuthUser } from '@monitoring/auth';
import { CaseNotFound } from '../case.errors';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
const IDEMPOTENCY_KEY = /^[A-Za-z0-9._-]{8,128}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The command id of an officer's request: the client's `Idempotency-Key`, scoped to the caller and
 * the action (`@CommandId('assistance')`), so that a request sent again after a lost answer appends
 * nothing twice; a fresh id otherwise.
 */
export const CommandId = createParamDecorator((action: string, ctx: ExecutionContext): string => {
  const request = ctx
    .switchToHttp()
    .getRequest<{ headers: Record<string, string | string[] | undefined>; user?: AuthUser }>();
  const header = request.headers[IDEMPOTENCY_KEY_HEADER];
  if (header === undefined) return randomUUID();
  if (typeof header !== 'string' || !IDEMPOTENCY_KEY.test(header)) {
    throw new BadRequestException({
      statusCode: 400,
      error: 'Bad Request',
      code: 'invalid_idempotency_key',
      message: 'Idempotency-Key must be 8 to 128 letters, digits, dots, dashes or underscores',
      issues: [{ field: 'Idempotency-Key', message: 'should be 8 to 128 letters, digits, . _ or -' }],
    });
  }
  if (!request.user) throw new Error('CommandId used on a route without authentication');
  return `${request.user.sub}/${action}/${header}`;
});

/** Case ids are UUIDs; anything else names no case (404, the same as an unknown id). */
@Injectable()
export class CaseIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!UUID.test(value)) throw new CaseNotFound(value.slice(0, 64));
    return value.toLowerCase();
  }
}
