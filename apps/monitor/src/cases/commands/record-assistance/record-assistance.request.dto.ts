import type { MeasureType } from '@monitoring/domain';
import { z } from 'zod';
import { requiredText } from '../../http/request-fields';

// A record, so that a measure type added to the catalog fails to compile here until it is accepted.
const MEASURE_TYPES: Record<MeasureType, true> = {
  medical: true,
  employment: true,
  industry: true,
  social_assistance: true,
  education: true,
  housing: true,
  drinking_water: true,
  temporary_relief: true,
  insurance: true,
  social_help: true,
};

/** `POST /api/v1/cases/{id}/assistance` (DESIGN §8): a measure put in place; money in whole fen. */
export const recordAssistanceRequestSchema = z.strictObject({
  measureType: z.enum(Object.keys(MEASURE_TYPES) as [MeasureType, ...MeasureType[]]),
  description: requiredText,
  amountFen: z.int().nonnegative().optional(),
});

export type RecordAssistanceRequestDto = z.output<typeof recordAssistanceRequestSchema>;
