import { Logger } from '@nestjs/common';
import {
  caseStreamId,
  CaseRuleViolation,
  decideCase,
  decideCaseAction,
  initialCaseState,
  upcastCaseEvent,
  type CaseAction,
  type CaseEvent,
  type CaseState,
  type RiskAssessedInput,
} from '@monitoring/domain';
import {
  EventIdConflict,
  WrongExpectedVersion,
  type AppendResult,
  type EventStore,
} from '@monitoring/event-store';
import type { BatchState, PositionedCaseEvent } from '../projections/batch-state';
import type { HouseholdContext, PendingDecision } from '../projections/household-context';

/** Attempts of one decision against a case stream that keeps changing under it. */
const MAX_DECISION_ATTEMPTS = 5;

const isAppendConflict = (error: unknown): error is WrongExpectedVersion | EventIdConflict =>
  error instanceof WrongExpectedVersion || error instanceof EventIdConflict;

/** The events landed at the positions they were decided for (none was stored elsewhere first). */
const landedAsDecided = (result: AppendResult, expectedVersion: number): boolean =>
  result.events.every((event, index) => event.streamPosition === expectedVersion + index + 1);

/**
 * Runs the domain's risk-to-case decision (`decideCaseAction`, then `decideCase`) for each new
 * assessment and appends the case events it yields.
 *
 * Within a batch, decisions are made in memory against the household's latest case as the batch
 * knows it, and the events are appended together at the end (or earlier, when the log shows the
 * stream moving). Event ids are deterministic, so a replay or a redelivery appends nothing new. When
 * the stream moved meanwhile (WrongExpectedVersion) or holds another version of an event
 * (EventIdConflict), the household's cases are re-read from the store and its decisions of the batch
 * are made again one by one against what is stored.
 */
export class RiskToCaseProcessManager {
  private readonly logger = new Logger(RiskToCaseProcessManager.name);

  constructor(private readonly store: EventStore) {}

  /** Decides on one assessment and stages the case events; the household's case state includes them. */
  decide(batch: BatchState, context: HouseholdContext, decision: PendingDecision): void {
    const action = this.caseActionFor(context, decision);
    if (action === null || action.action === 'none') return;
    context.decisions.push(decision);
    const target = this.targetOf(context, action);
    const events = this.caseEventsFor(action, target.state);
    if (events.length === 0) return;
    const last = context.pending[context.pending.length - 1];
    if (
      last !== undefined &&
      last.caseId === target.caseId &&
      last.expectedVersion + last.events.length === target.version
    ) {
      last.events.push(...events);
    } else {
      context.pending.push({ caseId: target.caseId, expectedVersion: target.version, events: [...events] });
    }
    batch.decided.push(...events);
    events.forEach((event, index) =>
      batch.applyCaseEvent(context, target.caseId, event, target.version + index + 1),
    );
  }

  /**
   * The log delivered a case event of this household. If it is the first event staged for its stream
   * (a replay reading what it is about to append again), it is consumed: already folded, it is not
   * appended again (returns true). If the household has other events staged for that stream, they are
   * appended first, so that nothing is decided against a stream that moved (returns false).
   */
  async reconcile(
    batch: BatchState,
    context: HouseholdContext,
    caseId: string,
    eventId: string,
    streamPosition: number,
  ): Promise<boolean> {
    const group = context.pending.find((pending) => pending.caseId === caseId);
    if (group === undefined) return false;
    if (
      context.pending[0] === group &&
      group.events[0]?.eventId === eventId &&
      streamPosition === group.expectedVersion + 1
    ) {
      group.events.shift();
      group.expectedVersion += 1;
      if (group.events.length === 0) context.pending.shift();
      return true;
    }
    await this.flush(batch, [context]);
    return false;
  }

  /** Appends every staged event of these households: one atomic append for all, conflicts settled per household. */
  async flush(batch: BatchState, contexts: Iterable<HouseholdContext>): Promise<void> {
    const all = [...contexts];
    for (const context of all) if (context.pending.length === 0) context.decisions = [];
    let waiting = all.filter((context) => context.pending.length > 0);
    while (waiting.length > 0) {
      const groups = waiting.flatMap((context) => context.pending.map((group) => ({ context, group })));
      let results: AppendResult[];
      try {
        results = await this.store.appendMany(
          groups.map(({ group }) => ({
            streamId: caseStreamId(group.caseId),
            events: group.events,
            expectedVersion: group.expectedVersion,
          })),
        );
      } catch (error) {
        if (!isAppendConflict(error)) throw error;
        const owner = groups.find(({ group }) => caseStreamId(group.caseId) === error.streamId)?.context;
        if (owner === undefined) throw error;
        await this.decideAgain(batch, owner);
        waiting = waiting.filter((context) => context !== owner);
        continue;
      }
      const moved = new Map<HouseholdContext, string[]>();
      groups.forEach(({ context, group }, index) => {
        const result = results[index];
        batch.appended += result.events.filter((event) => event.status === 'appended').length;
        if (!landedAsDecided(result, group.expectedVersion))
          moved.set(context, [...(moved.get(context) ?? []), group.caseId]);
      });
      for (const context of waiting) {
        for (const caseId of moved.get(context) ?? []) await this.adopt(batch, context, caseId);
        context.confirmedLatestCaseId = context.latestCaseId;
        context.pending = [];
        context.decisions = [];
      }
      return;
    }
  }

  /**
   * The slow path: forget what was staged for the household, re-read its cases from the store, and
   * make each of its decisions of this batch again, appending one at a time.
   */
  private async decideAgain(batch: BatchState, context: HouseholdContext): Promise<void> {
    const staged = context.pending.map((group) => group.caseId);
    const decisions = context.decisions;
    context.pending = [];
    context.decisions = [];
    const caseIds = new Set([
      ...(context.confirmedLatestCaseId === null ? [] : [context.confirmedLatestCaseId]),
      ...staged,
    ]);
    for (const caseId of caseIds) await this.adopt(batch, context, caseId);
    for (const decision of decisions) await this.decideAndAppend(batch, context, decision);
  }

  private async decideAndAppend(
    batch: BatchState,
    context: HouseholdContext,
    decision: PendingDecision,
  ): Promise<void> {
    for (let attempt = 1; attempt <= MAX_DECISION_ATTEMPTS; attempt += 1) {
      const action = this.caseActionFor(context, decision);
      if (action === null || action.action === 'none') return;
      const target = this.targetOf(context, action);
      const events = this.caseEventsFor(action, target.state);
      if (events.length === 0) return;
      let result: AppendResult;
      try {
        result = await this.store.appendToStream(caseStreamId(target.caseId), events, target.version);
      } catch (error) {
        if (!isAppendConflict(error)) throw error;
        await this.adopt(batch, context, target.caseId);
        continue;
      }
      batch.appended += result.events.filter((event) => event.status === 'appended').length;
      batch.decided.push(...events);
      if (landedAsDecided(result, target.version)) {
        events.forEach((event, index) =>
          batch.applyCaseEvent(context, target.caseId, event, target.version + index + 1),
        );
        context.confirmedLatestCaseId = context.latestCaseId;
      } else {
        await this.adopt(batch, context, target.caseId);
      }
      return;
    }
    this.logger.warn(
      `household ${context.householdId}: the case stream kept changing; decision for ${decision.causationId} left to the stored history`,
    );
  }

  /** Replaces the batch's view of a case with its stream as stored. */
  private async adopt(batch: BatchState, context: HouseholdContext, caseId: string): Promise<void> {
    const recorded = await this.store.readStream(caseStreamId(caseId));
    const stream: PositionedCaseEvent[] = recorded.map((event) => ({
      event: upcastCaseEvent(event),
      streamPosition: event.streamPosition,
    }));
    batch.adoptCase(context, caseId, stream);
  }

  private caseActionFor(context: HouseholdContext, decision: PendingDecision): CaseAction | null {
    try {
      // Fields written out: `{ ...decision, latestCase }` is slow on this V8, and this runs per event.
      const input: RiskAssessedInput = {
        assessment: decision.assessment,
        latestCase: context.latestCase,
        previousAlert: decision.previousAlert,
        triggerEventIds: decision.triggerEventIds,
        causationId: decision.causationId,
        now: decision.now,
        policy: decision.policy,
      };
      if (decision.correlationId !== undefined) input.correlationId = decision.correlationId;
      return decideCaseAction(input);
    } catch (error) {
      if (!(error instanceof CaseRuleViolation)) throw error;
      this.logger.warn(
        `household ${context.householdId}: no case decision for ${decision.causationId}: ${error.message}`,
      );
      return null;
    }
  }

  /** The case the action is about, its state and version as the batch knows them. */
  private targetOf(
    context: HouseholdContext,
    action: Exclude<CaseAction, { action: 'none' }>,
  ): { caseId: string; state: CaseState; version: number } {
    const caseId = action.command.caseId;
    return caseId === context.latestCaseId
      ? { caseId, state: context.latestCase, version: context.latestCaseVersion }
      : { caseId, state: initialCaseState(), version: 0 };
  }

  private caseEventsFor(action: Exclude<CaseAction, { action: 'none' }>, state: CaseState): CaseEvent[] {
    try {
      return decideCase(action.command, state);
    } catch (error) {
      if (!(error instanceof CaseRuleViolation)) throw error;
      this.logger.warn(`case ${action.command.caseId}: ${action.action} refused: ${error.message}`);
      return [];
    }
  }
}
