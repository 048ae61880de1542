import { Logger } from '@nestjs/common';
import {
  evolveHousehold,
  isCaseEventType,
  isHouseholdEventType,
  upcastCaseEvent,
  upcastHouseholdEvent,
  type CaseEvent,
  type HouseholdEvent,
  type HouseholdState,
  type MonitoringPolicy,
} from '@monitoring/domain';
import type { Checkpoint, RecordedEvent } from '@monitoring/event-store';
import type { RiskToCaseProcessManager } from '../process-manager/risk-to-case.process-manager';
import type { GenerationTables } from '../read-models/generation-tables';
import type { SqlRunner } from '../read-models/sql-runner';
import { BatchState } from './batch-state';
import { caseRowOf } from './case-record';
import {
  assessHousehold,
  eventAsOfMs,
  nextReassessmentOf,
  type HouseholdAssessment,
} from './household-assessment';
import {
  householdContextOf,
  householdRiskRowOf,
  householdStateRowOf,
  isMonitored,
  newHouseholdContext,
  openCaseIdOf,
  type HouseholdContext,
  type HouseholdStateRow,
} from './household-context';

/**
 * Whether the household is monitored (a confirmed case not closed) after this case event, for the
 * events that change it; null for the others.
 */
const monitoredAfter = (event: CaseEvent): boolean | null => {
  switch (event.type) {
    case 'VerificationRecorded':
      return event.data.outcome === 'confirmed' ? true : null;
    case 'CaseReopened':
      return event.data.stage === 'verified' ? true : null;
    case 'RiskEliminated':
      return false;
    default:
      return null;
  }
};

const HOUSEHOLD_STREAM = 'household-';
const CASE_STREAM = 'case-';

type LogEvent =
  | { kind: 'household'; recorded: RecordedEvent; event: HouseholdEvent; householdId: string }
  | { kind: 'case'; recorded: RecordedEvent; event: CaseEvent; caseId: string };

export interface ProjectionBatchOptions {
  processManager: RiskToCaseProcessManager;
  documents: readonly MonitoringPolicy[];
}

/** What a committed batch did. */
export interface BatchSummary {
  /** Households whose assessment was written. */
  assessed: number;
  /** Case rows written. */
  cases: number;
  /** Case events appended to the store (duplicates of a replay not counted). */
  appended: number;
  /** Case events the process manager decided (a replay decides again what is stored already). */
  decided: CaseEvent[];
}

/**
 * One batch of the monitor's projection, inside the caller's transaction: loads every household and
 * case the batch touches in a few queries, evolves them in memory event by event (assessing each
 * household event and deciding on its case), appends the case events, and writes every table and
 * the checkpoint in one statement of multi-row upserts. Never one query per event.
 */
export class ProjectionBatch {
  private readonly logger = new Logger(ProjectionBatch.name);
  readonly state = new BatchState();
  /** Set by a re-assessment: its time, which every household's next re-assessment must lie beyond. */
  private reassessedAtMs: number | null = null;

  constructor(
    private readonly tables: GenerationTables,
    private readonly sql: SqlRunner,
    private readonly options: ProjectionBatchOptions,
  ) {}

  /** Projects events of the global log, in log order; case events decided at the end stay staged. */
  async evolve(recorded: readonly RecordedEvent[]): Promise<void> {
    const events = recorded.flatMap((event) => this.parse(event));
    await this.load(events);
    for (const item of events) {
      if (item.kind === 'household') this.applyHouseholdEvent(item);
      else await this.applyCaseEvent(item);
    }
  }

  /**
   * After `evolve`: appends the staged case events (the store's own transaction) while the read
   * models and the checkpoint are written in the caller's transaction, so neither waits for the
   * other. Should the append settle anything otherwise than staged (a conflict), the optimistic write
   * is rolled back to its savepoint and the batch written again as it now stands, so the rows are
   * exactly those of appending first and writing after. `afterAppends` runs once the appends are done.
   */
  async appendAndWrite(
    updatedAt: string,
    checkpoint: Checkpoint,
    afterAppends?: () => void | Promise<void>,
  ): Promise<BatchSummary> {
    const contexts = [...this.state.contexts.values()];
    if (contexts.every((context) => context.pending.length === 0)) {
      await this.options.processManager.flush(this.state, contexts);
      await afterAppends?.();
      return this.write(updatedAt, checkpoint);
    }
    const revision = this.state.revision;
    await this.sql.query('SAVEPOINT batch_rows');
    const written = this.write(updatedAt, checkpoint);
    try {
      await this.options.processManager.flush(this.state, contexts);
      await afterAppends?.();
    } finally {
      // Never leave the write running on the connection the caller is about to roll back or reuse.
      await written.catch(() => undefined);
    }
    const summary = await written;
    if (this.state.revision === revision) return { ...summary, appended: this.state.appended };
    await this.sql.query('ROLLBACK TO SAVEPOINT batch_rows');
    return this.write(updatedAt, checkpoint);
  }

  /**
   * Re-assesses households at `nowMs` (the daily re-assessment: a window edge passed). The case
   * decision's cause is `reassessment:<householdId>:<asOf>`, so a job that runs twice appends once.
   */
  async reassess(rows: readonly HouseholdStateRow[], nowMs: number): Promise<void> {
    this.reassessedAtMs = nowMs;
    for (const row of rows) this.state.contexts.set(row.household_id, householdContextOf(row));
    await this.loadCases([]);
    for (const context of this.state.contexts.values()) {
      const assessed = this.assessAndDecide(
        context,
        nowMs,
        (asOf) => `reassessment:${context.householdId}:${asOf}`,
        [],
      );
      if (!assessed) {
        context.nextReassessmentAt = null;
        context.dirty = true;
      }
    }
    await this.options.processManager.flush(this.state, this.state.contexts.values());
  }

  /** Writes what the batch changed (household states, risk rows, case rows), and the checkpoint if given. */
  async write(updatedAt: string, checkpoint: Checkpoint | null = null): Promise<BatchSummary> {
    const { documents } = this.options;
    const states: object[] = [];
    const risks: object[] = [];
    const openCases: { household_id: string; open_case_id: string | null; updated_at: string }[] = [];
    for (const context of this.state.contexts.values()) {
      if (context.assessed !== null) {
        context.nextReassessmentAt = this.nextReassessment(
          context.householdId,
          context.state,
          context.assessed,
        );
        risks.push(householdRiskRowOf(context, context.assessed, updatedAt));
      } else if (openCaseIdOf(context) !== context.loadedOpenCaseId) {
        openCases.push({
          household_id: context.householdId,
          open_case_id: openCaseIdOf(context),
          updated_at: updatedAt,
        });
      }
      if (context.dirty) states.push(householdStateRowOf(context, updatedAt));
    }
    const cases = [...this.state.touchedCases].map((caseId) =>
      caseRowOf(this.state.records.get(caseId)!, documents, updatedAt),
    );
    await this.tables.saveBatch(
      this.sql,
      { states, risks, openCases, cases },
      checkpoint === null ? null : { checkpoint, updatedAt },
    );
    return {
      assessed: risks.length,
      cases: cases.length,
      appended: this.state.appended,
      decided: this.state.decided,
    };
  }

  private nextReassessment(
    householdId: string,
    state: HouseholdState,
    assessed: HouseholdAssessment,
  ): string | null {
    const next = nextReassessmentOf(state, assessed, this.options.documents);
    if (next !== null && this.reassessedAtMs !== null && Date.parse(next) <= this.reassessedAtMs) {
      // Never due again at the time just assessed, or the daily job would take it forever.
      this.logger.warn(
        `household ${householdId}: next re-assessment ${next} is not after ${assessed.asOf}; cleared`,
      );
      return null;
    }
    return next;
  }

  private parse(recorded: RecordedEvent): LogEvent[] {
    if (recorded.streamId.startsWith(HOUSEHOLD_STREAM)) {
      // A type a newer release wrote means nothing to this one's evolver.
      if (!isHouseholdEventType(recorded.type)) return [];
      const event = upcastHouseholdEvent(recorded);
      return [{ kind: 'household', recorded, event, householdId: event.data.householdId }];
    }
    if (recorded.streamId.startsWith(CASE_STREAM)) {
      if (!isCaseEventType(recorded.type)) return [];
      return [
        {
          kind: 'case',
          recorded,
          event: upcastCaseEvent(recorded),
          caseId: recorded.streamId.slice(CASE_STREAM.length),
        },
      ];
    }
    return [];
  }

  /** Loads the batch's households and cases: two or three queries whatever the batch size. */
  private async load(events: readonly LogEvent[]): Promise<void> {
    const householdIds = new Set<string>();
    const caseIds = new Set<string>();
    for (const item of events) {
      if (item.kind === 'household') householdIds.add(item.householdId);
      else {
        caseIds.add(item.caseId);
        if (item.event.type === 'CaseOpened') householdIds.add(item.event.data.householdId);
      }
    }
    await this.loadHouseholds(householdIds);
    await this.loadCases(caseIds);
    const caseHouseholds = [...this.state.records.values()]
      .map((record) => record.householdId)
      .filter((householdId) => !this.state.contexts.has(householdId));
    await this.loadHouseholds(new Set(caseHouseholds));
    for (const householdId of householdIds) this.context(householdId);
  }

  private async loadHouseholds(householdIds: ReadonlySet<string>): Promise<void> {
    const rows = await this.tables.loadHouseholds(this.sql, [...householdIds]);
    for (const row of rows) this.state.contexts.set(row.household_id, householdContextOf(row));
  }

  /** Loads these cases and every loaded household's latest case. */
  private async loadCases(caseIds: Iterable<string>): Promise<void> {
    const wanted = new Set(caseIds);
    for (const context of this.state.contexts.values()) {
      if (context.latestCaseId !== null) wanted.add(context.latestCaseId);
    }
    for (const record of await this.tables.loadCases(this.sql, [...wanted])) {
      this.state.records.set(record.caseId, record);
    }
  }

  private context(householdId: string): HouseholdContext {
    let context = this.state.contexts.get(householdId);
    if (context === undefined) {
      context = newHouseholdContext(householdId);
      this.state.contexts.set(householdId, context);
    }
    return context;
  }

  private applyHouseholdEvent(item: Extract<LogEvent, { kind: 'household' }>): void {
    const { recorded, event } = item;
    const context = this.context(item.householdId);
    // Delivered again (a restart, a replay into tables that already hold it): nothing to do.
    if (recorded.streamPosition <= context.streamVersion) return;
    context.state = evolveHousehold(context.state, event);
    context.streamVersion = recorded.streamPosition;
    context.lastGlobalPosition = recorded.globalPosition;
    context.regionCode = context.state.registrations.at(-1)?.regionCode ?? context.regionCode;
    context.dirty = true;
    this.assessAndDecide(
      context,
      eventAsOfMs(event.metadata.occurredAt, recorded.recordedAt),
      () => event.eventId,
      [event.eventId],
      event.metadata.correlationId,
    );
  }

  private async applyCaseEvent(item: Extract<LogEvent, { kind: 'case' }>): Promise<void> {
    const { recorded, event, caseId } = item;
    const householdId =
      this.state.records.get(caseId)?.householdId ??
      (event.type === 'CaseOpened' ? event.data.householdId : null);
    if (householdId === null) {
      this.logger.warn(
        `case event ${event.eventId} (${event.type}) of case ${caseId}, which was never opened: skipped`,
      );
      return;
    }
    const context = this.context(householdId);
    const staged = await this.options.processManager.reconcile(
      this.state,
      context,
      caseId,
      event.eventId,
      recorded.streamPosition,
    );
    if (!staged && this.state.applyCaseEvent(context, caseId, event, recorded.streamPosition)) {
      if (context.latestCaseId === caseId) context.confirmedLatestCaseId = caseId;
    }
    // A confirmation, an elimination or a reopening changes the medical threshold the household is
    // assessed against. Decided by the event in the log alone, applied or already folded (a conflict
    // may have read it early), so that a replay re-assesses exactly where live processing did.
    const monitored = monitoredAfter(event);
    if (monitored !== null && context.latestCaseId === caseId && context.lastAssessedAt !== null) {
      this.assessAndDecide(
        context,
        eventAsOfMs(event.metadata.occurredAt, recorded.recordedAt),
        () => event.eventId,
        [],
        undefined,
        monitored,
      );
    }
  }

  /** Assesses the household at `asOfMs` and lets the process manager decide on its case. */
  private assessAndDecide(
    context: HouseholdContext,
    asOfMs: number,
    causationOf: (asOf: string) => string,
    triggerEventIds: string[],
    correlationId?: string,
    monitored = isMonitored(context),
  ): boolean {
    const assessed = assessHousehold(context.state, asOfMs, monitored, this.options.documents);
    if (assessed === null) return false;
    context.assessed = assessed;
    context.assessedMonitored = monitored;
    context.lastAssessedAt = assessed.asOf;
    context.dirty = true;
    this.options.processManager.decide(this.state, context, {
      assessment: assessed.assessment,
      previousAlert: context.previousAlert,
      triggerEventIds,
      causationId: causationOf(assessed.asOf),
      ...(correlationId !== undefined && { correlationId }),
      now: assessed.asOf,
      policy: assessed.policy.case,
    });
    context.previousAlert = assessed.assessment.alert;
    return true;
  }
}
