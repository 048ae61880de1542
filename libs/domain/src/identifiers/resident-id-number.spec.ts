import fc from 'fast-check';
import { civilFromDays, daysFromCivil, formatCompactDate } from '../time/calendar';
import { PROVINCE_CODES } from './region-code';
import {
  birthDateOf,
  checkCharacter,
  isValidIdNumber,
  isoBirthDateOf,
  maskIdNumber,
  parseIdNumber,
  sexOf,
} from './resident-id-number';

const reasonOf = (idNumber: string): string => {
  const parsed = parseIdNumber(idNumber);
  if (parsed.ok) throw new Error(`expected ${idNumber} to be rejected`);
  return parsed.reason;
};

/** A 17-digit body that means something: a mainland county, a real birth date, any sequence. */
const validBody = fc
  .tuple(
    fc.constantFrom(...Object.keys(PROVINCE_CODES)),
    fc.stringMatching(/^\d{4}$/),
    fc.integer({ min: daysFromCivil(1900, 1, 1), max: daysFromCivil(2025, 12, 31) }),
    fc.stringMatching(/^\d{3}$/),
  )
  .map(
    ([province, county, birthDay, sequence]) =>
      province + county + formatCompactDate(civilFromDays(birthDay)) + sequence,
  );

const validIdNumber = validBody.map((body) => body + checkCharacter(body));

describe('resident ID numbers (GB 11643)', () => {
  it('accepts the standard examples', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('440524188001010014')).toBe(true);
  });

  it('computes the ISO 7064 MOD 11-2 check character', () => {
    expect(checkCharacter('11010519491231002')).toBe('X');
    expect(checkCharacter('44052418800101001')).toBe('4');
    expect(() => checkCharacter('1101051949123100')).toThrow(RangeError);
  });

  it('takes the number apart: county, birth date, sequence, sex', () => {
    expect(parseIdNumber('11010519491231002X')).toEqual({
      ok: true,
      value: {
        idNumber: '11010519491231002X',
        addressCode: '110105',
        birthDate: { year: 1949, month: 12, day: 31 },
        sequence: '002',
        sex: 'female',
      },
    });
    expect(sexOf('440524188001010014')).toBe('male');
    expect(birthDateOf('440524188001010014')).toEqual({ year: 1880, month: 1, day: 1 });
    expect(isoBirthDateOf('11010519491231002X')).toBe('1949-12-31');
  });

  it('rejects a wrong check character, naming the right one', () => {
    expect(reasonOf('110105194912310021')).toBe("check character should be 'X'");
    expect(reasonOf('11010519491231002x')).toBe("should be 17 digits followed by a digit or 'X'");
  });

  it('rejects a wrong length or alphabet', () => {
    expect(reasonOf('11010519491231002')).toBe('should be 18 characters, got 17');
    expect(reasonOf('1101051949123100AX')).toBe("should be 17 digits followed by a digit or 'X'");
  });

  it('rejects an impossible birth date even with a correct check character', () => {
    const body = '11010519490231002';
    expect(reasonOf(body + checkCharacter(body))).toBe('birth date 19490231 is not a calendar date');
    const ancient = '11010517991231002';
    expect(reasonOf(ancient + checkCharacter(ancient))).toBe('birth year 1799 is impossible');
  });

  it('rejects an address code outside any province', () => {
    const body = '99010519491231002';
    expect(reasonOf(body + checkCharacter(body))).toBe('address code starts with 99, which is no province');
    const hongKongPermit = '81000019900101001';
    expect(isValidIdNumber(hongKongPermit + checkCharacter(hongKongPermit))).toBe(true);
  });

  it('property: every meaningful body with its computed check character validates', () => {
    fc.assert(
      fc.property(validIdNumber, (idNumber) => isValidIdNumber(idNumber)),
      { numRuns: 2000 },
    );
  });

  it('property: any single-character change of a valid number is rejected', () => {
    fc.assert(
      fc.property(
        validIdNumber,
        fc.nat(17),
        fc.constantFrom(...'0123456789X'),
        (idNumber, at, replacement) => {
          fc.pre(idNumber[at] !== replacement);
          const changed = idNumber.slice(0, at) + replacement + idNumber.slice(at + 1);
          return !isValidIdNumber(changed);
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('property: swapping two different adjacent digits is rejected', () => {
    fc.assert(
      fc.property(validIdNumber, fc.nat(16), (idNumber, at) => {
        fc.pre(idNumber[at] !== idNumber[at + 1]);
        const swapped = idNumber.slice(0, at) + idNumber[at + 1] + idNumber[at] + idNumber.slice(at + 2);
        return !isValidIdNumber(swapped);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses to read birth date or sex out of an invalid number', () => {
    expect(() => sexOf('110105194912310021')).toThrow("check character should be 'X'");
    expect(() => birthDateOf('110105194912310021')).toThrow('110105********0021');
  });

  it('masks all but the first 6 and last 4 characters', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskIdNumber('1234567890')).toBe('**********');
    expect(maskIdNumber('')).toBe('');
  });
});
