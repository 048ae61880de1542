import { z } from 'zod';
import { requiredText } from '../../http/request-fields';

/** `POST /api/v1/cases/{id}/reopen`: why the elimination (or dismissal) was premature. */
export const reopenCaseRequestSchema = z.strictObject({ reason: requiredText });

export type ReopenCaseRequestDto = z.output<typeof reopenCaseRequestSchema>;
