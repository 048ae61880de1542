import {
  EventIdConflict,
  type EventMetadata,
  type ExpectedVersion,
  type StreamAppend,
} from '../event-store.port';
import { canonicalJson } from './canonical-json';
import { assertExpectedVersion } from './expected-version';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A validated event, ready to store. */
export interface PreparedEvent {
  /** Lower-case UUID. */
  eventId: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  /** Metadata as stored: the store owns `recordedAt` (filled on read), so a caller's copy is dropped. */
  metadata: EventMetadata;
  /** Set when an earlier event of the same call has this id (with the same content): nothing to write. */
  repeatOf?: EventRef;
}

export interface EventRef {
  appendIndex: number;
  eventIndex: number;
}

export interface PreparedAppend {
  streamId: string;
  expectedVersion: ExpectedVersion;
  events: PreparedEvent[];
}

/**
 * Validates one call's appends: stream ids unique and non-empty, expected versions well formed, events
 * well formed. An event id given twice in the call is written once; given twice with different content
 * (or for two streams) it is an EventIdConflict.
 */
export function prepareAppends(appends: readonly StreamAppend[]): PreparedAppend[] {
  const streams = new Set<string>();
  const firstById = new Map<string, EventRef>();
  const prepared = appends.map((append, appendIndex): PreparedAppend => {
    const { streamId, expectedVersion } = append;
    if (typeof streamId !== 'string' || streamId.length === 0)
      throw new TypeError('streamId must be a non-empty string');
    if (streams.has(streamId)) {
      throw new TypeError(
        `stream ${streamId} appears more than once in one call: merge its events into one append`,
      );
    }
    streams.add(streamId);
    assertExpectedVersion(expectedVersion);
    if (!Array.isArray(append.events)) throw new TypeError(`events for stream ${streamId} must be an array`);
    const events = append.events.map((event, eventIndex) => {
      const ready = prepareEvent(event, streamId);
      const first = firstById.get(ready.eventId);
      if (first) ready.repeatOf = first;
      else firstById.set(ready.eventId, { appendIndex, eventIndex });
      return ready;
    });
    return { streamId, expectedVersion, events };
  });
  for (const append of prepared) {
    for (const event of append.events) {
      if (!event.repeatOf) continue;
      const first = prepared[event.repeatOf.appendIndex];
      if (
        contentKey(first.streamId, first.events[event.repeatOf.eventIndex]) !==
        contentKey(append.streamId, event)
      ) {
        throw new EventIdConflict(event.eventId, append.streamId);
      }
    }
  }
  return prepared;
}

/** What makes two events with one id "the same": stream, type, schema version, data and metadata. */
export function contentKey(
  streamId: string,
  event: Pick<PreparedEvent, 'type' | 'schemaVersion' | 'data' | 'metadata'>,
): string {
  return canonicalJson([
    streamId,
    event.type,
    event.schemaVersion,
    event.data,
    withoutRecordedAt(event.metadata),
  ]);
}

export function withoutRecordedAt(metadata: EventMetadata): EventMetadata {
  if (!('recordedAt' in metadata)) return metadata;
  const { recordedAt: _storeOwned, ...rest } = metadata;
  return rest as EventMetadata;
}

function prepareEvent(event: unknown, streamId: string): PreparedEvent {
  if (event === null || typeof event !== 'object')
    throw new TypeError(`an event for stream ${streamId} is not an object`);
  const { eventId, type, schemaVersion, data, metadata } = event as Record<string, unknown>;
  if (typeof eventId !== 'string' || !UUID.test(eventId)) {
    throw new TypeError(`eventId must be a UUID (stream ${streamId}); got ${String(eventId)}`);
  }
  if (typeof type !== 'string' || type.length === 0) throw new TypeError(`event ${eventId} has no type`);
  if (typeof schemaVersion !== 'number' || !Number.isSafeInteger(schemaVersion) || schemaVersion < 1) {
    throw new TypeError(`event ${eventId} needs a positive integer schemaVersion`);
  }
  if (data === undefined) throw new TypeError(`event ${eventId} has no data`);
  if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) {
    throw new TypeError(`event ${eventId} needs a metadata object`);
  }
  return {
    eventId: eventId.toLowerCase(),
    type,
    schemaVersion,
    data,
    metadata: withoutRecordedAt(metadata as EventMetadata),
  };
}
