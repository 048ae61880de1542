import { z } from 'zod';
import { regionPrefixParam } from '../http/query-fields';

export interface Quarter {
  year: number;
  quarter: 1 | 2 | 3 | 4;
  /** `2026Q3`. */
  label: string;
}

/** `2026Q3`: a year from 2000 to 2099 and a quarter from 1 to 4. */
export const quarterParam = z.string().transform((raw, ctx): Quarter => {
  const match = /^(20\d{2})Q([1-4])$/.exec(raw.trim().toUpperCase());
  if (!match) {
    ctx.addIssue({
      code: 'custom',
      message: 'should be a year and a quarter such as 2026Q3 (quarters 1 to 4)',
    });
    return z.NEVER;
  }
  const year = Number(match[1]);
  const quarter = Number(match[2]) as Quarter['quarter'];
  return { year, quarter, label: `${year}Q${quarter}` };
});

/** `GET /api/v1/reports/quarterly` query string. */
export const quarterlyReportQuerySchema = z
  .object({
    quarter: quarterParam,
    region: regionPrefixParam.optional(),
  })
  .strict();

export type QuarterlyReportQuery = z.output<typeof quarterlyReportQuerySchema>;

/** First month of the quarter and of the next one, as (year, month 1–12). */
export const quarterMonths = (
  quarter: Quarter,
): { start: { year: number; month: number }; end: { year: number; month: number } } => {
  const startMonth = (quarter.quarter - 1) * 3 + 1;
  return {
    start: { year: quarter.year, month: startMonth },
    end:
      startMonth === 10
        ? { year: quarter.year + 1, month: 1 }
        : { year: quarter.year, month: startMonth + 3 },
  };
};
