import fc from 'fast-check';
import { parseIdNumber } from '../identifiers/resident-id-number';
import { validateSourceRecord } from '../sources/source-record.validator';
import {
  aClaimRecord,
  aClaimReversal,
  aHouseholdRegistration,
  aMember,
  anIdNumber,
  anIncomeAssessment,
  DEFAULT_NOW,
} from './source-records.builder';

describe('source record builders', () => {
  it('property: a household of any allowed size is valid, with distinct valid ID numbers and one head', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.boolean(), (size, formerlyPoor) => {
        const builder = aHouseholdRegistration().withMembers(size);
        const record = (formerlyPoor ? builder.formerlyPoor() : builder).build();
        expect(validateSourceRecord('registry', record, { now: DEFAULT_NOW }).ok).toBe(true);
        expect(new Set(record.members.map((member) => member.idNumber)).size).toBe(size);
        expect(record.members.filter((member) => member.relation === 'head')).toHaveLength(1);
      }),
      { numRuns: 60 },
    );
  });

  it('generates ID numbers for the given county, birth date and sex', () => {
    const parsed = parseIdNumber(anIdNumber({ county: '440524', birthDate: '1980-01-01', sex: 'female' }));
    expect(parsed.ok && parsed.value).toMatchObject({
      addressCode: '440524',
      birthDate: { year: 1980, month: 1, day: 1 },
      sex: 'female',
    });
    expect(aMember().female().build().idNumber).toMatch(/^\d{16}[02468][\dX]$/);
  });

  it('builds a claim for a household, its head as patient, with parts that add up', () => {
    const household = aHouseholdRegistration().formerlyPoor().withMembers(3);
    const claim = aClaimRecord().forHousehold(household).outOfPocket(1_420_000).build();
    expect(claim).toMatchObject({
      householdId: household.householdId,
      personId: household.personIds[0],
      outOfPocketFen: 1_420_000,
    });
    expect(
      claim.basicInsuranceFen +
        claim.criticalIllnessFen +
        claim.medicalAssistanceFen +
        claim.commercialInsuranceFen +
        claim.hospitalWaiverFen +
        claim.otherFen +
        claim.outOfPocketFen,
    ).toBe(claim.totalFen);
  });

  it('reverses the claim it is given', () => {
    const claim = aClaimRecord().forHousehold('H9');
    expect(aClaimReversal().of(claim).build()).toMatchObject({ householdId: 'H9', claimId: claim.id });
  });

  it('divides income over the registered members', () => {
    const household = aHouseholdRegistration().withMembers(4);
    expect(
      anIncomeAssessment().netIncome(4_000_000).forHousehold(household).build().perCapitaNetIncomeFen,
    ).toBe(1_000_000);
  });

  it('gives every built record its own sourceId and household', () => {
    const [a, b] = [aClaimRecord().build(), aClaimRecord().build()];
    expect(a.sourceId).not.toBe(b.sourceId);
    expect(a.householdId).not.toBe(b.householdId);
  });
});
