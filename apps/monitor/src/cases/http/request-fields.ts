import { parseIsoDateTime } from '@monitoring/domain';
import { z } from 'zod';

/** Field schemas shared by the case actions' request bodies. */

const MAX_TEXT = 2_000;

/** ISO 8601 date-time with its UTC offset (`2025-03-05T10:00:00+08:00`). */
export const isoDateTime = z.string().superRefine((value, ctx) => {
  const parsed = parseIsoDateTime(value);
  if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.reason });
});

/** Free text that may be empty. */
export const optionalText = z.string().trim().max(MAX_TEXT);

/** Free text that must say something. */
export const requiredText = z.string().trim().min(1, 'must not be empty').max(MAX_TEXT);
