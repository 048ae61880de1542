import type { AuthUser } from '@monitoring/auth';
import { personalDataRights, PersonalDataRedactor } from './personal-data.redactor';

const HOUSEHOLD_REGION = '410423203201';
const countyOfficer: AuthUser = { sub: 'o1', role: 'county_officer', region: '410423' };
const otherCountyOfficer: AuthUser = { sub: 'o2', role: 'county_officer', region: '410424' };
const provinceStaff: AuthUser = { sub: 'p1', role: 'province_staff', region: '41' };
const provinceStaffOfCounty: AuthUser = { sub: 'p2', role: 'province_staff', region: '410423' };
const admin: AuthUser = { sub: 'a1', role: 'admin', region: '41' };

const registration = {
  householdId: 'H1',
  members: [
    {
      personId: 'H1-P1',
      idNumber: '41042319680412001X',
      name: '王建国',
      birthDate: '1968-04-12',
      relation: 'head',
    },
  ],
};

describe('personal data rights', () => {
  it('shows names to those who act on the case and diagnoses to the county officer only', () => {
    expect(personalDataRights(countyOfficer, HOUSEHOLD_REGION)).toEqual({
      fullNames: true,
      diagnosisCodes: true,
    });
    expect(personalDataRights(provinceStaffOfCounty, HOUSEHOLD_REGION)).toEqual({
      fullNames: true,
      diagnosisCodes: false,
    });
    expect(personalDataRights(provinceStaff, HOUSEHOLD_REGION)).toEqual({
      fullNames: false,
      diagnosisCodes: false,
    });
    expect(personalDataRights(admin, HOUSEHOLD_REGION)).toEqual({ fullNames: false, diagnosisCodes: false });
    expect(personalDataRights(otherCountyOfficer, HOUSEHOLD_REGION)).toEqual({
      fullNames: false,
      diagnosisCodes: false,
    });
  });
});

describe('event data redaction', () => {
  it('masks ID numbers and drops birth dates for everyone, keeps names for the county officer', () => {
    const redactor = PersonalDataRedactor.for(countyOfficer, HOUSEHOLD_REGION, ['王建国']);
    expect(redactor.eventData(registration)).toEqual({
      householdId: 'H1',
      members: [{ personId: 'H1-P1', idNumber: '410423********001X', name: '王建国', relation: 'head' }],
    });
  });

  it('masks names, in name fields and in free text, for province staff without a county', () => {
    const redactor = PersonalDataRedactor.for(provinceStaff, HOUSEHOLD_REGION, ['王建国']);
    expect(redactor.eventData(registration)).toEqual({
      householdId: 'H1',
      members: [{ personId: 'H1-P1', idNumber: '410423********001X', name: '王*国', relation: 'head' }],
    });
    expect(redactor.eventData({ notes: '王建国 was at home', outcome: 'confirmed' })).toEqual({
      notes: '王*国 was at home',
      outcome: 'confirmed',
    });
  });

  it('replaces the diagnosis code by its class unless the reader is the county officer', () => {
    const claim = { claimId: 'C1', diagnosisCode: 'I63.9', outOfPocketFen: 1_420_000 };
    const officerView = PersonalDataRedactor.for(countyOfficer, HOUSEHOLD_REGION, []).eventData(claim);
    expect(officerView).toMatchObject({ diagnosisCode: 'I63.9', diagnosisClass: { code: 'I00-I99' } });
    for (const reader of [provinceStaff, provinceStaffOfCounty, admin]) {
      const view = PersonalDataRedactor.for(reader, HOUSEHOLD_REGION, []).eventData(claim) as Record<
        string,
        unknown
      >;
      expect(view).not.toHaveProperty('diagnosisCode');
      expect(view).toMatchObject({
        claimId: 'C1',
        diagnosisClass: { code: 'I00-I99' },
        outOfPocketFen: 1_420_000,
      });
    }
  });
});
