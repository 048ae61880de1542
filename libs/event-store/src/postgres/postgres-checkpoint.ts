import { START, type Checkpoint } from '../event-store.port';

/**
 * A PostgreSQL checkpoint is the pair the log is ordered by: the appending transaction's id and the
 * event's global position, as `<transaction id>:<global position>`.
 */
export interface PostgresLogPosition {
  transactionId: string;
  globalPosition: string;
}

const FORMAT = /^(\d{1,20}):(\d{1,19})$/;

export function encodePostgresCheckpoint(position: PostgresLogPosition): Checkpoint {
  return `${position.transactionId}:${position.globalPosition}`;
}

/** START decodes to the pair before every event. */
export function decodePostgresCheckpoint(checkpoint: Checkpoint): PostgresLogPosition {
  if (checkpoint === START) return { transactionId: '0', globalPosition: '0' };
  const match = typeof checkpoint === 'string' ? FORMAT.exec(checkpoint) : null;
  if (!match) throw new TypeError(`not a PostgreSQL event store checkpoint: ${String(checkpoint)}`);
  return { transactionId: match[1], globalPosition: match[2] };
}

/** Log order: by transaction id, then global position; START before everything. */
export function comparePostgresCheckpoints(a: Checkpoint, b: Checkpoint): number {
  const x = decodePostgresCheckpoint(a);
  const y = decodePostgresCheckpoint(b);
  const byTransaction = BigInt(x.transactionId) - BigInt(y.transactionId);
  if (byTransaction !== 0n) return byTransaction < 0n ? -1 : 1;
  const byPosition = BigInt(x.globalPosition) - BigInt(y.globalPosition);
  return byPosition === 0n ? 0 : byPosition < 0n ? -1 : 1;
}
