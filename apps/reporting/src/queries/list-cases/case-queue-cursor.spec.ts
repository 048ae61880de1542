import { decodeCaseQueueCursor, encodeCaseQueueCursor, type CaseQueueCursor } from './case-queue-cursor';

const cursor: CaseQueueCursor = {
  sort: 'deadline',
  rank: 0,
  key: '1772326800000000',
  caseId: '2c5ea4c0-4067-5b4c-9f3a-64b1c0d0f001',
  regionCode: '410423203201',
  passId: '7d9f5a8e-1c2b-4d3e-8f4a-5b6c7d8e9f00',
};

const encode = (wire: unknown): string => Buffer.from(JSON.stringify(wire), 'utf8').toString('base64url');
const wireOf = (text: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Record<string, unknown>;

describe('alert queue cursor', () => {
  it('reads back what it wrote, negative keys included', () => {
    expect(decodeCaseQueueCursor(encodeCaseQueueCursor(cursor))).toEqual(cursor);
    const closed = { ...cursor, rank: 2, key: '-1772326800000000' };
    expect(decodeCaseQueueCursor(encodeCaseQueueCursor(closed))).toEqual(closed);
  });

  it('is opaque URL-safe text', () => {
    expect(encodeCaseQueueCursor(cursor)).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it.each([
    ['empty text', ''],
    ['not base64url', 'abc$def'],
    ['base64 of something that is not JSON', Buffer.from('not json').toString('base64url')],
    ['JSON of another shape', encode({ hello: 'world' })],
    ['an unknown version', encode({ ...wireOf(encodeCaseQueueCursor(cursor)), v: 2 })],
    ['an unknown sort', encode({ ...wireOf(encodeCaseQueueCursor(cursor)), s: 'name' })],
    ['a rank out of range', encode({ ...wireOf(encodeCaseQueueCursor(cursor)), r: 3 })],
    ['a key that is not an integer', encode({ ...wireOf(encodeCaseQueueCursor(cursor)), k: '1.5' })],
    ['a key beyond 64 bits', encode({ ...wireOf(encodeCaseQueueCursor(cursor)), k: '9223372036854775808' })],
    ['a region that is not 12 digits', encode({ ...wireOf(encodeCaseQueueCursor(cursor)), g: '41' })],
    ['a pass id that is not a UUID', encode({ ...wireOf(encodeCaseQueueCursor(cursor)), p: 'x' })],
    ['an extra field', encode({ ...wireOf(encodeCaseQueueCursor(cursor)), extra: 1 })],
    ['a huge text', 'A'.repeat(2_000)],
  ])('refuses %s', (_what, text) => {
    expect(decodeCaseQueueCursor(text)).toBeUndefined();
  });
});
