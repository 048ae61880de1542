import { createPerson, type Household, toSourceMember } from './household-composer';
import type { SourceIdSequence } from './household-history';
import type { IdNumberIssuer } from './id-number-issuer';
import { withWrongCheckCharacter } from './id-number';
import { formatBeijing, formatWithoutOffset, localDayOf } from './local-time';
import type { Random } from './random';
import type { SourceRecordType, SourceTopic } from './source-records';

/**
 * Records a careless upstream sends, which ingest must reject with a reason. Each is an extra
 * record with its own sourceId, so rejecting it never loses a real fact.
 */
export type MalformationKind =
  'bad_id_check_character' | 'parts_do_not_add_up' | 'missing_offset' | 'unknown_enum' | 'broken_json';

export const MALFORMATION_KINDS: readonly MalformationKind[] = [
  'bad_id_check_character',
  'parts_do_not_add_up',
  'missing_offset',
  'unknown_enum',
  'broken_json',
];

export interface MalformedLine {
  topic: SourceTopic;
  /** The type the record claims to be. */
  type: SourceRecordType;
  kind: MalformationKind;
  line: string;
}

export const malformedRecord = (
  random: Random,
  household: Household,
  at: number,
  ids: SourceIdSequence,
  issuer: IdNumberIssuer,
): MalformedLine => {
  const kind = random.pick(MALFORMATION_KINDS);
  const head = (topic: SourceTopic) => ({
    sourceId: ids.next(topic),
    occurredAt: formatBeijing(at),
    householdId: household.householdId,
  });
  const person = random.pick(household.members);
  switch (kind) {
    case 'bad_id_check_character': {
      const day = localDayOf(at);
      const draft = {
        relation: 'child' as const,
        age: 0,
        male: random.chance(0.5),
        surname: person.name.slice(0, 1),
      };
      // A probe household copy keeps the real household's member numbering untouched.
      const probe: Household = { ...household, members: [], nextMemberNumber: 90 + random.int(0, 9) };
      const member = toSourceMember(createPerson(random, probe, draft, day, issuer, day - random.int(7, 40)));
      member.idNumber = withWrongCheckCharacter(member.idNumber);
      const record = { type: 'member_added' as const, ...head('registry'), member, reason: 'birth' };
      return { topic: 'registry', type: record.type, kind, line: JSON.stringify(record) };
    }
    case 'parts_do_not_add_up': {
      const record = {
        type: 'claim_settled' as const,
        ...head('claims'),
        ...outpatientClaim(random, person.personId),
      };
      record.outOfPocketFen += random.int(1, 5_000) * (random.chance(0.5) ? 1 : -1);
      if (record.outOfPocketFen < 0) record.outOfPocketFen += 10_000;
      return { topic: 'claims', type: record.type, kind, line: JSON.stringify(record) };
    }
    case 'missing_offset': {
      // A local time without its offset: ambiguous, so ingest must refuse to guess.
      const occurredAt = formatWithoutOffset(at);
      if (random.chance(0.5)) {
        const record = {
          type: 'claim_settled' as const,
          ...head('claims'),
          ...outpatientClaim(random, person.personId),
          occurredAt,
        };
        return { topic: 'claims', type: record.type, kind, line: JSON.stringify(record) };
      }
      const record = {
        type: 'income_change_reported' as const,
        ...head('income'),
        occurredAt,
        monthlyIncomeFen: random.int(1_000, 8_000) * 100,
        reason: 'job_loss',
      };
      return { topic: 'income', type: record.type, kind, line: JSON.stringify(record) };
    }
    case 'unknown_enum': {
      if (random.chance(0.5)) {
        const record = {
          type: 'claim_settled' as const,
          ...head('claims'),
          ...outpatientClaim(random, person.personId),
        };
        const line = JSON.stringify(
          random.chance(0.5)
            ? { ...record, visitType: 'emergency' }
            : { ...record, institutionLevel: 'private_clinic' },
        );
        return { topic: 'claims', type: record.type, kind, line };
      }
      const record = { type: 'housing_safety_assessed' as const, ...head('registry'), grade: 'E' };
      return { topic: 'registry', type: record.type, kind, line: JSON.stringify(record) };
    }
    case 'broken_json': {
      const record = {
        type: 'claim_settled' as const,
        ...head('claims'),
        ...outpatientClaim(random, person.personId),
      };
      const text = JSON.stringify(record);
      // Cut off mid-record, as a crashed exporter leaves it.
      return {
        topic: 'claims',
        type: record.type,
        kind,
        line: text.slice(0, random.int(20, text.length - 20)),
      };
    }
  }
};

/** A village-clinic visit whose parts add up, to be spoiled by the caller. */
const outpatientClaim = (random: Random, personId: string) => {
  const totalFen = random.int(2_000, 30_000);
  const basicInsuranceFen = Math.floor(totalFen * 0.6);
  return {
    personId,
    visitType: 'outpatient',
    institutionLevel: 'village',
    inCounty: true,
    diagnosisCode: 'J06',
    totalFen,
    policyCoveredFen: totalFen,
    basicInsuranceFen,
    criticalIllnessFen: 0,
    medicalAssistanceFen: 0,
    commercialInsuranceFen: 0,
    hospitalWaiverFen: 0,
    otherFen: 0,
    outOfPocketFen: totalFen - basicInsuranceFen,
  };
};
