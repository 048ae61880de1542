import { parseSourceRecord, type SourceRecordType } from '@monitoring/domain';
import {
  aClaimRecord,
  aClaimReversal,
  aDisabilityRecord,
  aDisasterReport,
  aDrinkingWaterAssessment,
  aHouseholdRegistration,
  aHousingSafetyAssessment,
  aLabourCapacityChange,
  aMedicalInsuranceChange,
  aMemberAddition,
  aMemberRemoval,
  anIncomeAssessment,
  anIncomeChange,
  aSchoolDropout,
  aSchoolReturn,
  aSocialAssistanceChange,
  DEFAULT_NOW,
} from '@monitoring/domain/testing/source-records.builder';
import { csvRowToRecord, parseCsvHeader, type CsvColumn } from './csv-record';
import { RECORD_FIELD_KINDS } from './record-field-kinds';

/** A record flattened the way a spreadsheet export writes it: one column per leaf, paths as headers. */
function flatten(value: unknown, path: string, into: Map<string, string>): void {
  if (Array.isArray(value)) value.forEach((item, index) => flatten(item, `${path}[${index}]`, into));
  else if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) flatten(inner, path ? `${path}.${key}` : key, into);
  } else into.set(path, String(value));
}

const columnsOf = (names: string[]): CsvColumn[] => {
  const header = parseCsvHeader(names);
  if (!header.ok) throw new Error(header.reason);
  return header.columns;
};

const registration = aHouseholdRegistration().formerlyPoor().withMembers(3);
const everyType: Record<SourceRecordType, Record<string, unknown>> = {
  household_registered: registration.build(),
  member_added: aMemberAddition().forHousehold(registration).build(),
  member_removed: aMemberRemoval('P000001').build(),
  labour_capacity_changed: aLabourCapacityChange('P000001', 'partial').build(),
  disability_recorded: aDisabilityRecord('P000001', 2).build(),
  social_assistance_changed: aSocialAssistanceChange('dibao', true).build(),
  disaster_reported: aDisasterReport(1_200_000).build(),
  school_dropout_reported: aSchoolDropout('P000002').build(),
  school_return_reported: aSchoolReturn('P000002').build(),
  medical_insurance_changed: aMedicalInsuranceChange('P000002', false).build(),
  housing_safety_assessed: aHousingSafetyAssessment('C').build(),
  drinking_water_assessed: aDrinkingWaterAssessment(false).build(),
  income_assessed: anIncomeAssessment().build(),
  income_change_reported: anIncomeChange().build(),
  claim_settled: aClaimRecord().build(),
  claim_reversed: aClaimReversal().build(),
};

describe('CSV rows as source records', () => {
  it.each(Object.entries(everyType))(
    'reads a %s row back into the record it was written from',
    (_type, record) => {
      const cells = new Map<string, string>();
      flatten(record, '', cells);
      const back = csvRowToRecord(columnsOf([...cells.keys()]), [...cells.values()]);
      expect(back).toEqual({ ok: true, value: record });
    },
  );

  it('covers every record type of the domain', () => {
    expect(Object.keys(everyType).sort()).toEqual([...RECORD_FIELD_KINDS.keys()].sort());
  });

  it('reads the kinds of the fields from the record schemas', () => {
    const claim = RECORD_FIELD_KINDS.get('claim_settled')!;
    expect(claim.get('totalFen')).toBe('number');
    expect(claim.get('inCounty')).toBe('boolean');
    expect(claim.get('sourceId')).toBe('string');
    const household = RECORD_FIELD_KINDS.get('household_registered')!;
    expect(household.get('members')).toBe('array');
    expect(household.get('members[].disabilityGrade')).toBe('number');
    expect(household.get('members[].diseaseClass')).toBe('string');
  });

  it('leaves empty cells out, so a narrower household has fewer members', () => {
    const columns = columnsOf([
      'type',
      'members[0].personId',
      'members[0].disabilityGrade',
      'members[1].personId',
      'members[1].disabilityGrade',
    ]);
    expect(csvRowToRecord(columns, ['household_registered', 'P1', '2', '', ''])).toEqual({
      ok: true,
      value: { type: 'household_registered', members: [{ personId: 'P1', disabilityGrade: 2 }] },
    });
  });

  it('reads yes/no and 1/0 as booleans, and passes on cells that are not of their kind for validation to name', () => {
    const columns = columnsOf(['type', 'inCounty', 'totalFen', 'basicInsuranceFen']);
    const row = csvRowToRecord(columns, ['claim_settled', 'Yes', '12.5', 'lots']);
    expect(row).toEqual({
      ok: true,
      value: { type: 'claim_settled', inCounty: true, totalFen: 12.5, basicInsuranceFen: 'lots' },
    });
    const parsed = parseSourceRecord('claims', (row as { value: unknown }).value, { now: DEFAULT_NOW });
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.reason).toMatch(/basicInsuranceFen: should be a number, got a string/);
  });

  it('reads a nested value given as one JSON cell', () => {
    const member = registration.build().members[0];
    const columns = columnsOf(['type', 'member', 'reason']);
    expect(csvRowToRecord(columns, ['member_added', JSON.stringify(member), 'birth'])).toEqual({
      ok: true,
      value: { type: 'member_added', member, reason: 'birth' },
    });
  });

  it('refuses a row whose cell count differs from the header', () => {
    expect(csvRowToRecord(columnsOf(['type', 'sourceId']), ['claim_settled'])).toEqual({
      ok: false,
      reason: 'the row has 1 cells and the header 2',
    });
  });

  it('refuses headers that are no field paths, repeat a column, reach a prototype or lack a type', () => {
    expect(parseCsvHeader(['type', 'total fen'])).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/column 2/),
    });
    expect(parseCsvHeader(['type', 'a', 'a'])).toMatchObject({ ok: false, reason: 'column a appears twice' });
    expect(parseCsvHeader(['type', '__proto__.x'])).toMatchObject({ ok: false });
    expect(parseCsvHeader(['sourceId'])).toMatchObject({
      ok: false,
      reason: 'the header has no type column',
    });
  });
});
