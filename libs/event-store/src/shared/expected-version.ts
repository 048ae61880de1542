import type { ExpectedVersion } from '../event-store.port';

/** Whether a stream at `actual` (its event count) satisfies the expected version. */
export function matchesExpectedVersion(expected: ExpectedVersion, actual: number): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return actual === 0;
    case 'stream_exists':
      return actual > 0;
    default:
      return actual === expected;
  }
}

export function assertExpectedVersion(expected: unknown): asserts expected is ExpectedVersion {
  if (expected === 'any' || expected === 'no_stream' || expected === 'stream_exists') return;
  if (typeof expected === 'number' && Number.isSafeInteger(expected) && expected >= 0) return;
  throw new TypeError(
    `expectedVersion must be a non-negative integer, 'no_stream', 'stream_exists' or 'any'; got ${String(expected)}`,
  );
}
