import type { HouseholdEvent } from '../events/household.events';
import { evolverSpec } from '../testing/given-when-then';
import {
  aClaim,
  aClaimReversal,
  aDisabilityRecord,
  aDisaster,
  aHousehold,
  aHouseholdMember,
  aHousingAssessment,
  aLabourCapacityChange,
  aMemberAddition,
  aMemberRemoval,
  anIncomeAssessment,
  anIncomeChange,
  anInsuranceChange,
  aSchoolDropout,
  aSchoolReturn,
  aSocialAssistanceChange,
  aWaterAssessment,
} from '../testing/household-events.builder';
import { parseBusinessTime } from './business-time';
import {
  claimsSettledIn,
  formerlyPoorAt,
  housingAt,
  incomeAt,
  membersAt,
  outOfSchoolAt,
  registrationAt,
  socialAssistanceAt,
  uninsuredAt,
  waterAt,
} from './household-as-of';
import {
  compactHousehold,
  evolveHousehold,
  foldHousehold,
  HOUSEHOLD_RETENTION_DAYS,
  householdAsOf,
  householdEvolveKeeping,
  householdEvolver,
} from './household.evolver';
import { initialHouseholdState } from './household-state';

const household = evolverSpec(householdEvolver);
const at = (date: string) => parseBusinessTime(`${date}T23:00:00+08:00`);
const ids = (events: readonly { eventId: string }[]) => events.map((event) => event.eventId);

describe('evolveHousehold', () => {
  const registered = aHousehold().formerlyPoor(2019).withMembers(3).registeredOn('2024-01-15');

  it('registers the household, its region, formerly-poor status and members', () => {
    household.given([registered.build()]).thenState((state) => {
      expect(state.householdId).toBe(registered.householdId);
      expect(registrationAt(state, at('2024-01-15'))).toMatchObject({
        regionCode: '410423203201',
        formerlyPoor: true,
        povertyExitYear: 2019,
      });
      expect(formerlyPoorAt(state, at('2024-01-15'))).toBe(true);
      expect(membersAt(state, at('2024-01-15')).map((member) => member.personId)).toEqual([
        registered.personId(1),
        registered.personId(2),
        registered.personId(3),
      ]);
    });
  });

  it('knows nothing of the household before its registration business time', () => {
    household.given([registered.build()]).thenState((state) => {
      expect(membersAt(state, at('2024-01-14'))).toEqual([]);
      expect(formerlyPoorAt(state, at('2024-01-14'))).toBe(false);
    });
  });

  it('takes the birth date from positions 7–14 of the ID number, not the registry field', () => {
    const event = aHousehold().withMemberList(aHouseholdMember().bornOn('2012-05-01')).build();
    const member = event.data.members[0];
    const mismatched = {
      ...event,
      data: { ...event.data, members: [{ ...member, birthDate: '1999-01-01' }] },
    };
    household.given([mismatched]).thenState((state) => {
      expect(member.idNumber.slice(6, 14)).toBe('20120501');
      expect(membersAt(state, at('2024-06-01'))[0].birthDate).toBe('2012-05-01');
    });
  });

  it('adds and removes members by business time, whatever order the events arrive in', () => {
    const newborn = aMemberAddition(
      aHouseholdMember().as('child').bornOn('2025-02-01').withPersonId('baby'),
      3,
    ).on('2025-02-10');
    const removal = aMemberRemoval(registered.personId(3), 'marriage').on('2025-03-01');
    const events = [registered.build(), newborn.build(), removal.build()];
    for (const order of [events, [...events].reverse()]) {
      household.given(order).thenState((state) => {
        const personIds = (date: string) => membersAt(state, at(date)).map((member) => member.personId);
        expect(personIds('2025-02-09')).toEqual([
          registered.personId(1),
          registered.personId(2),
          registered.personId(3),
        ]);
        expect(personIds('2025-02-10')).toContain('baby');
        expect(personIds('2025-03-01')).toEqual([registered.personId(1), registered.personId(2), 'baby']);
      });
    }
  });

  it('treats a registration as a snapshot: a later one without a member ends that membership', () => {
    const reRegistered = aHousehold().formerlyPoor(2019).withMembers(2).registeredOn('2025-05-01');
    const added = aMemberAddition(aHouseholdMember().withPersonId('cousin'), 5).on('2025-01-01');
    household.given([reRegistered.build(), added.build(), registered.build()]).thenState((state) => {
      expect(membersAt(state, at('2025-01-01')).map((member) => member.personId)).toHaveLength(4);
      expect(membersAt(state, at('2025-05-01')).map((member) => member.personId)).toEqual([
        registered.personId(1),
        registered.personId(2),
      ]);
    });
  });

  it('applies labour capacity and disability changes after the registration, and lets a later registration supersede them', () => {
    const head = registered.personId(1);
    const events = [
      registered.build(),
      aLabourCapacityChange(head, 'none').on('2025-01-10').build(),
      aDisabilityRecord(head, 2).on('2025-01-11').build(),
      aHousehold().formerlyPoor(2019).withMembers(3).registeredOn('2025-06-01').build(),
    ];
    household.given(events).thenState((state) => {
      const headAt = (date: string) => membersAt(state, at(date)).find((member) => member.personId === head);
      expect(headAt('2025-01-09')).toMatchObject({ labourCapacity: 'full', disabilityGrade: null });
      expect(headAt('2025-01-11')).toMatchObject({
        labourCapacity: 'none',
        disabilityGrade: 2,
        labourEventId: events[1].eventId,
        disabilityEventId: events[2].eventId,
      });
      expect(headAt('2025-06-01')).toMatchObject({ labourCapacity: 'full', disabilityGrade: null });
    });
  });

  it('keeps every claim with its business time and event id, and excludes reversed ones', () => {
    const kept = aClaim().withClaimId('C-1').outOfPocketYuan(5_000).settledOn('2025-03-01');
    const reversed = aClaim().withClaimId('C-2').outOfPocketYuan(9_000).settledOn('2025-03-02');
    const events = [
      registered.build(),
      kept.build(),
      reversed.build(),
      aClaimReversal(reversed).on('2025-04-01').build(),
    ];
    household.given(events).thenState((state) => {
      expect(state.claims.map((claim) => [claim.claimId, claim.at, claim.eventId])).toEqual([
        ['C-1', parseBusinessTime('2025-03-01T10:00:00+08:00'), events[1].eventId],
        ['C-2', parseBusinessTime('2025-03-02T10:00:00+08:00'), events[2].eventId],
      ]);
      // Before the reversal's business time the claim still counts; from then on it does not.
      expect(ids(claimsSettledIn(state, at('2024-12-31'), at('2025-03-31')))).toEqual([
        events[1].eventId,
        events[2].eventId,
      ]);
      expect(ids(claimsSettledIn(state, at('2024-12-31'), at('2025-04-01')))).toEqual([events[1].eventId]);
    });
  });

  it('handles a reversal that arrives before the claim it reverses', () => {
    const claim = aClaim().withClaimId('C-9').outOfPocketYuan(20_000).settledOn('2025-03-01');
    const reversal = aClaimReversal(claim).on('2025-03-05');
    household.given([registered.build(), reversal.build(), claim.build()]).thenState((state) => {
      expect(state.claims).toHaveLength(1);
      expect(claimsSettledIn(state, at('2024-12-31'), at('2025-06-01'))).toEqual([]);
    });
  });

  it('takes the latest income assessment, or 12 × a monthly figure reported after it', () => {
    const assessed = anIncomeAssessment().forYear(2024).netIncomeYuan(36_000).on('2025-01-20').build();
    const reported = anIncomeChange().monthlyYuan(1_500).because('job loss').on('2025-04-01').build();
    const reassessed = anIncomeAssessment().forYear(2025).netIncomeYuan(30_000).on('2026-01-20').build();
    household.given([reassessed, reported, assessed]).thenState((state) => {
      expect(incomeAt(state, at('2025-01-19'))).toBeNull();
      expect(incomeAt(state, at('2025-03-31'))).toMatchObject({
        householdNetIncomeFen: 3_600_000,
        basis: 'assessment',
      });
      expect(incomeAt(state, at('2025-04-01'))).toMatchObject({
        householdNetIncomeFen: 1_800_000,
        basis: 'reported_change',
        eventId: reported.eventId,
      });
      expect(incomeAt(state, at('2026-01-20'))).toMatchObject({
        householdNetIncomeFen: 3_000_000,
        eventId: reassessed.eventId,
      });
    });
  });

  it('orders same-time income facts by event id, not by arrival', () => {
    const time = '2025-05-01T09:00:00+08:00';
    const assessed = anIncomeAssessment().netIncomeYuan(40_000).on(time).withEventId('bbbb').build();
    const reported = anIncomeChange().monthlyYuan(1_000).on(time).withEventId('aaaa').build();
    for (const order of [
      [assessed, reported],
      [reported, assessed],
    ]) {
      household.given(order).thenState((state) => {
        expect(incomeAt(state, parseBusinessTime(time))).toMatchObject({
          eventId: 'bbbb',
          householdNetIncomeFen: 4_000_000,
        });
      });
    }
  });

  it('tracks schooling from a dropout report until a return report', () => {
    const child = registered.personId(3);
    const events = [
      registered.build(),
      aSchoolDropout(child).on('2025-03-01').build(),
      aSchoolReturn(child).on('2025-09-01').build(),
    ];
    household.given(events).thenState((state) => {
      const outAt = (date: string) => outOfSchoolAt(state, at(date), membersAt(state, at(date)));
      expect(outAt('2025-02-28')).toEqual([]);
      expect(outAt('2025-03-01').map(({ report }) => report.eventId)).toEqual([events[1].eventId]);
      expect(outAt('2025-09-01')).toEqual([]);
    });
  });

  it('tracks insurance lapses, housing grades, drinking water and social assistance as of a time', () => {
    const spouse = registered.personId(2);
    const events = [
      registered.build(),
      anInsuranceChange(spouse).lapsed().on('2025-01-01').build(),
      anInsuranceChange(spouse).enrolled().on('2025-07-01').build(),
      aHousingAssessment('D').on('2025-02-01').build(),
      aHousingAssessment('B').on('2025-08-01').build(),
      aWaterAssessment(false).on('2025-03-01').build(),
      aSocialAssistanceChange('dibao', true).on('2025-04-01').build(),
      aSocialAssistanceChange('dibao', false).on('2025-10-01').build(),
    ];
    household.given(events).thenState((state) => {
      const uninsured = (date: string) => uninsuredAt(state, at(date), membersAt(state, at(date)));
      expect(uninsured('2025-06-30').map(({ member }) => member.personId)).toEqual([spouse]);
      expect(uninsured('2025-07-01')).toEqual([]);
      expect(housingAt(state, at('2025-07-31'))?.grade).toBe('D');
      expect(housingAt(state, at('2025-08-01'))?.grade).toBe('B');
      expect(waterAt(state, at('2025-03-01'))?.safe).toBe(false);
      expect(socialAssistanceAt(state, at('2025-05-01'))).toEqual({
        dibao: true,
        tekun: false,
        evidence: [events[6].eventId],
      });
      expect(socialAssistanceAt(state, at('2025-10-01')).dibao).toBe(false);
    });
  });

  it('changes nothing when an event is delivered twice', () => {
    const claim = aClaim().outOfPocketYuan(3_000).build();
    const once = foldHousehold([registered.build(), claim]);
    household.given([registered.build(), claim, claim, registered.build()]).thenStateEquals(once);
  });

  it('keeps a state that survives a JSON round trip and evolves on from it', () => {
    const events: HouseholdEvent[] = [
      registered.build(),
      anIncomeAssessment().netIncomeYuan(30_000).on('2025-01-20').build(),
      aClaim().outOfPocketYuan(5_000).settledOn('2025-02-01').build(),
      aDisaster().lossYuan(2_000).on('2025-02-02').build(),
    ];
    const last = aClaim().outOfPocketYuan(7_000).settledOn('2025-03-01').build();
    const state = foldHousehold(events);
    const revived = JSON.parse(JSON.stringify(state));
    expect(revived).toEqual(state);
    expect(evolveHousehold(revived, last)).toEqual(evolveHousehold(state, last));
  });

  it('ignores an event type this version does not know', () => {
    const state = foldHousehold([registered.build()]);
    const unknown = { ...aClaim().build(), type: 'HouseholdRenamed' } as unknown as HouseholdEvent;
    const after = evolveHousehold(state, unknown);
    expect({ ...after, latestBusinessTime: null }).toEqual({ ...state, latestBusinessTime: null });
  });

  it('does not mutate the state it is given', () => {
    const state = foldHousehold([registered.build()]);
    const copy = JSON.parse(JSON.stringify(state));
    evolveHousehold(state, aClaim().outOfPocketYuan(1_000).build());
    expect(state).toEqual(copy);
  });
});

describe('compaction', () => {
  const registered = aHousehold().withMembers(2).registeredOn('2020-01-15');
  // Four years of monthly claims and yearly income assessments.
  const claims = Array.from({ length: 48 }, (_, index) => {
    const year = 2021 + Math.floor(index / 12);
    const month = String((index % 12) + 1).padStart(2, '0');
    return aClaim()
      .withClaimId(`C-${index}`)
      .outOfPocketYuan(100 + index)
      .settledOn(`${year}-${month}-10`)
      .build();
  });
  const incomes = [2020, 2021, 2022, 2023].map((year) =>
    anIncomeAssessment()
      .forYear(year)
      .netIncomeYuan(20_000 + year)
      .on(`${year + 1}-01-20`)
      .build(),
  );
  const events = [registered.build(), ...incomes, ...claims];

  it(`drops claims older than ${HOUSEHOLD_RETENTION_DAYS} days before the latest business time, keeping the latest value of every timeline`, () => {
    const state = foldHousehold(events);
    const horizon = (state.latestBusinessTime as number) - HOUSEHOLD_RETENTION_DAYS * 86_400_000;
    expect(state.claims.length).toBeLessThan(claims.length);
    expect(state.claims.every((claim) => claim.at > horizon)).toBe(true);
    expect(state.registrations).toHaveLength(1);
    expect(state.incomeAssessments.length).toBeGreaterThanOrEqual(1);
  });

  it('gives the same reads as an uncompacted fold for any time within a year of the latest business time', () => {
    const compacted = foldHousehold(events);
    const full = events.reduce(householdEvolveKeeping(Number.POSITIVE_INFINITY), initialHouseholdState());
    expect(full.claims).toHaveLength(claims.length);
    for (const date of ['2024-01-01', '2024-06-30', '2024-12-31']) {
      const time = at(date);
      expect(claimsSettledIn(compacted, time - 365 * 86_400_000, time)).toEqual(
        claimsSettledIn(full, time - 365 * 86_400_000, time),
      );
      expect(incomeAt(compacted, time)).toEqual(incomeAt(full, time));
      expect(membersAt(compacted, time)).toEqual(membersAt(full, time));
    }
  });

  it('is the same whatever order the events arrived in', () => {
    expect(foldHousehold([...events].reverse())).toEqual(foldHousehold(events));
  });

  it('leaves a state with nothing before the horizon untouched', () => {
    const state = foldHousehold([registered.build(), claims[0]]);
    expect(compactHousehold(state, 0)).toEqual(state);
  });
});

describe('householdAsOf', () => {
  it('folds only the events with a business time at or before asOf', () => {
    const registered = aHousehold().registeredOn('2024-01-15');
    const early = aClaim().outOfPocketYuan(1_000).settledOn('2025-01-01').build();
    const late = aClaim().outOfPocketYuan(2_000).settledOn('2025-06-01').build();
    const state = householdAsOf([registered.build(), late, early], '2025-03-01T00:00:00+08:00');
    expect(ids(state.claims)).toEqual([early.eventId]);
  });
});
