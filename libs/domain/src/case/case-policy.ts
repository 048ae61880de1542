/** The case part of a province's policy document (DESIGN §5): deadlines and escalation are data. */
export interface CasePolicy {
  /** Verification (home visit) due this many days after opening. Henan: 7. */
  verificationDays: number;
  /** Assistance in place this many days after opening. Henan: 30. */
  assistanceDays: number;
  /** A case still overdue this many days after a missed deadline escalates to the city... */
  escalateToCityAfterDays: number;
  /** ...and this many days after the missed deadline, to the province. */
  escalateToProvinceAfterDays: number;
  /** Risk elimination needs income above the monitoring standard for at least this many months. */
  stableIncomeMonths: number;
}
