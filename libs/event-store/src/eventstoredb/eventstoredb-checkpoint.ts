import { START, type Checkpoint } from '../event-store.port';

/** A position in EventStoreDB's transaction log (the shape `@eventstore/db-client` uses). */
export interface LogPosition {
  commit: bigint;
  prepare: bigint;
}

const FORMAT = /^(\d{1,20})\/(\d{1,20})$/;

/** An EventStoreDB checkpoint is `<commit position>/<prepare position>` of an event in `$all`. */
export function encodeEventStoreDbCheckpoint(position: LogPosition): Checkpoint {
  return `${position.commit}/${position.prepare}`;
}

/** START decodes to `undefined`: read from the beginning of `$all`. */
export function decodeEventStoreDbCheckpoint(checkpoint: Checkpoint): LogPosition | undefined {
  if (checkpoint === START) return undefined;
  const match = typeof checkpoint === 'string' ? FORMAT.exec(checkpoint) : null;
  if (!match) throw new TypeError(`not an EventStoreDB event store checkpoint: ${String(checkpoint)}`);
  return { commit: BigInt(match[1]), prepare: BigInt(match[2]) };
}

/** `$all` order: by commit position, then prepare position. */
export function isAfter(position: LogPosition, reference: LogPosition | undefined): boolean {
  if (!reference) return true;
  if (position.commit !== reference.commit) return position.commit > reference.commit;
  return position.prepare > reference.prepare;
}

/** Our stream version n (n events) is EventStoreDB revision n - 1; -1 stands for "no stream". */
export function revisionToVersion(revision: bigint): number {
  return Number(revision + 1n);
}

/** Log order of two checkpoints; START before everything. */
export function compareEventStoreDbCheckpoints(a: Checkpoint, b: Checkpoint): number {
  const x = decodeEventStoreDbCheckpoint(a);
  const y = decodeEventStoreDbCheckpoint(b);
  if (!x || !y) return x ? 1 : y ? -1 : 0;
  if (isAfter(x, y)) return 1;
  return isAfter(y, x) ? -1 : 0;
}
