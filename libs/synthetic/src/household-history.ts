import type { SocialAssistanceProgramme } from '@monitoring/domain/events/household.events';
import type { PersonYearLedger } from './claim-settlement';
import type { Household, Person } from './household-composer';
import type { IdNumberIssuer } from './id-number-issuer';
import { formatBeijing, instantOf, localDayOf } from './local-time';
import type { Random } from './random';
import type { GeneratedRecord, SourceTopic } from './source-records';

/** The business-time window: records happen on local days [startDay, endDay) and before `untilMs`. */
export interface GenerationWindow {
  startDay: number;
  endDay: number;
  untilMs: number;
}

export interface SourceIdSequence {
  next(topic: SourceTopic): string;
}

/** A record with its business time and the time it reaches the monitoring system (file order). */
export interface TimedRecord {
  at: number;
  deliverAt: number;
  order: number;
  late: boolean;
  record: GeneratedRecord;
}

/** An income figure as the risk policy reads it: household net income per year. */
export interface IncomeFigure {
  at: number;
  netFen: number;
}

export interface AssistanceSpell {
  programme: SocialAssistanceProgramme;
  fromDay: number;
  untilDay: number;
}

export const HOUR_SECONDS = 3_600;
export const DAY_SECONDS = 86_400;

/**
 * One household's records as they are being simulated, with what the planners need to know about
 * each other's work (incomes for assistance, assistance for claims, members for incomes).
 */
export class HouseholdHistory {
  readonly records: TimedRecord[] = [];
  readonly assessments: IncomeFigure[] = [];
  readonly monthlyReports: IncomeFigure[] = [];
  readonly assistance: AssistanceSpell[] = [];
  /** Per person and calendar year, what the insurers have paid so far. */
  readonly ledgers = new Map<string, PersonYearLedger>();
  readonly registrationAt: number;
  readonly membersRegistered: number;
  membersAdded = 0;
  membersRemoved = 0;
  outOfPocketLastYearFen = 0;

  constructor(
    readonly random: Random,
    readonly household: Household,
    readonly window: GenerationWindow,
    readonly ids: SourceIdSequence,
    readonly issuer: IdNumberIssuer,
  ) {
    this.registrationAt = this.timeOn(household.registeredDay, 8.5, 17.5);
    this.membersRegistered = household.members.length;
  }

  /** Adds a record; a late one reaches the system 2 to 9 weeks after it happened. */
  push(record: GeneratedRecord, at: number, late = false): TimedRecord {
    const deliverAt = late ? at + this.random.int(14, 60) * DAY_SECONDS * 1_000 : at;
    const timed: TimedRecord = { at, deliverAt, order: this.records.length, late, record };
    this.records.push(timed);
    return timed;
  }

  /** The fields every record starts with, and a fresh upstream id. */
  head(topic: SourceTopic, at: number): { sourceId: string; occurredAt: string; householdId: string } {
    return {
      sourceId: this.ids.next(topic),
      occurredAt: formatBeijing(at),
      householdId: this.household.householdId,
    };
  }

  /** A time of day (office hours given in hours) on a local day, never at or after the window's end. */
  timeOn(day: number, fromHour: number, toHour: number): number {
    const second = this.random.int(
      Math.round(fromHour * HOUR_SECONDS),
      Math.round(toHour * HOUR_SECONDS) - 1,
    );
    const at = instantOf(day, second);
    if (at < this.window.untilMs) return at;
    const dayStart = instantOf(day, 0);
    return dayStart + Math.floor(this.random.uniform(0, this.window.untilMs - dayStart) / 1_000) * 1_000;
  }

  dayOf(at: number): number {
    return localDayOf(at);
  }

  /** A uniformly drawn day from `fromDay` to the end of the window, if there is one. */
  dayAfter(fromDay: number): number | undefined {
    if (fromDay >= this.window.endDay) return undefined;
    return this.random.int(fromDay, this.window.endDay - 1);
  }

  /** Years from a day to the end of the window. */
  yearsFrom(day: number): number {
    return Math.max(0, this.window.endDay - day) / 365.25;
  }

  /** Members as the registry's records stand at an instant. */
  membersAt(at: number): Person[] {
    return this.household.members.filter((p) => p.memberFrom <= at && at < p.memberUntil);
  }

  /** Members at registration. */
  initialMembers(): Person[] {
    return this.household.members.filter((p) => p.memberFrom <= this.registrationAt);
  }

  latestAssessmentBefore(at: number): number {
    let latest = this.assessments[0]?.netFen ?? 0;
    for (const figure of this.assessments) if (figure.at <= at) latest = figure.netFen;
    return latest;
  }

  assistanceOn(day: number): SocialAssistanceProgramme | undefined {
    return this.assistance.find((spell) => spell.fromDay <= day && day < spell.untilDay)?.programme;
  }

  /** Net income as the policy reads it at the end: the latest assessment, or 12 × a later monthly report. */
  netIncomeAtEnd(): number | null {
    const latest = (figures: IncomeFigure[]) =>
      figures.reduce<IncomeFigure | undefined>(
        (found, f) => (!found || f.at > found.at ? f : found),
        undefined,
      );
    const assessment = latest(this.assessments);
    if (assessment === undefined) return null;
    const report = latest(this.monthlyReports);
    return report !== undefined && report.at > assessment.at ? report.netFen : assessment.netFen;
  }
}
