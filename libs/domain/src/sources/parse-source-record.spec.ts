import fc from 'fast-check';
import {
  aClaimRecord,
  aHouseholdRegistration,
  aMember,
  DEFAULT_NOW,
} from '../testing/source-records.builder';
import { parseSourceRecord, type SourceRecordParse } from './parse-source-record';
import { SOURCE_TOPICS } from './source-topics';

const parse = (topic: string, raw: unknown): SourceRecordParse =>
  parseSourceRecord(topic, raw, { now: DEFAULT_NOW });

const expectWellFormedResult = (result: SourceRecordParse): void => {
  if (result.ok) {
    expect(result.streamId).toBe(`household-${result.event.data.householdId}`);
  } else {
    expect(typeof result.reason).toBe('string');
    expect(result.reason.length).toBeGreaterThan(0);
    expect(result.issues.length).toBeGreaterThan(0);
  }
};

describe('parseSourceRecord', () => {
  it('accepts a valid record with its event and stream', () => {
    const result = parse('claims', aClaimRecord().forHousehold('H7').build());
    expect(result).toMatchObject({ ok: true, streamId: 'household-H7', event: { type: 'ClaimSettled' } });
  });

  it('rejects with a field-level reason and the field of the first problem', () => {
    const record = aHouseholdRegistration()
      .withMember(aMember().as('spouse').withIdNumber('110105194912310021'))
      .build();
    const result = parse('registry', record);
    expect(result).toEqual({
      ok: false,
      reason: "members[1].idNumber: check character should be 'X'",
      field: 'members[1].idNumber',
      issues: [{ field: 'members[1].idNumber', message: "check character should be 'X'" }],
      recordType: 'household_registered',
      sourceId: record.sourceId,
    });
  });

  it('joins several problems into one reason', () => {
    const result = parse('claims', aClaimRecord().with({ otherFen: -1, visitType: 'x' }).build());
    expect(result.ok || result.reason).toBe(
      'visitType: unknown value "x"; expected one of "inpatient", "outpatient", "chronic_outpatient"; ' +
        'otherFen: should not be negative',
    );
  });

  it('leaves out the field for problems of the whole record', () => {
    expect(parse('claims', null)).toEqual({
      ok: false,
      reason: 'the record should be a JSON object, got null',
      issues: [{ field: '', message: 'the record should be a JSON object, got null' }],
    });
  });

  it('never repeats an ID number in a reason', () => {
    const idNumber = '41042319680412001X';
    const record = aHouseholdRegistration().withMember(aMember().as('spouse').withIdNumber(idNumber)).build();
    const result = parse('registry', record);
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain(idNumber);
  });

  it('fails loudly on a bad `now` or source name, which are bugs of the caller', () => {
    expect(() => parseSourceRecord('claims', {}, { now: '2025-03-01T10:00:00' })).toThrow(RangeError);
    expect(() => parseSourceRecord('claims', {}, { now: DEFAULT_NOW, source: 'Medical Insurance' })).toThrow(
      RangeError,
    );
  });

  describe('never throws on garbage', () => {
    it.each([
      ['null', null],
      ['undefined', undefined],
      ['an array', [aClaimRecord().build()]],
      ['a string', 'claim_settled'],
      ['a huge number', 1e308],
      ['NaN', Number.NaN],
      ['a bigint', 10n ** 30n],
      ['a symbol', Symbol('record')],
      ['a function', () => aClaimRecord().build()],
      ['a null-prototype object', Object.assign(Object.create(null) as object, aClaimRecord().build())],
      ['huge amounts', aClaimRecord().with({ totalFen: 1e308, outOfPocketFen: Number.MAX_VALUE }).build()],
      ['a megabyte sourceId', aClaimRecord().withSourceId('x'.repeat(1_000_000)).build()],
      [
        'members that are not objects',
        aHouseholdRegistration()
          .with({ members: [null, 1, 'a', [], {}] })
          .build(),
      ],
      [
        'deep nesting',
        aHouseholdRegistration()
          .with({ members: JSON.parse('['.repeat(5000) + ']'.repeat(5000)) })
          .build(),
      ],
    ])('%s', (_name, raw) => {
      for (const topic of [...SOURCE_TOPICS, 'unknown']) expectWellFormedResult(parse(topic, raw));
    });

    it('a null-prototype record is accepted like a plain one', () => {
      const raw = Object.assign(Object.create(null) as object, aClaimRecord().build());
      expect(parse('claims', raw).ok).toBe(true);
    });

    it('prototype-pollution keys at every level', () => {
      const claim = JSON.stringify(aClaimRecord().build()).slice(0, -1);
      const household = aHouseholdRegistration().build();
      const member = JSON.stringify(household.members[0]).slice(0, -1);
      for (const text of [
        `${claim},"__proto__":{"isAdmin":true}}`,
        `${claim},"constructor":{"prototype":{"isAdmin":true}}}`,
        JSON.stringify({ ...household, members: [] }).replace(
          '"members":[]',
          `"members":[${member},"__proto__":{"isAdmin":true}}]`,
        ),
        '{"__proto__":{"type":"claim_settled"}}',
      ]) {
        const raw: unknown = JSON.parse(text);
        const result = parse(text.includes('regionCode') ? 'registry' : 'claims', raw);
        expect(result.ok).toBe(false);
        expectWellFormedResult(result);
      }
      expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
      expect(({} as Record<string, unknown>).type).toBeUndefined();
    });

    it('an object whose getters throw, or a revoked proxy', () => {
      const throwing = Object.defineProperty({ ...aClaimRecord().build() }, 'totalFen', {
        enumerable: true,
        get: () => {
          throw new Error('boom');
        },
      });
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke();
      for (const raw of [throwing, proxy]) {
        const result = parse('claims', raw);
        expect(result.ok).toBe(false);
        expectWellFormedResult(result);
      }
    });

    it('property: any value at all (fc.anything) yields a result, never an exception', () => {
      fc.assert(
        fc.property(
          fc.anything({
            withBigInt: true,
            withBoxedValues: true,
            withDate: true,
            withMap: true,
            withNullPrototype: true,
            withObjectString: true,
            withSet: true,
            withSparseArray: true,
            withTypedArray: true,
          }),
          fc.constantFrom(...SOURCE_TOPICS),
          (raw, topic) => expectWellFormedResult(parse(topic, raw)),
        ),
        { numRuns: 3000 },
      );
    });

    it('property: a valid record with any field replaced by any value yields a result, never an exception', () => {
      const household = aHouseholdRegistration().withMembers(3).build();
      const claim = aClaimRecord().build();
      const fieldsOf = (record: object) => Object.keys(record);
      const memberFields = fieldsOf(household.members[0]);
      fc.assert(
        fc.property(
          fc.oneof(
            fc.record({
              topic: fc.constant('claims'),
              field: fc.constantFrom(...fieldsOf(claim), '__proto__', 'extra'),
            }),
            fc.record({ topic: fc.constant('registry'), field: fc.constantFrom(...fieldsOf(household)) }),
            fc.record({
              topic: fc.constant('registry'),
              field: fc.constantFrom(...memberFields).map((f) => `members.1.${f}`),
            }),
          ),
          fc.anything({ withBigInt: true, withNullPrototype: true, withSparseArray: true }),
          ({ topic, field }, value) => {
            const raw = structuredClone(topic === 'claims' ? claim : household) as Record<string, unknown>;
            if (field.startsWith('members.1.')) {
              (raw.members as Record<string, unknown>[])[1][field.slice('members.1.'.length)] = value;
            } else {
              Object.defineProperty(raw, field, {
                value,
                enumerable: true,
                configurable: true,
                writable: true,
              });
            }
            const result = parse(topic, raw);
            expectWellFormedResult(result);
          },
        ),
        { numRuns: 3000 },
      );
    });
  });
});
