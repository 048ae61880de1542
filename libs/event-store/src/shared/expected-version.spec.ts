import { assertExpectedVersion, matchesExpectedVersion } from './expected-version';

describe('matchesExpectedVersion', () => {
  it.each([
    ['any', 0, true],
    ['any', 7, true],
    ['no_stream', 0, true],
    ['no_stream', 1, false],
    ['stream_exists', 0, false],
    ['stream_exists', 3, true],
    [0, 0, true],
    [2, 2, true],
    [2, 3, false],
  ] as const)('expected %p against a stream at version %p: %p', (expected, actual, matches) => {
    expect(matchesExpectedVersion(expected, actual)).toBe(matches);
  });
});

describe('assertExpectedVersion', () => {
  it.each([0, 12, 'any', 'no_stream', 'stream_exists'])('accepts %p', (expected) => {
    expect(() => assertExpectedVersion(expected)).not.toThrow();
  });

  it.each([-1, 1.5, Number.NaN, '3', 'exists', null, undefined])('refuses %p', (expected) => {
    expect(() => assertExpectedVersion(expected)).toThrow(TypeError);
  });
});
