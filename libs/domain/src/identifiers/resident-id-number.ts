import { type CalendarDate, formatIsoDate, isValidCalendarDate } from '../time/calendar';
import { isProvinceCode } from './region-code';

/**
 * Resident ID numbers (身份证号, GB 11643-1999): a 6-digit address code (the county of first
 * registration), an 8-digit birth date, a 3-digit sequence (odd for men, even for women) and a check
 * character by ISO 7064 MOD 11-2.
 */

export const ID_NUMBER_WEIGHTS: readonly number[] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** Check character by weighted sum mod 11. */
const CHECK_CHARACTERS = '10X98765432';

/**
 * Address codes of the mainland provinces, plus 81/82/83: residence permits of Hong Kong, Macao and
 * Taiwan residents use the same 18-character form and check.
 */
const PERMIT_ADDRESS_PROVINCES = new Set(['81', '82', '83']);

/** GB 11643 numbers people alive carry: born from 1800 (the standard's own example is 1880) on. */
const EARLIEST_BIRTH_YEAR = 1800;

export type Sex = 'male' | 'female';

export interface ResidentIdNumber {
  readonly idNumber: string;
  /** The county of first registration. */
  readonly addressCode: string;
  readonly birthDate: CalendarDate;
  readonly sequence: string;
  readonly sex: Sex;
}

export type IdNumberParse = { ok: true; value: ResidentIdNumber } | { ok: false; reason: string };

const BODY = /^\d{17}$/;
const SHAPE = /^\d{17}[\dX]$/;

/** The check character (0–9 or X) of a 17-digit body: for generators and for validation. */
export const checkCharacter = (body: string): string => {
  if (!BODY.test(body)) throw new RangeError('a resident ID number body is 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += (body.charCodeAt(i) - 48) * ID_NUMBER_WEIGHTS[i];
  return CHECK_CHARACTERS[sum % 11];
};

/**
 * Validates an ID number and takes it apart. The check character is verified before the meaning of the
 * digits: a wrong one says there is a typo somewhere, which is the more useful message. Reasons never
 * repeat the number itself, so they can be logged and stored with rejected records.
 */
export const parseIdNumber = (text: string): IdNumberParse => {
  if (text.length !== 18) return { ok: false, reason: `should be 18 characters, got ${text.length}` };
  if (!SHAPE.test(text)) return { ok: false, reason: "should be 17 digits followed by a digit or 'X'" };
  const expected = checkCharacter(text.slice(0, 17));
  if (text[17] !== expected) return { ok: false, reason: `check character should be '${expected}'` };

  const addressCode = text.slice(0, 6);
  const province = addressCode.slice(0, 2);
  if (!isProvinceCode(province) && !PERMIT_ADDRESS_PROVINCES.has(province)) {
    return { ok: false, reason: `address code starts with ${province}, which is no province` };
  }
  const [year, month, day] = [
    Number(text.slice(6, 10)),
    Number(text.slice(10, 12)),
    Number(text.slice(12, 14)),
  ];
  if (!isValidCalendarDate(year, month, day)) {
    return { ok: false, reason: `birth date ${text.slice(6, 14)} is not a calendar date` };
  }
  if (year < EARLIEST_BIRTH_YEAR) {
    return { ok: false, reason: `birth year ${year} is impossible` };
  }
  const sequence = text.slice(14, 17);
  return {
    ok: true,
    value: {
      idNumber: text,
      addressCode,
      birthDate: { year, month, day },
      sequence,
      sex: (text.charCodeAt(16) - 48) % 2 === 1 ? 'male' : 'female',
    },
  };
};

export const isValidIdNumber = (text: string): boolean => parseIdNumber(text).ok;

const parseOrThrow = (idNumber: string): ResidentIdNumber => {
  const parsed = parseIdNumber(idNumber);
  if (!parsed.ok)
    throw new RangeError(`invalid resident ID number (${maskIdNumber(idNumber)}): ${parsed.reason}`);
  return parsed.value;
};

/** Birth date in a valid ID number; throws RangeError for an invalid one. */
export const birthDateOf = (idNumber: string): CalendarDate => parseOrThrow(idNumber).birthDate;

/** `YYYY-MM-DD` birth date in a valid ID number; throws RangeError for an invalid one. */
export const isoBirthDateOf = (idNumber: string): string => formatIsoDate(birthDateOf(idNumber));

/** Sex by the parity of the sequence's last digit; throws RangeError for an invalid number. */
export const sexOf = (idNumber: string): Sex => parseOrThrow(idNumber).sex;

/**
 * Masks an ID number for display, logs and exports (public notices must not show ID numbers): keeps
 * the first 6 (county) and last 4 characters, `110105********002X`, at any length above 10; a value of
 * 10 characters or fewer is masked whole, since keeping 6 + 4 of it would show all of it.
 */
export const maskIdNumber = (idNumber: string): string =>
  idNumber.length <= 10
    ? '*'.repeat(idNumber.length)
    : `${idNumber.slice(0, 6)}${'*'.repeat(idNumber.length - 10)}${idNumber.slice(-4)}`;
