import { z } from 'zod';
import { integerParam, isoDateTimeParam } from '../http/query-fields';

export const DEFAULT_LOG_LIMIT = 100;
export const MAX_LOG_LIMIT = 500;

/** `GET /api/v1/audit/access-log` query string. */
export const readAccessLogQuerySchema = z
  .object({
    user: z.string().trim().min(1).max(128).optional(),
    household: z.string().trim().min(1).max(128).optional(),
    from: isoDateTimeParam.optional(),
    to: isoDateTimeParam.optional(),
    limit: integerParam(1, MAX_LOG_LIMIT).default(DEFAULT_LOG_LIMIT),
    cursor: z.string().max(200).optional(),
  })
  .strict()
  .superRefine((query, ctx) => {
    if (query.from && query.to && query.to.epochMillis <= query.from.epochMillis) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'should be later than from' });
    }
  });

export type ReadAccessLogQuery = z.output<typeof readAccessLogQuerySchema>;

/** The log is read newest first; the cursor is the id of the last entry returned. */
export const encodeAccessLogCursor = (id: string): string =>
  Buffer.from(JSON.stringify({ v: 1, id }), 'utf8').toString('base64url');

export const decodeAccessLogCursor = (text: string): string | undefined => {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(text)) return undefined;
  try {
    const wire: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    const parsed = z
      .object({ v: z.literal(1), id: z.string().regex(/^\d{1,18}$/) })
      .strict()
      .safeParse(wire);
    return parsed.success ? parsed.data.id : undefined;
  } catch {
    return undefined;
  }
};
