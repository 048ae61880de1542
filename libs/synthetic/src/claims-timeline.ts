import type { InstitutionLevel, VisitType } from '@monitoring/domain/events/household.events';
import { emptyLedger, settleClaim } from './claim-settlement';
import { type DiagnosisCode, isMajorDisease } from './diagnoses';
import { ageOn, type Person } from './household-composer';
import { DAY_SECONDS, HOUR_SECONDS, type HouseholdHistory, type TimedRecord } from './household-history';
import { formatBeijing, MILLIS_PER_DAY, yearOfDay } from './local-time';
import { billFor, careRates, diagnose, institutionFor, VISIT_TYPES } from './medical-care';
import { DISABILITY_GRADES_AFTER_INJURY, PROFILE, REVERSAL_REASONS } from './province-profile';
import { recordDisability } from './registry-timeline';

/**
 * The claims feed of one household: every member's settlements in time order (so the year's
 * deductibles build up as they do upstream), a few reversed and re-settled, a few arriving late.
 */

interface PlannedClaim {
  person: Person;
  visitType: VisitType;
  at: number;
}

/** A re-settlement after a reversal keeps the original's diagnosis and place, with a corrected bill. */
interface Correction {
  diagnosisCode: DiagnosisCode;
  institutionLevel: InstitutionLevel;
  inCounty: boolean;
  totalFen: number;
}

export const planClaims = (history: HouseholdHistory): void => {
  const planned: PlannedClaim[] = [];
  for (const person of history.household.members) planned.push(...planPersonClaims(history, person));
  planned.sort((a, b) => a.at - b.at);
  const injured = new Set<string>();
  for (const claim of planned) {
    const diagnosisCode = settle(history, claim);
    afterSeriousInjury(history, claim, diagnosisCode, injured);
  }
};

/** Claims while the person is a member: from the day after joining to the day before leaving or dying. */
const planPersonClaims = (history: HouseholdHistory, person: Person): PlannedClaim[] => {
  const { random, household, window } = history;
  const fromDay = Math.max(person.fromDay, household.registeredDay) + 1;
  const untilDay = Math.min(person.untilDay, window.endDay);
  if (untilDay <= fromDay) return [];
  const years = (untilDay - fromDay) / 365.25;
  const rates = careRates(random, person, ageOn(person, fromDay));
  const claims: PlannedClaim[] = [];
  for (const visitType of VISIT_TYPES) {
    const count = random.poisson(rates[visitType] * years);
    for (let i = 0; i < count; i += 1) {
      claims.push({ person, visitType, at: history.timeOn(random.int(fromDay, untilDay - 1), 7.5, 20) });
    }
  }
  return claims;
};

/** Settles a planned claim (and maybe reverses and re-settles it); returns its diagnosis. */
const settle = (history: HouseholdHistory, claim: PlannedClaim, correcting?: Correction): DiagnosisCode => {
  const { random, household, window } = history;
  const { person, visitType } = claim;
  const day = history.dayOf(claim.at);
  const condition = person.condition;
  const diagnosisCode = correcting?.diagnosisCode ?? diagnose(random, person, visitType, ageOn(person, day));
  const institutionLevel =
    correcting?.institutionLevel ?? institutionFor(random, visitType, person.diseaseClass === 'A');
  const inCounty =
    correcting?.inCounty ??
    (institutionLevel === 'village' ||
      institutionLevel === 'township' ||
      (institutionLevel === 'county' && random.chance(0.95)));
  const totalFen = correcting?.totalFen ?? billFor(random, visitType, diagnosisCode, institutionLevel);
  const ledgerKey = `${person.personId}:${yearOfDay(day)}`;
  const ledger = history.ledgers.get(ledgerKey) ?? emptyLedger();
  history.ledgers.set(ledgerKey, ledger);
  const parts = settleClaim(
    random,
    {
      totalFen,
      visitType,
      institutionLevel,
      inCounty,
      majorDisease:
        visitType === 'chronic_outpatient' && condition !== undefined && isMajorDisease(condition),
      formerlyPoor: household.formerlyPoor,
      socialAssistance: history.assistanceOn(day),
      commercialInsurance: household.commercialInsurance,
      countyOutOfPocketCap: household.county.outOfPocketCap,
    },
    ledger,
  );
  const late = correcting === undefined && random.chance(PROFILE.lateClaimShare);
  const sourceId = history.ids.next('claims');
  const timed = history.push(
    {
      type: 'claim_settled',
      sourceId,
      occurredAt: formatBeijing(claim.at),
      householdId: household.householdId,
      personId: person.personId,
      visitType,
      institutionLevel,
      inCounty,
      diagnosisCode,
      ...parts,
    },
    claim.at,
    late,
  );
  const reversal =
    correcting === undefined && random.chance(PROFILE.claimReversalShare)
      ? reverse(history, timed, sourceId)
      : undefined;
  if (reversal === undefined && claim.at > window.untilMs - 365 * MILLIS_PER_DAY) {
    history.outOfPocketLastYearFen += parts.outOfPocketFen;
  }
  if (reversal?.reason === 'settlement_corrected') {
    const at = reversal.at + random.int(HOUR_SECONDS, 3 * DAY_SECONDS) * 1_000;
    // Re-settled while the person is still a member: after a death the hospital settles no more.
    if (at < window.untilMs && history.dayOf(at) < person.untilDay) {
      const corrected = Math.max(500, Math.round(totalFen * random.uniform(0.85, 1.05)));
      settle(
        history,
        { person, visitType, at },
        { diagnosisCode, institutionLevel, inCounty, totalFen: corrected },
      );
    }
  }
  return diagnosisCode;
};

/** Cancels a settled claim upstream some days after it arrived, if that still falls in the window. */
const reverse = (
  history: HouseholdHistory,
  claim: TimedRecord,
  claimId: string,
): { at: number; reason: string } | undefined => {
  const { random, window } = history;
  const earliest = claim.deliverAt + DAY_SECONDS * 1_000;
  if (earliest >= window.untilMs) return undefined;
  const latest = Math.min(window.untilMs - 1_000, claim.deliverAt + 60 * DAY_SECONDS * 1_000);
  const at = Math.floor(random.uniform(earliest, latest) / 1_000) * 1_000;
  if (at <= claim.deliverAt) return undefined;
  const reason = random.weighted(REVERSAL_REASONS);
  history.push({ type: 'claim_reversed', ...history.head('claims', at), claimId, reason }, at);
  return { at, reason };
};

/** A stroke, a brain haemorrhage or a broken femur can take away work capacity or leave a disability. */
const afterSeriousInjury = (
  history: HouseholdHistory,
  claim: PlannedClaim,
  diagnosisCode: DiagnosisCode,
  injured: Set<string>,
): void => {
  const { random, window } = history;
  const { person } = claim;
  if (claim.visitType !== 'inpatient' || injured.has(person.personId)) return;
  if (diagnosisCode !== 'I63' && diagnosisCode !== 'I61' && diagnosisCode !== 'S72') return;
  injured.add(person.personId);
  const day = history.dayOf(claim.at);
  if (person.labourCapacity !== 'none' && ageOn(person, day) >= 16 && random.chance(0.3)) {
    const changeDay = day + random.int(10, 60);
    if (changeDay < window.endDay && changeDay < person.untilDay) {
      person.labourCapacity = random.chance(0.6) ? 'none' : 'partial';
      const at = history.timeOn(changeDay, 8.5, 17.5);
      history.push(
        {
          type: 'labour_capacity_changed',
          ...history.head('registry', at),
          personId: person.personId,
          labourCapacity: person.labourCapacity,
        },
        at,
      );
    }
  }
  const disabilityDay = day + random.int(30, 90);
  if (random.chance(0.1) && disabilityDay < window.endDay && disabilityDay < person.untilDay) {
    recordDisability(history, person, disabilityDay, random.weighted(DISABILITY_GRADES_AFTER_INJURY));
  }
};
