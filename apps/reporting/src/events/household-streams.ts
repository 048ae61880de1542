import { Inject, Injectable } from '@nestjs/common';
import {
  caseIdFor,
  caseStreamId,
  householdStreamId,
  UnknownEventType,
  UnsupportedSchemaVersion,
  upcastCaseEvent,
  upcastHouseholdEvent,
  type CaseEvent,
  type HouseholdEvent,
} from '@monitoring/domain';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@monitoring/event-store';

/** A stored event and, when this release can read it, the event in its current shape. */
export interface ReadEvent<E> {
  recorded: RecordedEvent;
  /** Null for a type or schema version this release does not know (written by a newer one). */
  event: E | null;
}

export interface CaseStream {
  caseId: string;
  events: ReadEvent<CaseEvent>[];
}

/**
 * Reads a household's streams from the event store, the system of record: its own stream and the
 * streams of its cases. Case ids are derived (the household's 1st, 2nd, ... case), so the list of
 * cases does not depend on a read model that may lag or be rebuilding.
 */
@Injectable()
export class HouseholdStreams {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async household(householdId: string): Promise<ReadEvent<HouseholdEvent>[]> {
    const recorded = await this.store.readStream(householdStreamId(householdId));
    return recorded.map((event) => ({ recorded: event, event: readable(() => upcastHouseholdEvent(event)) }));
  }

  async case(caseId: string): Promise<ReadEvent<CaseEvent>[]> {
    const recorded = await this.store.readStream(caseStreamId(caseId));
    return recorded.map((event) => ({ recorded: event, event: readable(() => upcastCaseEvent(event)) }));
  }

  /** Every case the household has had, oldest first. */
  async cases(householdId: string): Promise<CaseStream[]> {
    const streams: CaseStream[] = [];
    for (let sequence = 1; ; sequence += 1) {
      const caseId = caseIdFor(householdId, sequence);
      const events = await this.case(caseId);
      if (events.length === 0) return streams;
      streams.push({ caseId, events });
    }
  }
}

const readable = <E>(read: () => E): E | null => {
  try {
    return read();
  } catch (error) {
    if (error instanceof UnknownEventType || error instanceof UnsupportedSchemaVersion) return null;
    throw error;
  }
};
