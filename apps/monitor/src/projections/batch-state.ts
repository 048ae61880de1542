import { initialCaseState, type CaseEvent } from '@monitoring/domain';
import { evolveCaseRecord, foldCaseRecord, type CaseRecord } from './case-record';
import type { HouseholdContext } from './household-context';

/** A case event at its position in its stream. */
export interface PositionedCaseEvent {
  event: CaseEvent;
  streamPosition: number;
}

/**
 * What one batch holds in memory between its load and its write: the households and the cases it
 * touches. Case events go through `applyCaseEvent` whatever their origin, so a case row and its
 * household's latest-case state never disagree.
 */
export class BatchState {
  readonly contexts = new Map<string, HouseholdContext>();
  readonly records = new Map<string, CaseRecord>();
  readonly touchedCases = new Set<string>();
  /** Case events this batch appended to the store (not counting duplicates). */
  appended = 0;
  /** Case events the process manager decided in this batch, in order (appended, or found already stored). */
  readonly decided: CaseEvent[] = [];
  /** Bumped whenever a case record or a household's latest case changes: rows computed before are stale. */
  revision = 0;

  /**
   * Folds a case event at its stream position into the case's record and, when the case is the
   * household's latest (or a newer one), into the household's latest case. Events at or below the
   * record's version were folded already and are skipped; returns whether it was folded.
   */
  applyCaseEvent(
    context: HouseholdContext,
    caseId: string,
    event: CaseEvent,
    streamPosition: number,
  ): boolean {
    const previous = this.records.get(caseId) ?? null;
    if (previous !== null && streamPosition <= previous.version) return false;
    const record = evolveCaseRecord(previous, event, streamPosition);
    if (record === null) return false;
    this.records.set(caseId, record);
    this.touchedCases.add(caseId);
    this.revision += 1;
    this.followLatest(context, record);
    return true;
  }

  /**
   * Replaces what is known of a case with its whole stream as stored (after a conflict or an append
   * whose positions were not the expected ones). A case that does not exist in the store is
   * forgotten, and the household falls back to the latest case the store confirmed.
   */
  adoptCase(context: HouseholdContext, caseId: string, stream: readonly PositionedCaseEvent[]): void {
    this.revision += 1;
    const record = foldCaseRecord(stream);
    if (record === null) {
      this.records.delete(caseId);
      this.touchedCases.delete(caseId);
      if (context.latestCaseId === caseId) this.restoreConfirmedLatest(context);
      return;
    }
    this.records.set(caseId, record);
    this.touchedCases.add(caseId);
    if (context.latestCaseId === caseId) {
      this.setLatest(context, record);
      context.confirmedLatestCaseId = caseId;
    } else if (this.followLatest(context, record)) {
      context.confirmedLatestCaseId = caseId;
    }
  }

  private restoreConfirmedLatest(context: HouseholdContext): void {
    const confirmed =
      context.confirmedLatestCaseId === null ? undefined : this.records.get(context.confirmedLatestCaseId);
    if (confirmed === undefined) {
      context.latestCaseId = null;
      context.latestCase = initialCaseState();
      context.latestCaseVersion = 0;
      context.dirty = true;
    } else {
      this.setLatest(context, confirmed);
    }
  }

  /** Makes the record the household's latest case if it is that case or a later one. */
  private followLatest(context: HouseholdContext, record: CaseRecord): boolean {
    const latest = context.latestCase;
    const isLatest =
      context.latestCaseId === record.caseId ||
      latest.stage === 'none' ||
      record.state.caseSequence > latest.caseSequence;
    if (isLatest) this.setLatest(context, record);
    return isLatest;
  }

  private setLatest(context: HouseholdContext, record: CaseRecord): void {
    context.latestCaseId = record.caseId;
    context.latestCase = record.state;
    context.latestCaseVersion = record.version;
    context.dirty = true;
  }
}
