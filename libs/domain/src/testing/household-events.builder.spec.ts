import { parseIdNumber } from '../identifiers/resident-id-number';
import {
  aClaim,
  aClaimReversal,
  aHousehold,
  aHouseholdMember,
  anIdNumber,
  anIncomeAssessment,
} from './household-events.builder';

describe('household event builders', () => {
  it('builds members with valid 18-character ID numbers carrying their birth dates', () => {
    const household = aHousehold().withMembers(6).build();
    for (const member of household.data.members) {
      const parsed = parseIdNumber(member.idNumber);
      expect(parsed).toMatchObject({ ok: true });
      expect(member.idNumber.slice(6, 14)).toBe(member.birthDate.replaceAll('-', ''));
    }
    expect(anIdNumber('110105', '1949-12-31', 0, 'female')).toMatch(/^11010519491231\d{3}[\dX]$/);
    expect(parseIdNumber(anIdNumber('440524', '1880-01-01', 1, 'male')).ok).toBe(true);
  });

  it('registers a formerly poor household with n typical members', () => {
    const household = aHousehold().formerlyPoor(2018).withMembers(3);
    expect(household.build().data).toMatchObject({ formerlyPoor: true, povertyExitYear: 2018 });
    expect(household.build().data.members.map((member) => member.relation)).toEqual([
      'head',
      'spouse',
      'child',
    ]);
    expect(household.personId(2)).toBe(`${household.householdId}-P2`);
  });

  it('settles claims whose parts add up to the total, in fen', () => {
    const claim = aClaim().outOfPocketYuan(14_200).settledOn('2026-03-01').build();
    const {
      totalFen,
      basicInsuranceFen,
      criticalIllnessFen,
      medicalAssistanceFen,
      commercialInsuranceFen,
      hospitalWaiverFen,
      otherFen,
      outOfPocketFen,
    } = claim.data;
    expect(outOfPocketFen).toBe(1_420_000);
    expect(
      basicInsuranceFen +
        criticalIllnessFen +
        medicalAssistanceFen +
        commercialInsuranceFen +
        hospitalWaiverFen +
        otherFen +
        outOfPocketFen,
    ).toBe(totalFen);
    expect(claim.metadata.occurredAt).toBe('2026-03-01T10:00:00+08:00');
  });

  it('derives ids from content: the same fact twice is one event, different facts differ', () => {
    const one = aClaim().outOfPocketYuan(100).settledOn('2026-03-01');
    expect(one.build().eventId).toBe(aClaim().outOfPocketYuan(100).settledOn('2026-03-01').build().eventId);
    expect(one.build().eventId).not.toBe(
      aClaim().outOfPocketYuan(101).settledOn('2026-03-01').build().eventId,
    );
    expect(aClaimReversal(one).build().data.claimId).toBe(one.build().data.claimId);
  });

  it('computes per-capita income from the household it is for', () => {
    const household = aHousehold().withMembers(4);
    expect(
      anIncomeAssessment().forHousehold(household).netIncomeYuan(40_000).build().data.perCapitaNetIncomeFen,
    ).toBe(1_000_000);
    expect(aHouseholdMember().withDisease('A').build().diseaseClass).toBe('A');
  });
});
