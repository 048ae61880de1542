import { maskIdNumbersIn, safeText, truncate, withoutNul } from './personal-text';

describe('personal data in rejected payloads', () => {
  const idNumber = '41042319680412001X';

  it('masks the idNumber members of JSON text, whatever they hold', () => {
    const text = JSON.stringify({ members: [{ idNumber, name: '王建国' }, { idNumber: '4104-typo' }] });
    const masked = maskIdNumbersIn(text);
    expect(masked).not.toContain(idNumber);
    expect(masked).toContain('"idNumber":"410423********001X"');
    expect(masked).toContain('"idNumber":"*********"');
    expect(masked).toContain('王建国');
  });

  it('masks long digit runs anywhere, such as a CSV row or broken JSON', () => {
    const masked = maskIdNumbersIn(
      `household_registered,REG-1,${idNumber},4104231968041200151,{"id": 410423196804120011`,
    );
    expect(masked).toBe(
      'household_registered,REG-1,410423********001X,410423*********0151,{"id": 410423********0011',
    );
  });

  it('leaves money, dates, region codes and other short numbers alone', () => {
    const text =
      '{"totalFen":3500000,"regionCode":"410423203201","occurredAt":"2025-03-01T10:00:00+08:00","at":1735689600000}';
    expect(maskIdNumbersIn(text)).toBe(text);
  });

  it('replaces NUL, which PostgreSQL text cannot hold', () => {
    expect(withoutNul('a\u0000b')).toBe('a\uFFFDb');
  });

  it('cuts long text and marks the cut', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
    expect(safeText(`${'x'.repeat(10)}${idNumber}`, 20)).toBe(`${'x'.repeat(10)}410423***…`);
  });
});
