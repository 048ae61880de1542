import { z } from 'zod';
import { requiredText } from '../../http/request-fields';

/**
 * `POST /api/v1/cases/{id}/risk-elimination` (DESIGN §8): only the officer's reason. Whether the
 * household is stable is assessed from its own data as of now, never taken from the request.
 */
export const eliminateRiskRequestSchema = z.strictObject({ reason: requiredText });

export type EliminateRiskRequestDto = z.output<typeof eliminateRiskRequestSchema>;
