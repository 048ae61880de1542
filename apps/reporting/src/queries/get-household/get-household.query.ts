import { z } from 'zod';
import { isoDateTimeParam } from '../../http/query-fields';

/**
 * `GET /api/v1/households/{id}` query string: `asOf` answers as of a past business time (replaying
 * the household's events up to it under the policy then in force); `knownAt` also leaves out what the
 * system had not recorded by then. `knownAt` alone answers as of that same time.
 */
export const getHouseholdQuerySchema = z
  .object({
    asOf: isoDateTimeParam.optional(),
    knownAt: isoDateTimeParam.optional(),
  })
  .strict();

export type GetHouseholdQuery = z.output<typeof getHouseholdQuerySchema>;
