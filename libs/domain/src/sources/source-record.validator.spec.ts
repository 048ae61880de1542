import { checkCharacter } from '../identifiers/resident-id-number';
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
  aMember,
  aMemberAddition,
  aMemberRemoval,
  anIdNumber,
  anIncomeAssessment,
  anIncomeChange,
  aSchoolDropout,
  aSchoolReturn,
  aSocialAssistanceChange,
  DEFAULT_NOW,
  DEFAULT_OCCURRED_AT,
} from '../testing/source-records.builder';
import { validateSourceRecord } from './source-record.validator';
import type { SourceTopic } from './source-topics';

/** Given a record, when it is validated on a topic (at DEFAULT_NOW unless told), then... */
const whenValidated = (topic: SourceTopic | string, raw: unknown, now: string = DEFAULT_NOW) => {
  const result = validateSourceRecord(topic, raw, { now });
  return {
    thenAccepted: () => {
      if (!result.ok) throw new Error(`expected the record to be accepted: ${JSON.stringify(result.issues)}`);
      return result.record;
    },
    /** Rejected with (at least) this issue. */
    thenRejected: (field: string, message: string | RegExp) => {
      if (result.ok) throw new Error('expected the record to be rejected');
      const matching = result.issues.filter(
        (issue) =>
          issue.field === field &&
          (typeof message === 'string' ? issue.message === message : message.test(issue.message)),
      );
      if (matching.length === 0) {
        throw new Error(`no issue ${field}: ${String(message)} among ${JSON.stringify(result.issues)}`);
      }
      return result;
    },
  };
};

const withWrongCheckCharacter = (idNumber: string): { idNumber: string; expected: string } => {
  const expected = idNumber[17];
  return { idNumber: idNumber.slice(0, 17) + (expected === '0' ? '1' : '0'), expected };
};

describe('source record validation', () => {
  describe('every record type', () => {
    const household = aHouseholdRegistration().withMembers(4);
    const claim = aClaimRecord().forHousehold(household);
    const examples: [SourceTopic, { build(): unknown }][] = [
      ['registry', household],
      ['registry', aMemberAddition().forHousehold(household)],
      ['registry', aMemberRemoval(household.personIds[3]).forHousehold(household)],
      ['registry', aLabourCapacityChange(household.personIds[0], 'partial').forHousehold(household)],
      ['registry', aDisabilityRecord(household.personIds[1], 2).forHousehold(household)],
      ['registry', aSocialAssistanceChange('dibao', true).forHousehold(household)],
      ['registry', aDisasterReport(2_000_000).forHousehold(household)],
      ['registry', aSchoolDropout(household.personIds[3]).forHousehold(household)],
      ['registry', aSchoolReturn(household.personIds[3]).forHousehold(household)],
      ['registry', aMedicalInsuranceChange(household.personIds[2], false).forHousehold(household)],
      ['registry', aHousingSafetyAssessment('C').forHousehold(household)],
      ['registry', aDrinkingWaterAssessment(false).forHousehold(household)],
      ['income', anIncomeAssessment().forHousehold(household)],
      ['income', anIncomeChange().forHousehold(household)],
      ['claims', claim],
      ['claims', aClaimReversal().of(claim)],
    ];

    it.each(
      examples.map(
        ([topic, builder]) => [(builder.build() as { type: string }).type, topic, builder] as const,
      ),
    )('accepts a valid %s record on the %s feed', (_type, topic, builder) => {
      const raw = builder.build();
      expect(whenValidated(topic, raw).thenAccepted()).toEqual(raw);
    });
  });

  describe('the record envelope', () => {
    it('rejects an unknown topic', () => {
      whenValidated('payments', aClaimRecord().build()).thenRejected(
        '',
        'unknown topic "payments"; expected one of "registry", "income", "claims"',
      );
    });

    it.each([
      [null, 'null'],
      [[], 'an array'],
      ['{"type":"claim_settled"}', 'a string'],
      [42, 'a number'],
      [undefined, 'nothing'],
      [new Map(), 'a Map'],
      [new Date(0), 'a Date'],
    ])('rejects %p, which is not an object', (raw, kind) => {
      whenValidated('claims', raw).thenRejected('', `the record should be a JSON object, got ${kind}`);
    });

    it('rejects a missing, non-string, unknown or misplaced type', () => {
      const claim = aClaimRecord().build();
      whenValidated('claims', { ...claim, type: undefined }).thenRejected('type', 'is required');
      whenValidated('claims', { ...claim, type: 7 }).thenRejected('type', 'should be a string, got a number');
      whenValidated('claims', { ...claim, type: 'claim_paid' }).thenRejected(
        'type',
        'unknown record type "claim_paid"; the claims feed takes "claim_settled", "claim_reversed"',
      );
      whenValidated('registry', claim).thenRejected(
        'type',
        '"claim_settled" records belong on the claims feed, not registry',
      );
    });

    it('keeps the type and a well-formed sourceId of a rejected record, for the rejected-messages table', () => {
      const result = whenValidated(
        'claims',
        aClaimRecord().withSourceId('2304-0001').withTotal(1).build(),
      ).thenRejected('totalFen', /add up to/);
      expect(result).toMatchObject({ recordType: 'claim_settled', sourceId: '2304-0001' });
    });

    it('rejects an empty, overlong or non-string sourceId', () => {
      whenValidated('claims', aClaimRecord().withSourceId('').build()).thenRejected(
        'sourceId',
        'should not be empty',
      );
      whenValidated('claims', aClaimRecord().withSourceId('x'.repeat(129)).build()).thenRejected(
        'sourceId',
        'should be at most 128 characters',
      );
      whenValidated('claims', aClaimRecord().with({ sourceId: 17 }).build()).thenRejected(
        'sourceId',
        'should be a string, got 17',
      );
    });

    it('rejects a householdId that is not a URL-safe id of up to 64 characters', () => {
      whenValidated('claims', aClaimRecord().forHousehold('H 1').build()).thenRejected(
        'householdId',
        'should be letters, digits, _ or -, starting with a letter or digit',
      );
      whenValidated('claims', aClaimRecord().forHousehold('').build()).thenRejected(
        'householdId',
        'should not be empty',
      );
      whenValidated('claims', aClaimRecord().with({ householdId: undefined }).build()).thenRejected(
        'householdId',
        'is required',
      );
    });

    it('rejects a business time without an offset, saying so', () => {
      whenValidated('claims', aClaimRecord().settledAt('2025-03-01T10:00:00').build()).thenRejected(
        'occurredAt',
        /^has no UTC offset/,
      );
      whenValidated('claims', aClaimRecord().settledAt('2025-03-01').build()).thenRejected(
        'occurredAt',
        /^is a date without a time of day and offset/,
      );
      whenValidated('claims', aClaimRecord().settledAt('2025-02-30T10:00:00+08:00').build()).thenRejected(
        'occurredAt',
        '2025-02-30 is not a calendar date',
      );
    });

    it('accepts a business time up to 5 minutes ahead of now and rejects one further ahead', () => {
      const now = '2025-03-01T10:00:00+08:00';
      whenValidated(
        'claims',
        aClaimRecord().settledAt('2025-03-01T10:05:00+08:00').build(),
        now,
      ).thenAccepted();
      whenValidated('claims', aClaimRecord().settledAt('2025-03-01T02:05:00Z').build(), now).thenAccepted();
      whenValidated(
        'claims',
        aClaimRecord().settledAt('2025-03-01T10:05:01+08:00').build(),
        now,
      ).thenRejected(
        'occurredAt',
        'is in the future: later than now (2025-03-01T10:00:00.000+08:00) by more than the 5-minute clock tolerance',
      );
    });

    it('rejects a business time before 2000, a default date leaking from the sender', () => {
      whenValidated('claims', aClaimRecord().settledAt('1970-01-01T00:00:00Z').build()).thenRejected(
        'occurredAt',
        'is before 2000-01-01T00:00:00+08:00, earlier than any record this system takes',
      );
    });

    it('rejects unknown fields instead of dropping them', () => {
      whenValidated('claims', aClaimRecord().with({ paidBy: 'card' }).build()).thenRejected(
        'paidBy',
        'unknown field',
      );
      const household = aHouseholdRegistration()
        .withMember(aMember().as('child').bornOn('2001-01-01').with({ disabiltyGrade: 2 }))
        .build();
      whenValidated('registry', household).thenRejected('members[1].disabiltyGrade', 'unknown field');
    });

    it('rejects __proto__, constructor and prototype keys as unknown fields, polluting nothing', () => {
      const claim = JSON.stringify(aClaimRecord().build());
      const raw: unknown = JSON.parse(
        `${claim.slice(0, -1)},"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}`,
      );
      whenValidated('claims', raw).thenRejected('__proto__', 'unknown field');
      whenValidated('claims', raw).thenRejected('constructor', 'unknown field');
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('lists every problem of a record, each with its field', () => {
      const result = validateSourceRecord(
        'claims',
        aClaimRecord().with({ visitType: 'emergency', inCounty: 'yes', diagnosisCode: undefined }).build(),
        { now: DEFAULT_NOW },
      );
      expect(result.ok || result.issues).toEqual([
        {
          field: 'visitType',
          message:
            'unknown value "emergency"; expected one of "inpatient", "outpatient", "chronic_outpatient"',
        },
        { field: 'inCounty', message: 'should be true or false, got a string' },
        { field: 'diagnosisCode', message: 'is required' },
      ]);
    });
  });

  describe('household registration', () => {
    it("rejects a member's ID number with a wrong check character, naming the right one", () => {
      const record = aHouseholdRegistration().withMembers(3).build();
      const { idNumber, expected } = withWrongCheckCharacter(record.members[1].idNumber);
      record.members[1].idNumber = idNumber;
      whenValidated('registry', record).thenRejected(
        'members[1].idNumber',
        `check character should be '${expected}'`,
      );
    });

    it("reports the check character 'X' as in the issue's example", () => {
      const record = aHouseholdRegistration()
        .withMember(aMember().as('spouse').bornOn('1949-12-31').withIdNumber('110105194912310021'))
        .build();
      whenValidated('registry', record).thenRejected('members[1].idNumber', "check character should be 'X'");
    });

    it('rejects an ID number whose birth date is impossible, even with a correct check character', () => {
      const body = '41042319700230001';
      const record = aHouseholdRegistration()
        .withMember(
          aMember()
            .as('spouse')
            .withIdNumber(body + checkCharacter(body)),
        )
        .build();
      whenValidated('registry', record).thenRejected(
        'members[1].idNumber',
        'birth date 19700230 is not a calendar date',
      );
    });

    it('rejects a birth date that differs from the one in the ID number', () => {
      const record = aHouseholdRegistration()
        .withMember(
          aMember()
            .as('spouse')
            .withIdNumber(anIdNumber({ birthDate: '1970-09-03' }))
            .bornOn('1970-09-04'),
        )
        .build();
      whenValidated('registry', record).thenRejected(
        'members[1].birthDate',
        'does not match the birth date in idNumber',
      );
    });

    it("rejects a birth after the record's business time, and accepts one on its local day", () => {
      const registeredAt = '2024-01-15T01:00:00+08:00';
      const bornThatDay = aHouseholdRegistration()
        .occurredAt(registeredAt)
        .withMember(aMember().as('child').bornOn('2024-01-15'));
      whenValidated('registry', bornThatDay.build(), registeredAt).thenAccepted();
      const bornNextDay = aHouseholdRegistration()
        .occurredAt(registeredAt)
        .withMember(aMember().as('child').bornOn('2024-01-16'));
      whenValidated('registry', bornNextDay.build(), registeredAt).thenRejected(
        'members[1].birthDate',
        "is after the record's business time (2024-01-15)",
      );
    });

    it('rejects a member born more than 130 years before the business time', () => {
      const record = aHouseholdRegistration().withMember(aMember().as('parent').bornOn('1880-01-01')).build();
      whenValidated('registry', record).thenRejected(
        'members[1].birthDate',
        "is more than 130 years before the record's business time (2024-01-15)",
      );
    });

    it('checks the birth date of an added member too', () => {
      const record = aMemberAddition(aMember().as('child').bornOn('2025-03-02')).build();
      whenValidated('registry', record).thenRejected(
        'member.birthDate',
        "is after the record's business time (2025-03-01)",
      );
    });

    it('rejects a region code that is not a village code of a valid shape', () => {
      const withRegion = (regionCode: unknown) => aHouseholdRegistration().with({ regionCode }).build();
      whenValidated('registry', withRegion('41042320320')).thenRejected('regionCode', 'should be 12 digits');
      whenValidated('registry', withRegion(410423203201)).thenRejected(
        'regionCode',
        'should be a string, got 410423203201',
      );
      whenValidated('registry', withRegion('710423203201')).thenRejected(
        'regionCode',
        'province part 71 is not a mainland province code',
      );
      whenValidated('registry', withRegion('410023203201')).thenRejected(
        'regionCode',
        'city part is 00 but a lower part is not zero',
      );
      whenValidated('registry', withRegion('410423000000')).thenRejected(
        'regionCode',
        "names a county; a household's region is a village code (all 12 digits)",
      );
    });

    it('takes a poverty exit year only for formerly poor households, from 2014 to the business year', () => {
      whenValidated('registry', aHouseholdRegistration().formerlyPoor(2019).build()).thenAccepted();
      whenValidated(
        'registry',
        aHouseholdRegistration().with({ povertyExitYear: 2019 }).build(),
      ).thenRejected('povertyExitYear', 'is only for formerly poor households, and formerlyPoor is false');
      whenValidated('registry', aHouseholdRegistration().formerlyPoor(2013).build()).thenRejected(
        'povertyExitYear',
        'should be a year from 2014 to 9999, got 2013',
      );
      whenValidated('registry', aHouseholdRegistration().formerlyPoor(2025).build()).thenRejected(
        'povertyExitYear',
        "2025 is after the record's business time (2024-01-15)",
      );
    });

    it('needs at least one member and at most 50', () => {
      whenValidated('registry', aHouseholdRegistration().with({ members: [] }).build()).thenRejected(
        'members',
        'should have at least 1 entry',
      );
      whenValidated('registry', aHouseholdRegistration().withMembers(51).build()).thenRejected(
        'members',
        'should have at most 50 entries',
      );
    });

    it('rejects members that repeat a person id or an ID number', () => {
      const head = aMember();
      const twin = aMember().as('child').withPersonId(head.id);
      whenValidated(
        'registry',
        aHouseholdRegistration().withMember(head).withMember(twin).build(),
      ).thenRejected('members[2].personId', 'repeats members[1].personId');
      const record = aHouseholdRegistration().withMembers(2).build();
      record.members[1].idNumber = record.members[0].idNumber;
      record.members[1].birthDate = record.members[0].birthDate;
      whenValidated('registry', record).thenRejected('members[1].idNumber', 'repeats members[0].idNumber');
    });

    it('needs exactly one head', () => {
      const headless = aHouseholdRegistration().withMembers(2).build();
      headless.members[0].relation = 'other';
      whenValidated('registry', headless).thenRejected('members', "no member is the head (relation 'head')");
      const twoHeads = aHouseholdRegistration().withMembers(2).build();
      twoHeads.members[1].relation = 'head';
      whenValidated('registry', twoHeads).thenRejected(
        'members[1].relation',
        'a household has one head, and members[0] is the head',
      );
    });

    it('rejects unknown values of the vocabularies', () => {
      const withMember = (patch: Record<string, unknown>) =>
        aHouseholdRegistration().withMember(aMember().as('child').bornOn('2001-01-01').with(patch)).build();
      whenValidated('registry', withMember({ relation: 'cousin' })).thenRejected(
        'members[1].relation',
        'unknown value "cousin"; expected one of "head", "spouse", "child", "parent", "other"',
      );
      whenValidated('registry', withMember({ labourCapacity: 'some' })).thenRejected(
        'members[1].labourCapacity',
        'unknown value "some"; expected one of "full", "partial", "none"',
      );
      whenValidated('registry', withMember({ disabilityGrade: 5 })).thenRejected(
        'members[1].disabilityGrade',
        'unknown value 5; expected one of 1, 2, 3, 4',
      );
      whenValidated('registry', withMember({ diseaseClass: 'E' })).thenRejected(
        'members[1].diseaseClass',
        'unknown value "E"; expected one of "A", "B", "C", "D"',
      );
    });

    it('reads null optional fields as absent', () => {
      const record = aHouseholdRegistration()
        .with({ povertyExitYear: null })
        .withMember(
          aMember().as('child').bornOn('2001-01-01').with({ disabilityGrade: null, diseaseClass: null }),
        )
        .build();
      whenValidated('registry', record).thenAccepted();
    });

    it('rejects a blank name', () => {
      whenValidated(
        'registry',
        aHouseholdRegistration().withMember(aMember().as('child').named(' ')).build(),
      ).thenRejected('members[1].name', 'should not be empty');
    });
  });

  describe('claims', () => {
    it('rejects a claim whose payers and out-of-pocket do not add up to the total', () => {
      const claim = aClaimRecord()
        .basicInsurance(2_000_000)
        .criticalIllness(500_000)
        .medicalAssistance(300_000)
        .commercialInsurance(100_000)
        .hospitalWaiver(50_000)
        .other(50_000)
        .outOfPocket(1_420_000)
        .withTotal(4_400_000);
      whenValidated('claims', claim.build()).thenRejected(
        'totalFen',
        'is 4,400,000 but the payers and out-of-pocket add up to 4,420,000 (basicInsuranceFen + criticalIllnessFen + ' +
          'medicalAssistanceFen + commercialInsuranceFen + hospitalWaiverFen + otherFen + outOfPocketFen)',
      );
      whenValidated('claims', claim.withTotal(4_420_000).build()).thenAccepted();
    });

    it('rejects a policy-covered cost above the total', () => {
      const claim = aClaimRecord().outOfPocket(1_000_000).basicInsurance(0).medicalAssistance(0);
      whenValidated('claims', claim.policyCovered(1_000_001).build()).thenRejected(
        'policyCoveredFen',
        'should not exceed totalFen (1,000,000)',
      );
      whenValidated('claims', claim.policyCovered(1_000_000).build()).thenAccepted();
    });

    it('rejects money that is not a whole, non-negative number of fen', () => {
      whenValidated('claims', aClaimRecord().outOfPocket(-100).build()).thenRejected(
        'outOfPocketFen',
        'should not be negative',
      );
      whenValidated('claims', aClaimRecord().outOfPocket(14_200.5).build()).thenRejected(
        'outOfPocketFen',
        'should be a whole number of fen (money is sent in fen, not yuan)',
      );
      whenValidated('claims', aClaimRecord().with({ otherFen: '100' }).build()).thenRejected(
        'otherFen',
        'should be a number, got a string',
      );
      whenValidated('claims', aClaimRecord().with({ otherFen: null }).build()).thenRejected(
        'otherFen',
        'should be a number, got null',
      );
    });

    it('rejects absurd amounts: over 10^10 fen in one claim', () => {
      whenValidated('claims', aClaimRecord().outOfPocket(10_000_000_001).build()).thenRejected(
        'outOfPocketFen',
        'should be at most 10,000,000,000 fen (100,000,000 yuan)',
      );
      whenValidated('claims', aClaimRecord().outOfPocket(1e300).build()).thenRejected(
        'outOfPocketFen',
        'should be at most 10,000,000,000 fen (100,000,000 yuan)',
      );
      whenValidated(
        'claims',
        aClaimRecord().basicInsurance(0).medicalAssistance(0).outOfPocket(10_000_000_000).build(),
      ).thenAccepted();
    });

    it('reads -0 fen as 0', () => {
      const record = whenValidated('claims', aClaimRecord().hospitalWaiver(-0).build()).thenAccepted();
      expect(Object.is((record as { hospitalWaiverFen: number }).hospitalWaiverFen, 0)).toBe(true);
    });

    it('rejects an unknown visit type or institution level', () => {
      whenValidated('claims', aClaimRecord().with({ institutionLevel: 'clinic' }).build()).thenRejected(
        'institutionLevel',
        'unknown value "clinic"; expected one of "village", "township", "county", "city", "province", "out_of_province"',
      );
    });

    it('rejects an out-of-province institution flagged as in the county', () => {
      whenValidated('claims', aClaimRecord().atInstitution('out_of_province', true).build()).thenRejected(
        'inCounty',
        "cannot be true for an institution at level 'out_of_province'",
      );
      whenValidated('claims', aClaimRecord().atInstitution('out_of_province').build()).thenAccepted();
    });

    it('takes ICD-10 codes in the national forms and rejects others', () => {
      for (const code of ['I63', 'I63.9', 'C34.900', 'I10.x00x032', 'U07.1']) {
        whenValidated('claims', aClaimRecord().diagnosedWith(code).build()).thenAccepted();
      }
      for (const code of ['i63.9', 'I6', 'I63.', 'stroke']) {
        whenValidated('claims', aClaimRecord().diagnosedWith(code).build()).thenRejected(
          'diagnosisCode',
          'should be an ICD-10 code such as I63.9 or I10.x00x032',
        );
      }
    });

    it('rejects a reversal without the id of the claim it reverses', () => {
      whenValidated('claims', aClaimReversal().with({ claimId: '' }).build()).thenRejected(
        'claimId',
        'should not be empty',
      );
      whenValidated('claims', aClaimReversal().because('').build()).thenRejected(
        'reason',
        'should not be empty',
      );
    });
  });

  describe('income and other registry reports', () => {
    it('rejects a per-capita income above the household income', () => {
      whenValidated(
        'income',
        anIncomeAssessment().netIncome(3_000_000).perCapita(3_000_001).build(),
      ).thenRejected('perCapitaNetIncomeFen', 'should not exceed householdNetIncomeFen (3,000,000)');
    });

    it('rejects an income year after the business time and a fractional year', () => {
      whenValidated('income', anIncomeAssessment().forYear(2026).build()).thenRejected(
        'year',
        "2026 is after the record's business time (2025-03-01)",
      );
      whenValidated('income', anIncomeAssessment().forYear(2024.5).build()).thenRejected(
        'year',
        'should be a whole number, got 2024.5',
      );
    });

    it('rejects a negative monthly income', () => {
      whenValidated('income', anIncomeChange().monthly(-1).build()).thenRejected(
        'monthlyIncomeFen',
        'should not be negative',
      );
    });

    it('caps a disaster loss at 10^12 fen', () => {
      whenValidated('registry', aDisasterReport(1_000_000_000_000).build()).thenAccepted();
      whenValidated('registry', aDisasterReport(1_000_000_000_001).build()).thenRejected(
        'lossFen',
        'should be at most 1,000,000,000,000 fen (10,000,000,000 yuan)',
      );
    });

    it('rejects unknown grades and programmes and non-boolean flags', () => {
      whenValidated('registry', aHousingSafetyAssessment('E' as 'A').build()).thenRejected(
        'grade',
        'unknown value "E"; expected one of "A", "B", "C", "D"',
      );
      whenValidated('registry', aSocialAssistanceChange('wubao' as 'dibao', true).build()).thenRejected(
        'programme',
        'unknown value "wubao"; expected one of "dibao", "tekun"',
      );
      whenValidated('registry', aDrinkingWaterAssessment(1 as unknown as boolean).build()).thenRejected(
        'safe',
        'should be true or false, got 1',
      );
    });

    it('checks the shape of person ids that refer to earlier registrations', () => {
      whenValidated('registry', aSchoolDropout('P/1').build()).thenRejected(
        'personId',
        'should be letters, digits, _ or -, starting with a letter or digit',
      );
      whenValidated('registry', aDisabilityRecord('P1', 0 as 1).build()).thenRejected(
        'disabilityGrade',
        'unknown value 0; expected one of 1, 2, 3, 4',
      );
    });
  });

  it('uses the business time of built records as documented', () => {
    expect(aClaimRecord().build().occurredAt).toBe(DEFAULT_OCCURRED_AT);
  });
});
