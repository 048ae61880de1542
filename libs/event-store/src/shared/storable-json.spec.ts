import fc from 'fast-check';
import { unstorableCharacterIn } from './storable-json';

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const check = (value: unknown) => unstorableCharacterIn(JSON.stringify(value));

describe('unstorableCharacterIn', () => {
  it('finds a NUL character in a string or a key', () => {
    expect(check({ name: 'a\u0000b' })).toBe('a NUL character (\\u0000)');
    expect(check({ 'k\u0000': 1 })).toBe('a NUL character (\\u0000)');
  });

  it('finds a lone high or low surrogate', () => {
    expect(check({ name: '王\ud800' })).toBe('a lone surrogate (\\ud800)');
    expect(check(['\udfff x'])).toBe('a lone surrogate (\\udfff)');
  });

  it('accepts surrogate pairs, other escapes and escaped backslashes that look like escapes', () => {
    expect(check({ emoji: '😀', text: 'tab\there "quoted" \u0001 \u001f' })).toBeNull();
    expect(check({ path: '\\u0000 and \\ud800 are only text here' })).toBeNull();
    expect(check({ path: '\\\u0000' })).toBe('a NUL character (\\u0000)');
  });

  it('agrees with a direct look at every string for any JSON value', () => {
    const strings = (value: unknown): string[] =>
      typeof value === 'string'
        ? [value]
        : Array.isArray(value)
          ? value.flatMap(strings)
          : value !== null && typeof value === 'object'
            ? Object.entries(value).flatMap(([key, item]) => [key, ...strings(item)])
            : [];
    const text = fc.string({
      unit: fc.oneof(
        fc.constantFrom('\u0000', '\ud800', '\udc00', '\\', 'u', '0'),
        fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
      ),
    });
    fc.assert(
      fc.property(
        fc.jsonValue({ maxDepth: 3 }).chain((shape) => fc.tuple(fc.constant(shape), fc.array(text))),
        ([shape, extra]) => {
          const value = { shape, extra };
          const bad = strings(value).some((item) => item.includes('\u0000') || LONE_SURROGATE.test(item));
          expect(check(value) !== null).toBe(bad);
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
