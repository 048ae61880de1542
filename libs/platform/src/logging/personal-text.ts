import { maskIdNumber } from '@monitoring/domain';

/**
 * Rejected payloads are kept for the sender to fix, logged and shown to staff: they must not carry
 * resident ID numbers in full. Two rules, applied together:
 * - the value of any `idNumber` member of JSON text, whatever it holds (a typo is still personal);
 * - any run of 15 or more digits, optionally ending in X (an 18- or 15-character ID number, or one
 *   with a digit too many or too few), wherever it stands (CSV rows, broken JSON). No other field of
 *   a source record is that long: money is at most 11 digits.
 */
const ID_NUMBER_MEMBER = /("id_?number"\s*:\s*")((?:[^"\\]|\\.)*)(")/gi;
const LONG_DIGIT_RUN = /(?<!\d)\d{14,}[\dXx](?!\d)/g;

export const maskIdNumbersIn = (text: string): string =>
  text
    .replace(
      ID_NUMBER_MEMBER,
      (_all, open: string, value: string, close: string) => open + maskIdNumber(value) + close,
    )
    .replace(LONG_DIGIT_RUN, (digits) => maskIdNumber(digits));

/** PostgreSQL text cannot hold U+0000; it is shown as U+FFFD instead. */
export const withoutNul = (text: string): string =>
  text.includes('\u0000') ? text.replaceAll('\u0000', '\uFFFD') : text;

/** A value cut to `max` characters, marked when cut. */
export const truncate = (text: string, max: number): string =>
  text.length <= max ? text : `${text.slice(0, max - 1)}…`;

/** Untrusted text for a log line or a column: masked, without NUL, at most `max` characters. */
export const safeText = (text: string, max: number): string =>
  truncate(withoutNul(maskIdNumbersIn(text)), max);
