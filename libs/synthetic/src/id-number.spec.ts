import { parseIdNumber, sexOf } from '@monitoring/domain';
import { buildIdNumber, withWrongCheckCharacter } from './id-number';
import { IdNumberIssuer } from './id-number-issuer';

describe('resident ID numbers', () => {
  it('builds the standard’s examples', () => {
    expect(buildIdNumber('110105', '1949-12-31', 2)).toBe('11010519491231002X');
    expect(buildIdNumber('440524', '1880-01-01', 1)).toBe('440524188001010014');
  });

  it('spoils a number by its check character only', () => {
    const valid = buildIdNumber('410423', '1968-03-29', 343);
    const spoiled = withWrongCheckCharacter(valid);
    expect(spoiled.slice(0, 17)).toBe(valid.slice(0, 17));
    expect(parseIdNumber(spoiled)).toEqual({ ok: false, reason: expect.stringContaining('check character') });
  });

  it('issues distinct valid numbers with the sex parity, for many people born the same day in a county', () => {
    const issuer = new IdNumberIssuer();
    const men = Array.from({ length: 500 }, () => issuer.issue('410423', '1970-06-01', true));
    const women = Array.from({ length: 500 }, () => issuer.issue('410423', '1970-06-01', false));
    const all = [...men, ...women];
    expect(new Set(all).size).toBe(1_000);
    expect(all.filter((id) => !parseIdNumber(id).ok)).toEqual([]);
    expect(new Set(men.map(sexOf))).toEqual(new Set(['male']));
    expect(new Set(women.map(sexOf))).toEqual(new Set(['female']));
    expect(() => issuer.issue('410423', '1970-06-01', true)).toThrow(RangeError);
    expect(parseIdNumber(issuer.issue('410424', '1970-06-01', true)).ok).toBe(true);
  });
});
