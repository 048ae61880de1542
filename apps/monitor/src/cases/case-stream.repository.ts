import { Inject, Injectable } from '@nestjs/common';
import {
  caseStreamId,
  evolveCase,
  initialCaseState,
  upcastCaseEvent,
  type CaseEvent,
  type CaseState,
} from '@monitoring/domain';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@monitoring/event-store';

/** A case as its stream says now: the folded state, the version to append at, and the stored events. */
export interface LoadedCase {
  caseId: string;
  state: CaseState;
  /** Number of events in the stream (0: no such case). */
  version: number;
  events: readonly RecordedEvent[];
}

/** Reads and appends case streams (`case-<caseId>`) in the event store: the cases' system of record. */
@Injectable()
export class CaseStreamRepository {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async load(caseId: string): Promise<LoadedCase> {
    const events = await this.store.readStream(caseStreamId(caseId));
    const state = events.reduce<CaseState>(
      (folded, event) => evolveCase(folded, upcastCaseEvent(event)),
      initialCaseState(),
    );
    const version = events.length === 0 ? 0 : events[events.length - 1].streamPosition;
    return { caseId, state, version, events };
  }

  async exists(caseId: string): Promise<boolean> {
    return (await this.store.streamVersion(caseStreamId(caseId))) > 0;
  }

  /** Appends at `expectedVersion` (the event count the caller decided on); returns the new version. */
  async append(caseId: string, events: readonly CaseEvent[], expectedVersion: number): Promise<number> {
    const result = await this.store.appendToStream(caseStreamId(caseId), events, expectedVersion);
    return result.nextExpectedVersion;
  }
}
