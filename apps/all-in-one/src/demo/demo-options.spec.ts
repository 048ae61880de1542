import { DEFAULT_PROVINCE_OPTIONS } from '@monitoring/synthetic';
import { demoUntil, parseDemoArguments } from './demo-options';

const NOW = new Date('2026-11-23T12:00:00Z');

describe('demoUntil', () => {
  it("ends the records at midnight of the day in Beijing, which is ahead of UTC's", () => {
    expect(demoUntil(new Date('2026-11-23T12:00:00Z'))).toBe('2026-11-23T00:00:00+08:00');
    expect(demoUntil(new Date('2026-11-23T16:30:00Z'))).toBe('2026-11-24T00:00:00+08:00');
  });
});

describe('parseDemoArguments', () => {
  it("takes the generator's size and seed, and records up to today, by default", () => {
    expect(parseDemoArguments([], NOW)).toEqual({
      households: DEFAULT_PROVINCE_OPTIONS.households,
      seed: DEFAULT_PROVINCE_OPTIONS.seed,
      until: '2026-11-23T00:00:00+08:00',
      keep: false,
    });
  });

  it('reads the flags', () => {
    expect(
      parseDemoArguments(
        ['--households', '1_500', '--seed', 'xinyang', '--until', '2026-01-01T00:00:00+08:00', '--keep'],
        NOW,
      ),
    ).toEqual({ households: 1500, seed: 'xinyang', until: '2026-01-01T00:00:00+08:00', keep: true });
    expect(parseDemoArguments(['--help'], NOW)).toBe('help');
  });

  it.each([
    [['--households', '0'], /--households/],
    [['--households', 'many'], /--households/],
    [['--seed', ' '], /--seed/],
    [['--until', '2026-01-01'], /offset/i],
    [['--size', '3'], /size/],
  ])('refuses %p', (argv, message) => {
    expect(() => parseDemoArguments(argv, NOW)).toThrow(message);
  });
});
