/**
 * Orders of the alert queue. Each is a key `(rank, key, case_id)` compared as a row, so one keyset
 * condition pages through any of them.
 *
 * `deadline` (the default), nearest pending deadline first:
 * - rank 0: cases with a pending deadline, by that deadline (`next_due_at`, kept by the monitor):
 *   the verification due time while the case is open (not yet verified), then the assistance due
 *   time while it is verified and no assistance is recorded. Overdue cases come first, most overdue
 *   at the top.
 * - rank 1: active cases with no pending deadline (assistance in place, long-term follow-up), oldest
 *   opening first.
 * - rank 2: closed cases (risk eliminated, dismissed), most recently closed first.
 * `openedAt`: newest opening first. `score`: highest score first.
 * Ties always break on the case id.
 *
 * Keys are bigint: instants in microseconds since the epoch (negated for newest-first), scores negated.
 */
export const CASE_QUEUE_SORTS = ['deadline', 'openedAt', 'score'] as const;
export type CaseQueueSort = (typeof CASE_QUEUE_SORTS)[number];

// date_part gives double precision seconds: fast, and exact to the microsecond once rounded (below 2^53).
const micros = (column: string): string => `round(date_part('epoch', ${column}) * 1000000)::bigint`;

const CLOSED_STAGES = `('risk_eliminated', 'dismissed')`;

/** SQL expressions of the rank and the key over `monitoring_case c`. */
export const CASE_QUEUE_ORDER: Record<CaseQueueSort, { rank: string; key: string }> = {
  deadline: {
    rank: `(CASE WHEN c.next_due_at IS NOT NULL THEN 0 WHEN c.stage IN ${CLOSED_STAGES} THEN 2 ELSE 1 END)`,
    key:
      `(CASE WHEN c.next_due_at IS NOT NULL THEN ${micros('c.next_due_at')} ` +
      `WHEN c.stage IN ${CLOSED_STAGES} THEN -${micros('coalesce(c.closed_at, c.last_event_at)')} ` +
      `ELSE ${micros('c.opened_at')} END)`,
  },
  openedAt: { rank: '0', key: `(-${micros('c.opened_at')})` },
  score: { rank: '0', key: '(-c.score::bigint)' },
};

/** A case is overdue while a pending deadline has passed: the domain's `overdueDeadlines` (due ≤ now). */
export const OVERDUE_SQL = (now: string): string => `(c.next_due_at IS NOT NULL AND c.next_due_at <= ${now})`;
