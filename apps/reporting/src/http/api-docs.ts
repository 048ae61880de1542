import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

/** The error body every route answers with (Nest's exceptions, and the query pipe's field issues). */
export const ERROR_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['statusCode', 'message'],
  properties: {
    statusCode: { type: 'integer' },
    error: { type: 'string' },
    code: {
      type: 'string',
      description: 'stable machine-readable reason (invalid_query, invalid_cursor, ...)',
    },
    message: { type: 'string' },
    issues: {
      type: 'array',
      description: 'one entry per invalid parameter',
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: { field: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
};

/** Bearer auth and the refusals every reporting route can answer with. */
export function ReadRouteDocs(options: { notFound?: string } = {}): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiBearerAuth(),
    ApiResponse({
      status: 400,
      description: 'invalid parameters: one issue per field',
      schema: ERROR_SCHEMA,
    }),
    ApiResponse({ status: 401, description: 'missing, invalid or expired token', schema: ERROR_SCHEMA }),
    ApiResponse({ status: 403, description: 'the role may not use this route', schema: ERROR_SCHEMA }),
    ...(options.notFound
      ? [ApiResponse({ status: 404, description: options.notFound, schema: ERROR_SCHEMA })]
      : []),
  );
}
