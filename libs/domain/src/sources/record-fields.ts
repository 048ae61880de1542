import { z } from 'zod';
import { entityIdProblem, sourceIdProblem } from '../identifiers/record-ids';
import { parseRegionCode } from '../identifiers/region-code';
import { parseIdNumber } from '../identifiers/resident-id-number';
import { fenProblem } from '../money/fen';
import { parseIsoDate } from '../time/calendar';
import { parseIsoDateTime, tryParseIsoDateTime } from '../time/instant';

/** Field schemas shared by the source record schemas, each with a plain-words reason when it fails. */

/** Adds a check that explains itself: `problemOf` returns the reason, or undefined when the value is fine. */
export const explained = <T extends z.ZodType>(
  schema: T,
  problemOf: (value: z.output<T>) => string | undefined,
): T =>
  schema.superRefine((value, ctx) => {
    const problem = problemOf(value);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
  });

/**
 * Business times before this are not plausible for any record the system takes (targeted poverty
 * registration began in 2014); an earlier one is a zero or epoch default leaking from the sender.
 */
export const EARLIEST_BUSINESS_TIME = '2000-01-01T00:00:00+08:00';
const EARLIEST_BUSINESS_MILLIS = tryParseIsoDateTime(EARLIEST_BUSINESS_TIME)?.epochMillis ?? 0;

export const dateTimeField = explained(z.string(), (value) => {
  const parsed = parseIsoDateTime(value);
  if (!parsed.ok) return parsed.reason;
  return parsed.value.epochMillis < EARLIEST_BUSINESS_MILLIS
    ? `is before ${EARLIEST_BUSINESS_TIME}, earlier than any record this system takes`
    : undefined;
});

export const calendarDateField = explained(z.string(), (value) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return 'should be a date written YYYY-MM-DD';
  return parseIsoDate(value) === undefined ? `${value} is not a calendar date` : undefined;
});

export const sourceIdField = explained(z.string(), sourceIdProblem);

/** Household and person ids. */
export const entityIdField = explained(z.string(), entityIdProblem);

export const idNumberField = explained(z.string(), (value) => {
  const parsed = parseIdNumber(value);
  return parsed.ok ? undefined : parsed.reason;
});

/** A household's region: a full village-level code. */
export const villageCodeField = explained(z.string(), (value) => {
  const parsed = parseRegionCode(value);
  if (!parsed.ok) return parsed.reason;
  return parsed.value.level === 'village'
    ? undefined
    : `names a ${parsed.value.level}; a household's region is a village code (all 12 digits)`;
});

/** A whole, non-negative number of fen up to `max`; -0 is read as 0. */
export const fenField = (max: number) =>
  explained(z.number(), (value) => fenProblem(value, max)).overwrite((value) => value || 0);

export const yearField = (min: number, max: number) =>
  explained(z.number().int(), (value) =>
    value < min || value > max ? `should be a year from ${min} to ${max}, got ${value}` : undefined,
  );

// eslint-disable-next-line no-control-regex -- control characters are exactly what is being rejected
const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const LINE_BREAK = /[\n\r\u2028\u2029]/;

/** Free text such as a reason: 1 to `max` characters, not blank, no control characters but line breaks. */
export const textField = (max: number) =>
  explained(z.string(), (value) => {
    if (value.trim().length === 0) return 'should not be empty';
    if (value.length > max) return `should be at most ${max} characters`;
    return CONTROL_CHARACTER.test(value) ? 'should not contain control characters' : undefined;
  });

/** A person's name: 1–64 characters on one line, no surrounding spaces. */
export const nameField = explained(z.string(), (value) => {
  if (value.trim().length === 0) return 'should not be empty';
  if (value.length > 64) return 'should be at most 64 characters';
  if (value.trim() !== value) return 'should not start or end with spaces';
  return CONTROL_CHARACTER.test(value) || LINE_BREAK.test(value)
    ? 'should not contain control characters'
    : undefined;
});

/**
 * ICD-10 codes as the national healthcare-security versions write them: a category (`I63`), optionally
 * a subcategory of up to four characters (`I63.9`, `I10.x00`) and a clinical extension (`I10.x00x032`).
 */
const ICD10 = /^[A-Z]\d{2}(?:\.[0-9A-Zx]{1,4}(?:x\d{3})?)?$/;
export const diagnosisCodeField = explained(z.string(), (value) =>
  ICD10.test(value) ? undefined : 'should be an ICD-10 code such as I63.9 or I10.x00x032',
);
