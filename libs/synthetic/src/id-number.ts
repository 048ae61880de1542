import { checkCharacter } from '@monitoring/domain';

/**
 * GB 11643-1999 resident ID numbers for generated people: 6-digit county address code, 8-digit birth
 * date, 3-digit sequence (odd for men, even for women) and the check character (ISO 7064 MOD 11-2,
 * the domain's `checkCharacter`).
 */

const CHECK_CHARACTERS = '10X98765432';

/** Builds a valid ID number; `birthDate` is `YYYY-MM-DD`, `sequence` 0–999 with the sex parity already in it. */
export const buildIdNumber = (countyCode: string, birthDate: string, sequence: number): string => {
  if (!/^\d{6}$/.test(countyCode)) throw new RangeError(`county code must be 6 digits: ${countyCode}`);
  if (!Number.isInteger(sequence) || sequence < 0 || sequence > 999) {
    throw new RangeError(`sequence must be 0–999: ${sequence}`);
  }
  const body = `${countyCode}${birthDate.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  return body + checkCharacter(body);
};

/** The same number with a wrong check character: a deliberately malformed record. */
export const withWrongCheckCharacter = (idNumber: string): string => {
  const index = CHECK_CHARACTERS.indexOf(idNumber[17] ?? '');
  return idNumber.slice(0, 17) + CHECK_CHARACTERS[(index + 1) % CHECK_CHARACTERS.length];
};
