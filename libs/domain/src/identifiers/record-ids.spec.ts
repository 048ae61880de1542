import { entityIdProblem, isValidHouseholdId, sourceIdProblem } from './record-ids';

describe('record identifier shapes', () => {
  it('accepts URL-safe household and person ids up to 64 characters', () => {
    expect(isValidHouseholdId('4104232032010001')).toBe(true);
    expect(isValidHouseholdId('H-2024_07')).toBe(true);
    expect(isValidHouseholdId('a'.repeat(64))).toBe(true);
  });

  it('rejects household ids that would not survive a stream id or URL', () => {
    expect(entityIdProblem('')).toBe('should not be empty');
    expect(entityIdProblem('a'.repeat(65))).toBe('should be at most 64 characters');
    expect(entityIdProblem('-abc')).toMatch(/starting with a letter or digit/);
    expect(entityIdProblem('a/b')).toMatch(/letters, digits/);
    expect(entityIdProblem('户001')).toMatch(/letters, digits/);
  });

  it('accepts any printable upstream id up to 128 characters', () => {
    expect(sourceIdProblem('2304:2025-03-01/000123 结算')).toBeUndefined();
    expect(sourceIdProblem('x'.repeat(128))).toBeUndefined();
  });

  it('rejects empty, overlong, padded or control-character upstream ids', () => {
    expect(sourceIdProblem('')).toBe('should not be empty');
    expect(sourceIdProblem('   ')).toBe('should not be empty');
    expect(sourceIdProblem('x'.repeat(129))).toBe('should be at most 128 characters');
    expect(sourceIdProblem(' abc')).toBe('should not start or end with spaces');
    expect(sourceIdProblem('a\nb')).toBe('should not contain control characters');
  });
});
