import { z } from 'zod';
import { isoDateTimeParam } from '../http/query-fields';

/** `GET /api/v1/stats/regions/{regionCode}` query string: the period of the deadline figures. */
export const regionStatsQuerySchema = z
  .object({
    from: isoDateTimeParam.optional(),
    to: isoDateTimeParam.optional(),
  })
  .strict()
  .superRefine((query, ctx) => {
    if (query.from && query.to && query.to.epochMillis <= query.from.epochMillis) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'should be later than from' });
    }
  });

export type RegionStatsQuery = z.output<typeof regionStatsQuerySchema>;

/** Without `from`, the period is the 30 days before `to` (default: now). */
export const DEFAULT_PERIOD_DAYS = 30;
