import {
  parseIdNumber,
  parseRegionCode,
  parseSourceRecord,
  type SourceRecordInput,
} from '@monitoring/domain';
import { MALFORMATION_KINDS } from './malformed-records';
import { type ProvinceLine, ProvinceGenerator } from './province-generator';
import type { ProvinceSummary } from './province-summary';
import type { GeneratedRecord } from './source-records';

const UNTIL = '2026-11-16T00:00:00+08:00';
const UNTIL_MS = Date.parse(UNTIL);
const DAY_MS = 86_400_000;

type Claim = SourceRecordInput<'claim_settled'>;
type Registration = SourceRecordInput<'household_registered'>;

/** One province of a few thousand households, generated once for the whole suite. */
let generator: ProvinceGenerator;
let lines: ProvinceLine[];
let summary: ProvinceSummary;
/** Original lines, parsed, in delivery order. */
let originals: { line: ProvinceLine; record: GeneratedRecord }[];

beforeAll(() => {
  generator = new ProvinceGenerator({ households: 3_000, seed: 'spec-province', until: UNTIL });
  lines = [...generator.lines()];
  summary = generator.summary();
  originals = lines
    .filter((line) => line.delivery === 'original')
    .map((line) => ({ line, record: JSON.parse(line.line) as GeneratedRecord }));
});

const ofType = <T extends GeneratedRecord['type']>(type: T) =>
  originals
    .map(({ record }) => record)
    .filter((record): record is Extract<GeneratedRecord, { type: T }> => record.type === type);

const byHousehold = <T extends { householdId: string }>(records: T[]): Map<string, T[]> => {
  const groups = new Map<string, T[]>();
  for (const record of records) {
    const group = groups.get(record.householdId) ?? [];
    group.push(record);
    groups.set(record.householdId, group);
  }
  return groups;
};

describe('a generated province', () => {
  it('consists of valid source records, except the deliberately malformed ones', () => {
    const problems: string[] = [];
    for (const line of lines.filter((l) => l.delivery !== 'malformed')) {
      const parsed = parseSourceRecord(line.topic, JSON.parse(line.line), { now: UNTIL });
      if (!parsed.ok) problems.push(`${line.type}: ${parsed.reason}`);
    }
    expect(problems.slice(0, 5)).toEqual([]);
  });

  it('has malformed lines of every kind, each rejected by the ingest validator', () => {
    const malformed = lines.filter((line) => line.delivery === 'malformed');
    const accepted = malformed.filter((line) => {
      let raw: unknown;
      try {
        raw = JSON.parse(line.line);
      } catch {
        return false;
      }
      return parseSourceRecord(line.topic, raw, { now: UNTIL }).ok;
    });
    expect(accepted.map((line) => line.line)).toEqual([]);
    expect(new Set(malformed.map((line) => line.malformation))).toEqual(new Set(MALFORMATION_KINDS));
  });

  it('keeps the configured shares: formerly poor, re-deliveries, malformed lines, reversals', () => {
    const registrations = ofType('household_registered');
    const formerlyPoor = registrations.filter((r) => r.formerlyPoor).length / registrations.length;
    const duplicates = lines.filter((line) => line.delivery === 'duplicate').length / lines.length;
    const malformed = lines.filter((line) => line.delivery === 'malformed').length / lines.length;
    const reversals = ofType('claim_reversed').length / ofType('claim_settled').length;

    expect(registrations).toHaveLength(3_000);
    expect(formerlyPoor).toBeGreaterThan(0.1);
    expect(formerlyPoor).toBeLessThan(0.14);
    expect(duplicates).toBeGreaterThan(0.004);
    expect(duplicates).toBeLessThan(0.006);
    expect(malformed).toBeGreaterThan(0.0006);
    expect(malformed).toBeLessThan(0.0014);
    expect(reversals).toBeGreaterThan(0.008);
    expect(reversals).toBeLessThan(0.012);
    const exitYears = new Set(registrations.map((r) => (r.formerlyPoor ? r.povertyExitYear : 'none')));
    expect([...exitYears].sort()).toEqual([2016, 2017, 2018, 2019, 2020, 'none']);
  });

  it('gives about 30 records per household, most of them claims', () => {
    const perHousehold = lines.length / 3_000;
    expect(perHousehold).toBeGreaterThan(27);
    expect(perHousehold).toBeLessThan(33);
    expect(summary.linesByTopic.claims / lines.length).toBeGreaterThan(0.8);
  });

  it('re-delivers a line as an exact copy of an earlier line of the same topic', () => {
    const seen = new Set<string>();
    const unmatched: string[] = [];
    const repeatedOriginals: string[] = [];
    let duplicates = 0;
    for (const line of lines) {
      const key = `${line.topic}\n${line.line}`;
      if (line.delivery === 'duplicate') {
        duplicates += 1;
        if (!seen.has(key)) unmatched.push(line.line);
      } else if (line.delivery === 'original') {
        if (seen.has(key)) repeatedOriginals.push(line.line);
        seen.add(key);
      }
    }
    expect(unmatched).toEqual([]);
    expect(repeatedOriginals).toEqual([]);
    expect(duplicates).toBe(summary.duplicates);
    expect(duplicates).toBeGreaterThan(0);
  });

  it('delivers each household’s registration before any other record of it', () => {
    const registered = new Set<string>();
    const problems: string[] = [];
    for (const line of lines) {
      if (line.delivery === 'original' && line.type === 'household_registered') {
        if (registered.has(line.householdId)) problems.push(`registered twice: ${line.householdId}`);
        registered.add(line.householdId);
      } else if (!registered.has(line.householdId)) {
        problems.push(`${line.type} before the registration of ${line.householdId}`);
      }
    }
    expect(problems).toEqual([]);
    expect(registered.size).toBe(3_000);
  });

  it('keeps business times inside the window, written with the +08:00 offset', () => {
    const from = Date.parse(summary.window.from);
    expect(summary.window).toEqual({ from: '2025-09-16T00:00:00+08:00', until: UNTIL, months: 14 });
    const outside = originals
      .map(({ record }) => record.occurredAt)
      .filter((text) => {
        const at = Date.parse(text);
        return !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/.test(text) || at < from || at >= UNTIL_MS;
      });
    expect(outside).toEqual([]);
  });

  it('lets some records arrive weeks after later ones of the same household', () => {
    const latest = new Map<string, number>();
    let lateArrivals = 0;
    for (const { record } of originals) {
      const at = Date.parse(record.occurredAt);
      const before = latest.get(record.householdId) ?? at;
      if (at < before - 14 * DAY_MS) lateArrivals += 1;
      latest.set(record.householdId, Math.max(before, at));
    }
    expect(summary.lateRecords).toBeGreaterThan(0);
    expect(lateArrivals).toBeGreaterThan(summary.lateRecords / 3);
    expect(lateArrivals).toBeLessThanOrEqual(summary.lateRecords);
  });

  it('reverses only claims settled earlier for the same household', () => {
    const settled = new Map<string, string>();
    const strays: string[] = [];
    let reversals = 0;
    for (const { record } of originals) {
      if (record.type === 'claim_settled') settled.set(record.sourceId, record.householdId);
      if (record.type === 'claim_reversed') {
        if (settled.get(record.claimId) !== record.householdId) strays.push(record.sourceId);
        reversals += 1;
      }
    }
    expect(strays).toEqual([]);
    expect(reversals).toBeGreaterThan(0);
  });

  it('splits every claim between payers that add up to its total', () => {
    const claims = ofType('claim_settled');
    const wrong = claims.filter(
      (claim) =>
        claim.basicInsuranceFen +
          claim.criticalIllnessFen +
          claim.medicalAssistanceFen +
          claim.commercialInsuranceFen +
          claim.hospitalWaiverFen +
          claim.otherFen +
          claim.outOfPocketFen !==
          claim.totalFen ||
        claim.policyCoveredFen > claim.totalFen ||
        (claim.institutionLevel === 'out_of_province' && claim.inCounty),
    );
    expect(wrong).toEqual([]);
    expect(claims.length).toBeGreaterThan(50_000);
  });

  it('pays critical-illness insurance only once the year’s compliant self-paid cost passes the deductible', () => {
    const formerlyPoor = new Set(
      ofType('household_registered')
        .filter((r) => r.formerlyPoor)
        .map((r) => r.householdId),
    );
    const sorted = ofType('claim_settled')
      .map((claim) => ({ claim, at: Date.parse(claim.occurredAt) }))
      .sort((a, b) => a.at - b.at)
      .map(({ claim }) => claim);
    const selfPaid = new Map<string, number>();
    const belowDeductible: string[] = [];
    let paying = 0;
    for (const claim of sorted) {
      if (claim.visitType === 'outpatient') {
        if (claim.criticalIllnessFen > 0) belowDeductible.push(claim.sourceId);
        continue;
      }
      const key = `${claim.personId}:${claim.occurredAt.slice(0, 4)}`;
      const total = (selfPaid.get(key) ?? 0) + claim.policyCoveredFen - claim.basicInsuranceFen;
      selfPaid.set(key, total);
      if (claim.criticalIllnessFen > 0) {
        paying += 1;
        if (total <= (formerlyPoor.has(claim.householdId) ? 750_000 : 1_500_000))
          belowDeductible.push(claim.sourceId);
      }
    }
    expect(belowDeductible).toEqual([]);
    expect(paying).toBeGreaterThan(0);
  });

  it('gives medical assistance mostly to formerly poor households', () => {
    const formerlyPoor = new Set(
      ofType('household_registered')
        .filter((r) => r.formerlyPoor)
        .map((r) => r.householdId),
    );
    let poor = 0;
    let other = 0;
    for (const claim of ofType('claim_settled')) {
      if (formerlyPoor.has(claim.householdId)) poor += claim.medicalAssistanceFen;
      else other += claim.medicalAssistanceFen;
    }
    expect(poor).toBeGreaterThan(other);
  });

  it('gives older members and disease classes A and C more claims', () => {
    const claimsPerPerson = new Map<string, number>();
    for (const claim of ofType('claim_settled'))
      claimsPerPerson.set(claim.personId, (claimsPerPerson.get(claim.personId) ?? 0) + 1);
    const members = ofType('household_registered').flatMap((r) => r.members);
    const mean = (people: typeof members) =>
      people.reduce((sum, p) => sum + (claimsPerPerson.get(p.personId) ?? 0), 0) / people.length;
    const age = (p: (typeof members)[number]) => 2026 - Number(p.birthDate.slice(0, 4));
    const healthy = members.filter((p) => p.diseaseClass == null);
    expect(mean(healthy.filter((p) => age(p) >= 65))).toBeGreaterThan(
      mean(healthy.filter((p) => age(p) >= 20 && age(p) < 45)),
    );
    expect(mean(members.filter((p) => p.diseaseClass === 'A'))).toBeGreaterThan(mean(healthy));
    expect(mean(members.filter((p) => p.diseaseClass === 'C'))).toBeGreaterThan(mean(healthy));
  });

  it('issues unique, valid ID numbers in the county of the household', () => {
    const seen = new Set<string>();
    const problems: string[] = [];
    const check = (householdRegion: string, member: Registration['members'][number]) => {
      if (!parseIdNumber(member.idNumber).ok) problems.push(`invalid: ${member.idNumber}`);
      if (member.idNumber.slice(0, 6) !== householdRegion.slice(0, 6))
        problems.push(`other county: ${member.idNumber}`);
      if (member.idNumber.slice(6, 14) !== member.birthDate.replaceAll('-', ''))
        problems.push(`birth date: ${member.idNumber}`);
      if (seen.has(member.idNumber)) problems.push(`repeated: ${member.idNumber}`);
      seen.add(member.idNumber);
    };
    const regionOf = new Map<string, string>();
    for (const registration of ofType('household_registered')) {
      regionOf.set(registration.householdId, registration.regionCode);
      for (const member of registration.members) check(registration.regionCode, member);
    }
    for (const added of ofType('member_added')) check(regionOf.get(added.householdId) ?? '', added.member);
    expect(problems).toEqual([]);
    expect(seen.size).toBe(summary.members.registered + summary.members.added);
  });

  it('places households in Henan villages that nest in the region tree', () => {
    const villages = new Map<string, string>();
    for (const city of generator.regions.cities) {
      for (const county of city.counties) {
        for (const township of county.townships) {
          for (const village of township.villages) villages.set(village.code, village.kind);
        }
      }
    }
    const misplaced = ofType('household_registered').filter((registration) => {
      const parsed = parseRegionCode(registration.regionCode);
      return (
        !parsed.ok ||
        parsed.value.level !== 'village' ||
        parsed.value.provinceCode !== '41' ||
        villages.get(registration.regionCode) !== parsed.value.villageKind ||
        !new RegExp(`^H${registration.regionCode}\\d{5}$`).test(registration.householdId)
      );
    });
    expect(misplaced).toEqual([]);
  });

  it('assesses income as per-capita income times the members registered at the time', () => {
    let assessments = 0;
    const problems: string[] = [];
    for (const records of byHousehold(originals.map(({ record }) => record)).values()) {
      const members = new Set<string>();
      const inTime = [...records].sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
      for (const record of inTime) {
        if (record.type === 'household_registered') for (const m of record.members) members.add(m.personId);
        if (record.type === 'member_added') members.add(record.member.personId);
        if (record.type === 'member_removed') members.delete(record.personId);
        if (record.type === 'income_assessed') {
          if (record.householdNetIncomeFen !== record.perCapitaNetIncomeFen * members.size) {
            problems.push(`${record.sourceId}: not per capita × ${members.size} members`);
          }
          if (record.year !== Number(record.occurredAt.slice(0, 4)) - 1)
            problems.push(`${record.sourceId}: year`);
          assessments += 1;
        }
        if (record.type === 'claim_settled' && !members.has(record.personId)) {
          problems.push(`${record.sourceId}: ${record.personId} is not a member`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(assessments).toBeGreaterThan(3_000);
  });

  it('spreads per-capita incomes around the monitoring standard with a long upper tail', () => {
    const incomes = ofType('income_assessed')
      .filter((r) => r.year === 2025)
      .map((r) => r.perCapitaNetIncomeFen)
      .sort((a, b) => a - b);
    const below = incomes.filter((fen) => fen < 830_000).length / incomes.length;
    const median = incomes[Math.floor(incomes.length / 2)] ?? 0;
    const p99 = incomes[Math.floor(incomes.length * 0.99)] ?? 0;
    expect(below).toBeGreaterThan(0.03);
    expect(below).toBeLessThan(0.25);
    expect(p99 / median).toBeGreaterThan(3);
  });

  it('reports the households whose out-of-pocket medical cost is over the policy threshold', () => {
    const formerlyPoor = new Set(
      ofType('household_registered')
        .filter((r) => r.formerlyPoor)
        .map((r) => r.householdId),
    );
    const reversed = new Set(ofType('claim_reversed').map((r) => r.claimId));
    const outOfPocket = new Map<string, number>();
    for (const claim of ofType('claim_settled') as Claim[]) {
      const at = Date.parse(claim.occurredAt);
      if (reversed.has(claim.sourceId) || at <= UNTIL_MS - 365 * DAY_MS) continue;
      outOfPocket.set(claim.householdId, (outOfPocket.get(claim.householdId) ?? 0) + claim.outOfPocketFen);
    }
    // 2025 national rural per-capita disposable income: 24,456 yuan; formerly poor at 50%.
    const high = [...outOfPocket].filter(
      ([household, fen]) => fen > (formerlyPoor.has(household) ? 1_222_800 : 2_445_600),
    );
    expect(summary.expected.medicalThresholdFen).toEqual({ formerlyPoor: 1_222_800, other: 2_445_600 });
    expect(summary.expected.highMedicalCostHouseholds).toBe(high.length);
    expect(high.length).toBeGreaterThan(0);
  });

  it('summarises exactly what it emitted', () => {
    const byType: Record<string, number> = {};
    for (const { record } of originals) byType[record.type] = (byType[record.type] ?? 0) + 1;
    expect(summary.complete).toBe(true);
    expect(summary.households).toBe(3_000);
    expect(summary.totalLines).toBe(lines.length);
    expect(Object.fromEntries(Object.entries(summary.recordsByType).filter(([, n]) => n > 0))).toEqual(
      byType,
    );
    expect(summary.duplicates + summary.malformed.total + originals.length).toBe(lines.length);
    for (const topic of ['registry', 'income', 'claims'] as const) {
      expect(summary.linesByTopic[topic]).toBe(lines.filter((line) => line.topic === topic).length);
    }
  });
});
