import type { CaseStage, RiskCategory } from '@monitoring/domain';
import { z } from 'zod';
import {
  booleanParam,
  countyParam,
  enumListParam,
  integerParam,
  isoDateTimeParam,
  regionPrefixParam,
} from '../../http/query-fields';
import { CASE_QUEUE_SORTS } from './case-queue-order';

export const CASE_STAGES = [
  'open',
  'verified',
  'assisting',
  'long_term_follow_up',
  'risk_eliminated',
  'dismissed',
] as const satisfies readonly CaseStage[];

export const CASE_CATEGORIES = [
  'unstable',
  'marginal',
  'sudden_hardship',
  'none',
] as const satisfies readonly RiskCategory[];

export const DEFAULT_QUEUE_LIMIT = 50;
export const MAX_QUEUE_LIMIT = 200;

/** `GET /api/v1/cases` query string. Unknown parameters are refused, so a misspelt filter never widens the list. */
export const listCasesQuerySchema = z
  .object({
    region: regionPrefixParam.optional(),
    county: countyParam.optional(),
    category: enumListParam(CASE_CATEGORIES).optional(),
    stage: enumListParam(CASE_STAGES).optional(),
    overdue: booleanParam.optional(),
    openedFrom: isoDateTimeParam.optional(),
    openedTo: isoDateTimeParam.optional(),
    sort: z.enum(CASE_QUEUE_SORTS).default('deadline'),
    limit: integerParam(1, MAX_QUEUE_LIMIT).default(DEFAULT_QUEUE_LIMIT),
    cursor: z.string().max(1_000, 'is not a cursor this service wrote').optional(),
  })
  .strict()
  .superRefine((query, ctx) => {
    if (query.openedFrom && query.openedTo && query.openedTo.epochMillis <= query.openedFrom.epochMillis) {
      ctx.addIssue({ code: 'custom', path: ['openedTo'], message: 'should be later than openedFrom' });
    }
  });

export type ListCasesQuery = z.output<typeof listCasesQuerySchema>;
