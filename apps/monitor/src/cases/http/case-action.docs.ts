import { applyDecorators, HttpCode, HttpStatus } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { z } from 'zod';
import { IDEMPOTENCY_KEY_HEADER } from './case-request.params';

const RESULT_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['caseId', 'stage', 'version', 'events'],
  properties: {
    caseId: { type: 'string', format: 'uuid' },
    stage: {
      type: 'string',
      enum: ['open', 'verified', 'assisting', 'long_term_follow_up', 'risk_eliminated', 'dismissed'],
    },
    version: { type: 'integer', description: 'the case stream version after the action' },
    events: { type: 'array', items: { type: 'string' }, description: 'types of the events appended' },
  },
};

const ERROR_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    statusCode: { type: 'integer' },
    error: { type: 'string' },
    code: { type: 'string', description: 'stable machine-readable reason (a case rule code, ...)' },
    message: { type: 'string' },
    issues: {
      type: 'array',
      items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } },
    },
    details: { type: 'array', items: { type: 'string' } },
  },
};

/** OpenAPI description and the 200 answer shared by the case actions (DESIGN §8). */
export function CaseActionDocs(summary: string, body: z.ZodType): MethodDecorator {
  return applyDecorators(
    HttpCode(HttpStatus.OK),
    ApiTags('cases'),
    ApiBearerAuth(),
    ApiOperation({ summary }),
    ApiHeader({
      name: IDEMPOTENCY_KEY_HEADER,
      required: false,
      description: 'client key of the request: sent again, the action is applied once',
    }),
    ApiBody({
      schema: z.toJSONSchema(body, {
        io: 'input',
        unrepresentable: 'any',
        target: 'openapi-3.0',
      }) as SchemaObject,
    }),
    ApiResponse({ status: 200, description: "the case's new stage and version", schema: RESULT_SCHEMA }),
    ApiResponse({ status: 400, description: 'invalid body: one issue per field', schema: ERROR_SCHEMA }),
    ApiResponse({
      status: 403,
      description: 'role, or region not a county the caller holds',
      schema: ERROR_SCHEMA,
    }),
    ApiResponse({ status: 404, description: "no such case in the caller's region", schema: ERROR_SCHEMA }),
    ApiResponse({
      status: 409,
      description: "refused by the case's state, or a lost race",
      schema: ERROR_SCHEMA,
    }),
    ApiResponse({
      status: 422,
      description: 'the action cannot be applied as written',
      schema: ERROR_SCHEMA,
    }),
  );
}
