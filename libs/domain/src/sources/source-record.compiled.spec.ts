import fc from 'fast-check';
import {
  aClaimRecord,
  aClaimReversal,
  aDisasterReport,
  aHouseholdRegistration,
  aMemberAddition,
  anIncomeAssessment,
  anIncomeChange,
  DEFAULT_NOW,
} from '../testing/source-records.builder';
import { recordErrorMap, recordIssuesOf } from './record-issues';
import { SOURCE_RECORD_SCHEMAS } from './source-record.schemas';
import { validateSourceRecord } from './source-record.validator';
import { SOURCE_RECORD_TYPES, type SourceRecordType } from './source-topics';

/** Fields `validateSourceRecord` checks against the business time, after the schema. */
const TIME_CHECKED = /^(occurredAt|year|povertyExitYear|member\.birthDate|members\[\d+\]\.birthDate)$/;

/**
 * validateSourceRecord parses with the schemas compiled by zod (`z.compile`), which hands whatever its
 * generated code does not accept to the runtime parser. Whatever the record holds, the outcome must be
 * the runtime parser's: the same record when valid, the same issues in the same words when not.
 */
describe('validateSourceRecord agrees with the runtime schema parser', () => {
  const household = aHouseholdRegistration().formerlyPoor().withMembers(3).build();
  const bases: Record<string, unknown>[] = [
    household,
    aClaimRecord().outOfPocket(1_420_000).build(),
    aClaimReversal().build(),
    anIncomeAssessment().build(),
    anIncomeChange().build(),
    aDisasterReport(120_000).build(),
    aMemberAddition().build(),
  ];

  const interesting = fc.oneof(
    fc.constantFrom(null, undefined, -0, 0, 1.5, -1, 1e20, NaN, '', ' ', 'x', true, false, [], {}),
    fc.constantFrom('2025-02-30', '2025-03-01T10:00:00+08:00', '1999-12-31T23:59:59+08:00', 'I63.9'),
    fc.constantFrom('410423203201', '4104232032', 'H1', 'a b', '\u0000', 'out_of_province', 'head'),
    fc.jsonValue(),
    fc.string(),
    fc.integer(),
  );

  const expectSameOutcome = (raw: Record<string, unknown>): void => {
    const type = raw.type as SourceRecordType;
    const runtime = SOURCE_RECORD_SCHEMAS[type].safeParse(raw, { error: recordErrorMap });
    const result = validateSourceRecord(SOURCE_RECORD_TYPES[type].topic, raw, { now: DEFAULT_NOW });
    if (!runtime.success) {
      expect(result).toMatchObject({ ok: false, issues: recordIssuesOf(runtime.error.issues) });
    } else if (result.ok) {
      expect(result.record).toStrictEqual(runtime.data);
    } else {
      for (const issue of result.issues) expect(issue.field).toMatch(TIME_CHECKED);
    }
  };

  it('accepts the valid records as the runtime parser does', () => {
    for (const raw of bases) expectSameOutcome(raw);
  });

  it('property: any field replaced, removed or added gives the runtime outcome', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...bases.keys()),
        fc.nat(),
        fc.constantFrom('replace', 'remove', 'add', 'member'),
        interesting,
        (baseIndex, fieldIndex, change, value) => {
          const raw = JSON.parse(JSON.stringify(bases[baseIndex])) as Record<string, unknown>;
          const fields = Object.keys(raw).filter((field) => field !== 'type');
          const field = fields[fieldIndex % fields.length];
          if (change === 'replace') raw[field] = value;
          else if (change === 'remove') delete raw[field];
          else if (change === 'add') raw[`extra${fieldIndex % 3}`] = value;
          else {
            const member =
              (raw.members as Record<string, unknown>[] | undefined)?.[1] ??
              (raw.member as Record<string, unknown> | undefined);
            if (member === undefined) return;
            const memberFields = Object.keys(member);
            member[memberFields[fieldIndex % memberFields.length]] = value;
          }
          expectSameOutcome(raw);
        },
      ),
      { numRuns: 5_000 },
    );
  });
});
