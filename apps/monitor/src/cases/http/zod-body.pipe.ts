import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';
import { reasonOf, recordErrorMap, recordIssuesOf } from '@monitoring/domain';
import type { z } from 'zod';

/**
 * Validates a request body against a zod schema. A bad body answers 400 with one issue per field
 * (`{ field: 'visitedAt', message: 'has no UTC offset; ...' }`), in the same plain words as rejected
 * source records; input values are not echoed back.
 */
@Injectable()
export class ZodBodyPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(private readonly schema: S) {}

  transform(body: unknown): z.output<S> {
    const parsed = this.schema.safeParse(body ?? {}, { error: recordErrorMap });
    if (parsed.success) return parsed.data;
    const issues = recordIssuesOf(parsed.error.issues);
    throw new BadRequestException({
      statusCode: 400,
      error: 'Bad Request',
      code: 'invalid_body',
      message: `invalid request body: ${reasonOf(issues)}`,
      issues,
    });
  }
}
