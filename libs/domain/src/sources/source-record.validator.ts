import { z } from 'zod';
import {
  type CalendarDate,
  compareCalendarDates,
  formatIsoDate,
  fullYearsBetween,
  parseIsoDate,
} from '../time/calendar';
import {
  formatInstant,
  type InstantInput,
  MILLIS_PER_MINUTE,
  parseIsoDateTimeOrThrow,
  toEpochMillis,
} from '../time/instant';
import { sourceIdProblem } from '../identifiers/record-ids';
import { type RecordIssue, recordErrorMap, recordIssuesOf } from './record-issues';
import { SOURCE_RECORD_SCHEMAS, type SourceRecord } from './source-record.schemas';
import {
  isSourceRecordType,
  isSourceTopic,
  recordTypesOf,
  SOURCE_RECORD_TYPES,
  SOURCE_TOPICS,
} from './source-topics';

/** Clocks of senders and of this system disagree a little; business times up to this far ahead pass. */
export const DEFAULT_FUTURE_TOLERANCE_MILLIS = 5 * MILLIS_PER_MINUTE;
/** Nobody on record has lived longer (the verified maximum is 122 years). */
export const MAX_AGE_YEARS = 130;

export interface ValidateSourceRecordOptions {
  /** The current time, from the caller's clock. */
  now: InstantInput;
  /** How far in the future a business time may be; 5 minutes by default. */
  futureToleranceMillis?: number;
}

export type SourceRecordValidation =
  | { ok: true; record: SourceRecord }
  | {
      ok: false;
      issues: RecordIssue[];
      /** The record's `type`, when it had a plausible one: for the rejected-messages table. */
      recordType?: string;
      /** The record's `sourceId`, when it had a well-formed one. */
      sourceId?: string;
    };

/** An object as JSON parsers make them: not an array, Map, Date or class instance. */
const isPlainRecord = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};

const ownField = (record: Record<string, unknown>, key: string): unknown =>
  Object.hasOwn(record, key) ? record[key] : undefined;

const kindOf = (value: unknown): string => {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (typeof value !== 'object') return `a ${typeof value}`;
  // `[object Map]` → `a Map`; plain objects → `an Object`.
  const tag = Object.prototype.toString.call(value).slice(8, -1);
  return `${/^[AEIOU]/.test(tag) ? 'an' : 'a'} ${tag}`;
};

/**
 * The record schemas compiled by zod (`z.compile`): generated code parses a valid record several times
 * faster than the runtime parser. Whatever the generated code does not accept goes to the runtime
 * parser, so rejected records get the runtime's issues and messages, word for word.
 */
const COMPILED_SCHEMAS = Object.fromEntries(
  Object.entries(SOURCE_RECORD_SCHEMAS).map(([type, schema]) => [type, z.compile(schema)]),
) as unknown as typeof SOURCE_RECORD_SCHEMAS;

const quoted = (values: readonly string[]): string => values.map((value) => JSON.stringify(value)).join(', ');

/**
 * Validates one source record arriving on a topic: its shape, vocabularies and internal rules
 * (`source-record.schemas.ts`), then the rules against time — its business time not in the future, no
 * birth before it, no year after it. Never throws on any `raw` value; throws RangeError only for an
 * invalid `now`, which is a bug of the caller.
 */
export const validateSourceRecord = (
  topic: unknown,
  raw: unknown,
  options: ValidateSourceRecordOptions,
): SourceRecordValidation => {
  const nowMillis = toEpochMillis(options.now);
  const tolerance = options.futureToleranceMillis ?? DEFAULT_FUTURE_TOLERANCE_MILLIS;
  const reject = (issues: RecordIssue[], recordType?: string, sourceId?: string): SourceRecordValidation => ({
    ok: false,
    issues,
    ...(recordType !== undefined && { recordType }),
    ...(sourceId !== undefined && { sourceId }),
  });

  if (!isSourceTopic(topic)) {
    const got = typeof topic === 'string' ? JSON.stringify(topic.slice(0, 40)) : kindOf(topic);
    return reject([{ field: '', message: `unknown topic ${got}; expected one of ${quoted(SOURCE_TOPICS)}` }]);
  }
  if (!isPlainRecord(raw)) {
    return reject([{ field: '', message: `the record should be a JSON object, got ${kindOf(raw)}` }]);
  }

  const type = ownField(raw, 'type');
  const rawSourceId = ownField(raw, 'sourceId');
  const sourceId =
    typeof rawSourceId === 'string' && sourceIdProblem(rawSourceId) === undefined ? rawSourceId : undefined;
  if (type === undefined) return reject([{ field: 'type', message: 'is required' }], undefined, sourceId);
  if (typeof type !== 'string') {
    return reject(
      [{ field: 'type', message: `should be a string, got ${kindOf(type)}` }],
      undefined,
      sourceId,
    );
  }
  const shownType = type.slice(0, 64);
  if (!isSourceRecordType(type)) {
    return reject(
      [
        {
          field: 'type',
          message: `unknown record type ${JSON.stringify(shownType)}; the ${topic} feed takes ${quoted(recordTypesOf(topic))}`,
        },
      ],
      shownType,
      sourceId,
    );
  }
  const home = SOURCE_RECORD_TYPES[type].topic;
  if (home !== topic) {
    return reject(
      [{ field: 'type', message: `"${type}" records belong on the ${home} feed, not ${topic}` }],
      type,
      sourceId,
    );
  }

  const parsed = COMPILED_SCHEMAS[type].safeParse(raw, { error: recordErrorMap });
  if (!parsed.success) return reject(recordIssuesOf(parsed.error.issues), type, sourceId);
  const record = parsed.data as SourceRecord;

  const issues = issuesAgainstTime(record, nowMillis, tolerance);
  return issues.length === 0 ? { ok: true, record } : reject(issues, type, sourceId);
};

const issuesAgainstTime = (
  record: SourceRecord,
  nowMillis: number,
  toleranceMillis: number,
): RecordIssue[] => {
  const occurred = parseIsoDateTimeOrThrow(record.occurredAt);
  const businessDate = occurred.localDate;
  const issues: RecordIssue[] = [];
  if (occurred.epochMillis > nowMillis + toleranceMillis) {
    issues.push({
      field: 'occurredAt',
      message:
        `is in the future: later than now (${formatInstant(nowMillis, occurred.offsetMinutes)}) ` +
        `by more than the ${toleranceMillis / MILLIS_PER_MINUTE}-minute clock tolerance`,
    });
  }
  const checkBirth = (field: string, birthDate: string) => {
    const problem = birthProblem(parseIsoDate(birthDate), businessDate);
    if (problem !== undefined) issues.push({ field, message: problem });
  };
  const checkYear = (field: string, year: number) => {
    if (year > businessDate.year) {
      issues.push({
        field,
        message: `${year} is after the record's business time (${formatIsoDate(businessDate)})`,
      });
    }
  };

  switch (record.type) {
    case 'household_registered':
      record.members.forEach((member, index) => checkBirth(`members[${index}].birthDate`, member.birthDate));
      if (record.povertyExitYear != null) checkYear('povertyExitYear', record.povertyExitYear);
      break;
    case 'member_added':
      checkBirth('member.birthDate', record.member.birthDate);
      break;
    case 'income_assessed':
      checkYear('year', record.year);
      break;
    default:
      break;
  }
  return issues;
};

const birthProblem = (birth: CalendarDate | undefined, businessDate: CalendarDate): string | undefined => {
  if (birth === undefined) return undefined; // the schema has checked the form already
  if (compareCalendarDates(birth, businessDate) > 0) {
    return `is after the record's business time (${formatIsoDate(businessDate)})`;
  }
  if (fullYearsBetween(birth, businessDate) > MAX_AGE_YEARS) {
    return `is more than ${MAX_AGE_YEARS} years before the record's business time (${formatIsoDate(businessDate)})`;
  }
  return undefined;
};
