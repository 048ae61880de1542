import { setTimeout as sleep } from 'node:timers/promises';
import {
  caseIdFor,
  caseStreamId,
  householdStreamId,
  isCaseEventType,
  upcastCaseEvent,
  upcastHouseholdEvent,
  type CaseEvent,
  type HouseholdEvent,
} from '@monitoring/domain';
import { START, type Checkpoint, type EventStore, type RecordedEvent } from '@monitoring/event-store';
import { compareRows, exchangeRowOf, type ExchangeRow } from './exchange-row';

const CASE_STREAM_PREFIX = 'case-';
const PAGE_SIZE = 1_000;
const VISIBILITY_POLL_MS = 100;

export class PinnedCheckpointNotVisible extends Error {
  constructor(readonly checkpoint: Checkpoint) {
    super(`the log did not make checkpoint ${checkpoint} readable in time (a long-running append?)`);
    this.name = 'PinnedCheckpointNotVisible';
  }
}

/**
 * Reads one batch's slice of the log, (from, to], and computes its rows from events up to `to` only.
 *
 * `to` is the head pinned when the batch started. On PostgreSQL the head can be committed while an
 * older transaction is still writing lower checkpoints; reading on until `to` itself is readable
 * guarantees those have finished, so every event at or before `to` is in this batch and none can
 * appear there later: the next batch starts after `to`, and a regeneration sees the same events.
 */
export class ExchangeLogReader {
  constructor(
    private readonly store: EventStore,
    private readonly visibilityTimeoutMs: number,
  ) {}

  async rows(from: Checkpoint, to: Checkpoint): Promise<ExchangeRow[]> {
    const caseIds = await this.changedCaseIds(from, to);
    const households = new Map<string, { sequence: number }>();
    for (const caseId of [...caseIds].sort()) {
      const events = await this.caseEvents(caseId, to);
      const opened = events.find((event) => event.type === 'CaseOpened');
      if (!opened || opened.type !== 'CaseOpened') continue;
      const { householdId, caseSequence } = opened.data;
      const known = households.get(householdId);
      if (!known || known.sequence < caseSequence) households.set(householdId, { sequence: caseSequence });
    }

    const rows: ExchangeRow[] = [];
    for (const [householdId, { sequence }] of households) {
      const caseEvents = await this.latestCaseEvents(householdId, sequence, to);
      const householdEvents = await this.householdEvents(householdId, to);
      const row = exchangeRowOf(caseEvents, householdEvents);
      if (row) rows.push(row);
    }
    return rows.sort(compareRows);
  }

  /** Case ids with an event in (from, to], waiting until `to` is readable. */
  private async changedCaseIds(from: Checkpoint, to: Checkpoint): Promise<Set<string>> {
    const caseIds = new Set<string>();
    if (to === START || this.store.compareCheckpoints(from, to) >= 0) return caseIds;
    const deadline = Date.now() + this.visibilityTimeoutMs;
    let after = from;
    for (;;) {
      const page = await this.store.readAll({ after, limit: PAGE_SIZE });
      for (const event of page.events) {
        if (this.store.compareCheckpoints(event.checkpoint, to) > 0) return caseIds;
        if (event.streamId.startsWith(CASE_STREAM_PREFIX) && isCaseEventType(event.type)) {
          caseIds.add(event.streamId.slice(CASE_STREAM_PREFIX.length));
        }
        if (this.store.compareCheckpoints(event.checkpoint, to) === 0) return caseIds;
      }
      after = page.checkpoint;
      if (page.events.length === 0) {
        if (Date.now() > deadline) throw new PinnedCheckpointNotVisible(to);
        await sleep(VISIBILITY_POLL_MS);
      }
    }
  }

  /** The household's latest case at `to`: the highest sequence seen, or a later one opened since. */
  private async latestCaseEvents(
    householdId: string,
    sequence: number,
    to: Checkpoint,
  ): Promise<CaseEvent[]> {
    let latest = await this.caseEvents(caseIdFor(householdId, sequence), to);
    for (let next = sequence + 1; ; next += 1) {
      const events = await this.caseEvents(caseIdFor(householdId, next), to);
      if (events.length === 0) return latest;
      latest = events;
    }
  }

  private async caseEvents(caseId: string, to: Checkpoint): Promise<CaseEvent[]> {
    return (await this.streamUpTo(caseStreamId(caseId), to)).map(upcastCaseEvent);
  }

  private async householdEvents(householdId: string, to: Checkpoint): Promise<HouseholdEvent[]> {
    return (await this.streamUpTo(householdStreamId(householdId), to)).map(upcastHouseholdEvent);
  }

  private async streamUpTo(streamId: string, to: Checkpoint): Promise<RecordedEvent[]> {
    const events = await this.store.readStream(streamId);
    return events.filter((event) => this.store.compareCheckpoints(event.checkpoint, to) <= 0);
  }
}
