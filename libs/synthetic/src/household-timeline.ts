import { planClaims } from './claims-timeline';
import type { Household } from './household-composer';
import {
  type GenerationWindow,
  HouseholdHistory,
  type SourceIdSequence,
  type TimedRecord,
} from './household-history';
import type { IdNumberIssuer } from './id-number-issuer';
import { planIncome, planIncomeFall } from './income-timeline';
import type { Random } from './random';
import { planDisaster, planGuarantees, planMembership, registerHousehold } from './registry-timeline';

/** What the summary needs to know about a household at the end of the window. */
export interface HouseholdFacts {
  formerlyPoor: boolean;
  membersRegistered: number;
  membersAdded: number;
  membersRemoved: number;
  membersAtEnd: number;
  /** Out-of-pocket cost of claims settled in the 365 days up to the end, reversals excluded. */
  outOfPocketLastYearFen: number;
  /** Household net income as the risk policy reads it at the end (latest assessment or 12 × a later monthly report). */
  netIncomeAtEndFen: number | null;
}

export interface HouseholdTimeline {
  /** Delivery order: the registration first, then by arrival. */
  records: TimedRecord[];
  facts: HouseholdFacts;
}

/**
 * Simulates one household's registry, income and claims records over the window. Planning order
 * matters: members before incomes (per-capita figures), incomes before social assistance, social
 * assistance before claims (medical assistance).
 */
export const simulateHousehold = (
  random: Random,
  household: Household,
  window: GenerationWindow,
  ids: SourceIdSequence,
  issuer: IdNumberIssuer,
): HouseholdTimeline => {
  const history = new HouseholdHistory(random, household, window, ids, issuer);
  registerHousehold(history);
  planMembership(history);
  planIncome(history);
  planIncomeFall(history);
  planDisaster(history);
  planGuarantees(history);
  planClaims(history);

  const [registration, ...rest] = history.records;
  rest.sort((a, b) => a.deliverAt - b.deliverAt || a.order - b.order);
  return {
    records: registration === undefined ? rest : [registration, ...rest],
    facts: {
      formerlyPoor: household.formerlyPoor,
      membersRegistered: history.membersRegistered,
      membersAdded: history.membersAdded,
      membersRemoved: history.membersRemoved,
      membersAtEnd: history.membersAt(window.untilMs).length,
      outOfPocketLastYearFen: history.outOfPocketLastYearFen,
      netIncomeAtEndFen: history.netIncomeAtEnd(),
    },
  };
};
