import { EventDataRefused, EventIdConflict } from '@monitoring/event-store';

/**
 * What a failed append means for the records in it:
 * - `conflict`: one event id is stored already with other content (the sender re-used a source id for
 *   a different record): that record is rejected, the others are appended;
 * - `refused`: the store will not take some record's data (EventDataRefused: a NUL character or a lone
 *   surrogate in a string; PostgreSQL data exceptions and limits): the batch is split to find it;
 * - `unavailable`: anything else (connection lost, server restarting, a missing table): the records
 *   are fine, so the batch is retried later. Valid records are never rejected for a store failure.
 */
export type AppendFailure =
  { kind: 'conflict'; eventId: string } | { kind: 'refused'; message: string } | { kind: 'unavailable' };

/** SQLSTATE classes of errors caused by the data itself: 22 data exception, 54 program limit exceeded. */
const DATA_ERROR_CLASSES = ['22', '54'];
/** Integrity violations caused by the data: not-null and check constraints. */
const DATA_ERROR_CODES = new Set(['23502', '23514']);

const sqlStateOf = (error: unknown): string | undefined => {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, driverError } = error as { code?: unknown; driverError?: unknown };
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  return driverError === undefined ? undefined : sqlStateOf(driverError);
};

export function classifyAppendFailure(error: unknown): AppendFailure {
  if (error instanceof EventIdConflict) return { kind: 'conflict', eventId: error.eventId };
  if (error instanceof EventDataRefused) return { kind: 'refused', message: error.message };
  const code = sqlStateOf(error);
  if (code !== undefined && (DATA_ERROR_CLASSES.includes(code.slice(0, 2)) || DATA_ERROR_CODES.has(code))) {
    return { kind: 'refused', message: error instanceof Error ? error.message : String(error) };
  }
  return { kind: 'unavailable' };
}
