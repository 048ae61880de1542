import { parseCliArguments } from './generate.cli';
import { DEFAULT_PROVINCE_OPTIONS } from './province-generator';

describe('generate CLI arguments', () => {
  it('defaults to 10,000 households, a fixed seed and until date, and ./var/province', () => {
    expect(parseCliArguments([])).toEqual({ options: DEFAULT_PROVINCE_OPTIONS, out: './var/province' });
    expect(DEFAULT_PROVINCE_OPTIONS).toEqual({
      households: 10_000,
      seed: 'henan',
      until: '2026-11-16T00:00:00+08:00',
      months: 14,
    });
  });

  it('reads every flag', () => {
    expect(
      parseCliArguments([
        '--households',
        '1_000_000',
        '--seed',
        's1',
        '--out',
        '/tmp/p',
        '--until',
        '2025-12-31T00:00:00+08:00',
        '--months',
        '12',
      ]),
    ).toEqual({
      options: { households: 1_000_000, seed: 's1', until: '2025-12-31T00:00:00+08:00', months: 12 },
      out: '/tmp/p',
    });
    expect(parseCliArguments(['--help'])).toBe('help');
  });

  it('refuses unknown flags and malformed numbers', () => {
    expect(() => parseCliArguments(['--household', '5'])).toThrow();
    expect(() => parseCliArguments(['--households', 'ten'])).toThrow(/--households expects a whole number/);
  });
});
