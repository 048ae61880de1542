import { z } from 'zod';
import { CASE_QUEUE_SORTS, type CaseQueueSort } from './case-queue-order';

/**
 * The position after the last case of a page: the sort, the row's sort key (rank, key, case id), the
 * region of that case, and the reading pass it belongs to (see case-queue-passes.ts). Sent to clients
 * as opaque base64url JSON; everything in it is checked again when it comes back, so a hand-made
 * cursor can move a reader only within what they may see anyway.
 */
export interface CaseQueueCursor {
  sort: CaseQueueSort;
  rank: number;
  /** A signed 64-bit integer, as decimal text (keys are microseconds or negated scores). */
  key: string;
  caseId: string;
  /** Region of the last case returned. */
  regionCode: string;
  passId: string;
}

const VERSION = 1;

const wireSchema = z
  .object({
    v: z.literal(VERSION),
    s: z.enum(CASE_QUEUE_SORTS),
    r: z.number().int().min(0).max(2),
    k: z.string().regex(/^-?\d{1,19}$/),
    c: z.string().min(1).max(64),
    g: z.string().regex(/^\d{12}$/),
    p: z.uuid(),
  })
  .strict();

export const encodeCaseQueueCursor = (cursor: CaseQueueCursor): string =>
  Buffer.from(
    JSON.stringify({
      v: VERSION,
      s: cursor.sort,
      r: cursor.rank,
      k: cursor.key,
      c: cursor.caseId,
      g: cursor.regionCode,
      p: cursor.passId,
    }),
    'utf8',
  ).toString('base64url');

const SIGNED_BIGINT_MIN = -(2n ** 63n);
const SIGNED_BIGINT_MAX = 2n ** 63n - 1n;

/** The cursor a client sent back, or undefined when it is not one this service wrote. */
export const decodeCaseQueueCursor = (text: string): CaseQueueCursor | undefined => {
  if (text.length === 0 || text.length > 1_000 || !/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
  let wire: unknown;
  try {
    wire = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const parsed = wireSchema.safeParse(wire);
  if (!parsed.success) return undefined;
  const key = BigInt(parsed.data.k);
  if (key < SIGNED_BIGINT_MIN || key > SIGNED_BIGINT_MAX) return undefined;
  return {
    sort: parsed.data.s,
    rank: parsed.data.r,
    key: parsed.data.k,
    caseId: parsed.data.c,
    regionCode: parsed.data.g,
    passId: parsed.data.p,
  };
};
