import type { RiskCategory } from '@monitoring/domain';
import { z } from 'zod';
import { isoDateTime, optionalText } from '../../http/request-fields';

const CATEGORIES = ['unstable', 'marginal', 'sudden_hardship'] as const satisfies readonly Exclude<
  RiskCategory,
  'none'
>[];

/**
 * `POST /api/v1/cases/{id}/verification` (DESIGN §8): the home visit's outcome. `category` is the
 * officer's category of a confirmed household (default: the category the case records); a dismissal
 * needs notes saying why.
 */
export const recordVerificationRequestSchema = z
  .strictObject({
    outcome: z.enum(['confirmed', 'dismissed']),
    category: z.enum(CATEGORIES).optional(),
    visitedAt: isoDateTime,
    notes: optionalText,
  })
  .superRefine((body, ctx) => {
    if (body.outcome === 'dismissed' && body.category !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['category'], message: 'applies only to a confirmed outcome' });
    }
    if (body.outcome === 'dismissed' && body.notes.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['notes'], message: 'must say why the warning is dismissed' });
    }
  });

export type RecordVerificationRequestDto = z.output<typeof recordVerificationRequestSchema>;
