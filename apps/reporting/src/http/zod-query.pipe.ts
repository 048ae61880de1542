import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';
import { reasonOf, recordErrorMap, recordIssuesOf } from '@monitoring/domain';
import type { z } from 'zod';

/**
 * Validates a request's query string against a zod schema. Bad input answers 400 with one issue per
 * parameter (`{ field: 'limit', message: 'should be at most 200' }`), in the same plain words as the
 * case actions' bodies; never a 500.
 */
@Injectable()
export class ZodQueryPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(private readonly schema: S) {}

  transform(query: unknown): z.output<S> {
    const parsed = this.schema.safeParse(query ?? {}, { error: recordErrorMap });
    if (parsed.success) return parsed.data;
    const issues = recordIssuesOf(parsed.error.issues);
    throw new BadRequestException({
      statusCode: 400,
      error: 'Bad Request',
      code: 'invalid_query',
      message: `invalid query: ${reasonOf(issues)}`,
      issues,
    });
  }
}

/** A 400 about one parameter, in the shape of the pipe's answers (for checks made after parsing). */
export const invalidParameter = (
  field: string,
  message: string,
  code = 'invalid_query',
): BadRequestException =>
  new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    code,
    message: `invalid query: ${field}: ${message}`,
    issues: [{ field, message }],
  });
