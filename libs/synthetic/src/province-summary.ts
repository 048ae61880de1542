import type { HouseholdFacts } from './household-timeline';
import { localDayOf, parseInstantWithOffset, yearOfDay } from './local-time';
import { MALFORMATION_KINDS, type MalformationKind } from './malformed-records';
import type { ProvinceLine, ProvinceOptions } from './province-generator';
import { PROFILE, priorYearRuralIncomeYuan } from './province-profile';
import { SOURCE_RECORD_TYPES } from '@monitoring/domain';
import type { SourceRecordType, SourceTopic } from './source-records';

/** What was generated, and what the monitoring system should find in it. Deterministic: no timings. */
export interface ProvinceSummary {
  seed: string;
  window: { from: string; until: string; months: number };
  complete: boolean;
  households: number;
  formerlyPoorHouseholds: number;
  formerlyPoorShare: number;
  members: { registered: number; added: number; removed: number; atEnd: number };
  /** Lines per topic file, originals, duplicates and malformed together. */
  linesByTopic: Record<SourceTopic, number>;
  totalLines: number;
  /** Distinct valid records by type (re-deliveries and malformed lines not included). */
  recordsByType: Record<SourceRecordType, number>;
  duplicates: number;
  duplicateShare: number;
  malformed: { total: number; share: number; byKind: Record<MalformationKind, number> };
  /** Records delivered weeks after their business time. */
  lateRecords: number;
  claimReversalShare: number;
  /**
   * Figures the risk policy's defaults (DESIGN §4) should reproduce as of `until`: households whose
   * out-of-pocket medical cost in the last 365 days (reversals excluded) is over the threshold
   * (formerly poor: 50% of the prior year's national rural per-capita disposable income, others
   * 100%), or over twice it; and households whose per-capita income is below the standard. The
   * domain's `assessRisk` with the Henan policy finds the same households (province-risk.spec.ts),
   * before any case is confirmed ("monitored" households would lower their threshold).
   */
  expected: {
    medicalThresholdFen: { formerlyPoor: number; other: number };
    /** `medical_cost_high` or `medical_cost_very_high`. */
    highMedicalCostHouseholds: number;
    /** `medical_cost_very_high`. */
    veryHighMedicalCostHouseholds: number;
    /** Per-capita net income below the standard, before medical costs. */
    incomeBelowStandardHouseholds: number;
    /** `income_below_standard`: per-capita income after the year's out-of-pocket medical cost. */
    incomeAfterMedicalCostBelowStandardHouseholds: number;
    monitoringStandardFen: number;
  };
}

export class ProvinceTally {
  private readonly thresholds: { formerlyPoor: number; other: number };
  private done = false;
  private householdCount = 0;
  private formerlyPoor = 0;
  private readonly members = { registered: 0, added: 0, removed: 0, atEnd: 0 };
  private readonly linesByTopic: Record<SourceTopic, number> = { registry: 0, income: 0, claims: 0 };
  private readonly recordsByType = Object.fromEntries(
    Object.keys(SOURCE_RECORD_TYPES).map((type) => [type, 0]),
  ) as Record<SourceRecordType, number>;
  private duplicates = 0;
  private readonly malformedByKind = Object.fromEntries(
    MALFORMATION_KINDS.map((kind) => [kind, 0]),
  ) as Record<MalformationKind, number>;
  private late = 0;
  private highMedical = 0;
  private veryHighMedical = 0;
  private incomeBelow = 0;
  private incomeAfterMedicalBelow = 0;

  constructor(
    private readonly options: ProvinceOptions,
    private readonly window: { from: string; until: string },
  ) {
    const year = yearOfDay(localDayOf(parseInstantWithOffset(options.until)));
    const base = priorYearRuralIncomeYuan(year) * 100;
    this.thresholds = { formerlyPoor: Math.round(base / 2), other: base };
  }

  get households(): number {
    return this.householdCount;
  }

  countHousehold(facts: HouseholdFacts): void {
    this.householdCount += 1;
    if (facts.formerlyPoor) this.formerlyPoor += 1;
    this.members.registered += facts.membersRegistered;
    this.members.added += facts.membersAdded;
    this.members.removed += facts.membersRemoved;
    this.members.atEnd += facts.membersAtEnd;
    const threshold = facts.formerlyPoor ? this.thresholds.formerlyPoor : this.thresholds.other;
    if (facts.outOfPocketLastYearFen > threshold) this.highMedical += 1;
    if (facts.outOfPocketLastYearFen > 2 * threshold) this.veryHighMedical += 1;
    if (facts.netIncomeAtEndFen !== null && facts.membersAtEnd > 0) {
      const standard = PROFILE.monitoringStandardFen;
      if (facts.netIncomeAtEndFen / facts.membersAtEnd < standard) this.incomeBelow += 1;
      if ((facts.netIncomeAtEndFen - facts.outOfPocketLastYearFen) / facts.membersAtEnd < standard) {
        this.incomeAfterMedicalBelow += 1;
      }
    }
  }

  countLine(line: ProvinceLine): void {
    this.linesByTopic[line.topic] += 1;
    if (line.delivery === 'duplicate') this.duplicates += 1;
    else if (line.delivery === 'malformed' && line.malformation !== undefined)
      this.malformedByKind[line.malformation] += 1;
    else {
      this.recordsByType[line.type] += 1;
      if (line.late === true) this.late += 1;
    }
  }

  complete(): void {
    this.done = true;
  }

  summary(): ProvinceSummary {
    const totalLines = this.linesByTopic.registry + this.linesByTopic.income + this.linesByTopic.claims;
    const malformed = Object.values(this.malformedByKind).reduce((sum, count) => sum + count, 0);
    const share = (part: number, whole: number): number =>
      whole === 0 ? 0 : Math.round((part / whole) * 1e6) / 1e6;
    return {
      seed: this.options.seed,
      window: { ...this.window, months: this.options.months },
      complete: this.done,
      households: this.householdCount,
      formerlyPoorHouseholds: this.formerlyPoor,
      formerlyPoorShare: share(this.formerlyPoor, this.householdCount),
      members: { ...this.members },
      linesByTopic: { ...this.linesByTopic },
      totalLines,
      recordsByType: { ...this.recordsByType },
      duplicates: this.duplicates,
      duplicateShare: share(this.duplicates, totalLines),
      malformed: {
        total: malformed,
        share: share(malformed, totalLines),
        byKind: { ...this.malformedByKind },
      },
      lateRecords: this.late,
      claimReversalShare: share(this.recordsByType.claim_reversed, this.recordsByType.claim_settled),
      expected: {
        medicalThresholdFen: { ...this.thresholds },
        highMedicalCostHouseholds: this.highMedical,
        veryHighMedicalCostHouseholds: this.veryHighMedical,
        incomeBelowStandardHouseholds: this.incomeBelow,
        incomeAfterMedicalCostBelowStandardHouseholds: this.incomeAfterMedicalBelow,
        monitoringStandardFen: PROFILE.monitoringStandardFen,
      },
    };
  }
}
