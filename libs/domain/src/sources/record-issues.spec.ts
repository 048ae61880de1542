import { z } from 'zod';
import { formatPath, reasonOf, recordErrorMap, recordIssuesOf } from './record-issues';

const issuesFor = (schema: z.ZodType, value: unknown) => {
  const parsed = schema.safeParse(value, { error: recordErrorMap });
  return parsed.success ? [] : recordIssuesOf(parsed.error.issues);
};

describe('record issues', () => {
  it('writes paths as members[1].idNumber and quotes odd keys', () => {
    expect(formatPath(['members', 1, 'idNumber'])).toBe('members[1].idNumber');
    expect(formatPath(['a.b'])).toBe('["a.b"]');
    expect(formatPath(['x', 'has space'])).toBe('x["has space"]');
    expect(formatPath([])).toBe('');
  });

  it('says a missing field is required, whatever its type', () => {
    const schema = z.strictObject({ a: z.string(), b: z.enum(['x', 'y']), c: z.number() });
    expect(issuesFor(schema, {})).toEqual([
      { field: 'a', message: 'is required' },
      { field: 'b', message: 'is required' },
      { field: 'c', message: 'is required' },
    ]);
  });

  it('names the expected and the received kind of value', () => {
    const schema = z.strictObject({
      a: z.string(),
      b: z.boolean(),
      c: z.number().int(),
      d: z.array(z.string()),
    });
    expect(issuesFor(schema, { a: 1, b: 'yes', c: 2.5, d: {} })).toEqual([
      { field: 'a', message: 'should be a string, got 1' },
      { field: 'b', message: 'should be true or false, got a string' },
      { field: 'c', message: 'should be a whole number, got 2.5' },
      { field: 'd', message: 'should be an array, got an object' },
    ]);
  });

  it('turns each unknown key into its own issue', () => {
    expect(issuesFor(z.strictObject({ inner: z.strictObject({}) }), { inner: { x: 1, y: 2 } })).toEqual([
      { field: 'inner.x', message: 'unknown field' },
      { field: 'inner.y', message: 'unknown field' },
    ]);
  });

  it('bounds whole numbers to the safe range', () => {
    expect(issuesFor(z.number().int(), 2 ** 60)).toEqual([
      { field: '', message: `should be at most ${Number.MAX_SAFE_INTEGER}` },
    ]);
  });

  it('cuts long enum values it quotes back', () => {
    const [issue] = issuesFor(z.enum(['a']).array(), ['x'.repeat(100)]);
    expect(issue.message).toBe(`should be "a", got "${'x'.repeat(40)}…"`);
  });

  it('joins issues into one reason and cuts it after ten', () => {
    const issues = Array.from({ length: 12 }, (_, i) => ({ field: `f${i}`, message: 'is required' }));
    expect(reasonOf(issues.slice(0, 2))).toBe('f0: is required; f1: is required');
    expect(reasonOf(issues)).toMatch(/f9: is required; and 2 more$/);
    expect(reasonOf([{ field: '', message: 'whole record' }])).toBe('whole record');
  });
});
