import type { z } from 'zod';

/**
 * Field-level reasons for rejected records, as senders read them in the dead-letter topic and the
 * rejected-messages table: `members[1].idNumber: check character should be 'X'`. Messages describe
 * the problem without echoing personal data (names, ID numbers); only enum values, numbers and
 * field names are quoted back.
 */
export interface RecordIssue {
  /** Path of the offending field, `members[1].idNumber`; empty for the record as a whole. */
  readonly field: string;
  readonly message: string;
}

/** Reasons list at most this many issues; a record that broken needs fixing at its source anyway. */
const MAX_ISSUES_IN_REASON = 10;
const MAX_QUOTED_LENGTH = 40;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

const quote = (text: string): string =>
  JSON.stringify(text.length > MAX_QUOTED_LENGTH ? `${text.slice(0, MAX_QUOTED_LENGTH)}…` : text);

/** `members[1].idNumber`; odd keys are quoted: `["a.b"]`. */
export const formatPath = (path: readonly PropertyKey[]): string =>
  path
    .map((key, index) => {
      if (typeof key === 'number') return `[${key}]`;
      const name = String(key);
      if (IDENTIFIER.test(name)) return index === 0 ? name : `.${name}`;
      return `[${quote(name)}]`;
    })
    .join('');

/** A value's kind, for "got ..." in messages; numbers and booleans are shown, strings are not. */
export const describeValue = (value: unknown): string => {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return 'a string';
    case 'number':
    case 'boolean':
      return String(value);
    case 'object':
      return 'an object';
    default:
      return `a ${typeof value}`;
  }
};

const EXPECTED: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
};

const formatEnumValue = (value: unknown): string =>
  typeof value === 'string' ? quote(value) : String(value);

/**
 * The error map used for every source record parse: plain sentences for zod's own issues. Messages
 * the schemas set themselves (custom checks) take precedence over it.
 */
export const recordErrorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return 'is required';
      const expected = EXPECTED[issue.expected] ?? issue.expected;
      return `should be ${expected}, got ${describeValue(issue.input)}`;
    }
    case 'invalid_value': {
      if (issue.input === undefined) return 'is required';
      const expected = issue.values.map(formatEnumValue).join(', ');
      const got =
        typeof issue.input === 'string' || typeof issue.input === 'number'
          ? formatEnumValue(issue.input)
          : describeValue(issue.input);
      return issue.values.length === 1
        ? `should be ${expected}, got ${got}`
        : `unknown value ${got}; expected one of ${expected}`;
    }
    case 'too_small':
      return issue.origin === 'array'
        ? `should have at least ${issue.minimum} entr${issue.minimum === 1 ? 'y' : 'ies'}`
        : issue.origin === 'string'
          ? `should be at least ${issue.minimum} characters`
          : `should be at least ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'array'
        ? `should have at most ${issue.maximum} entries`
        : issue.origin === 'string'
          ? `should be at most ${issue.maximum} characters`
          : `should be at most ${issue.maximum}`;
    default:
      return undefined;
  }
};

/** Zod's issues as record issues; an unrecognised-keys issue becomes one issue per unknown field. */
export const recordIssuesOf = (issues: readonly z.core.$ZodIssue[]): RecordIssue[] =>
  issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ field: formatPath([...issue.path, key]), message: 'unknown field' }))
      : [{ field: formatPath(issue.path), message: issue.message }],
  );

export const formatIssue = (issue: RecordIssue): string =>
  issue.field === '' ? issue.message : `${issue.field}: ${issue.message}`;

/** All issues in one line: `a: ...; b[0].c: ...`, cut after the first ten. */
export const reasonOf = (issues: readonly RecordIssue[]): string => {
  const shown = issues.slice(0, MAX_ISSUES_IN_REASON).map(formatIssue).join('; ');
  const more = issues.length - MAX_ISSUES_IN_REASON;
  return more > 0 ? `${shown}; and ${more} more` : shown;
};
