import type { AuthUser } from '@monitoring/auth';
import { maskIdNumber } from '@monitoring/domain';
import {
  aClaimRecord,
  aHouseholdRegistration,
  anIdNumber,
  anIncomeAssessment,
  type HouseholdRegistrationBuilder,
} from '@monitoring/domain/testing/source-records.builder';
import { EVENT_STORE, type EventStore } from '@monitoring/event-store';
import { encodeCaseQueueCursor } from '../../apps/reporting/src/queries/list-cases/case-queue-cursor';
import { CALLERS, SecurityApp } from './support/security-app';

interface Household {
  householdId: string;
  regionCode: string;
  registration: HouseholdRegistrationBuilder;
  idNumbers: string[];
  names: string[];
  caseId: string;
}

interface QueueBody {
  items: { caseId: string; householdId: string; regionCode: string }[];
  nextCursor: string | null;
  total: number;
}

const officer = CALLERS.countyOfficer;
const UNKNOWN_CASE = '00000000-0000-4000-8000-000000000000';

/**
 * Issue 6 end to end: records go in through the HTTP ingest endpoint, the projector opens the cases,
 * and a county officer then tries every way into the neighbouring county; personal data stays masked
 * in every answer and log line.
 */
describe('region scoping and personal data (all-in-one, fed through ingest)', () => {
  let app: SecurityApp;
  let own: Household;
  let neighbour: Household;
  const answers: { user: AuthUser; text: string }[] = [];

  /** A GET whose answer is kept for the masking checks. */
  const read = async (path: string, user: AuthUser, status?: number) => {
    const response = await app.get(path, user);
    answers.push({ user, text: response.text });
    if (status !== undefined) expect({ path, status: response.status }).toEqual({ path, status });
    return response;
  };

  async function ingest(topic: 'registry' | 'income' | 'claims', records: unknown[]) {
    const response = await app.post(`/api/v1/ingest/${topic}`, { records }, CALLERS.ingest).expect(200);
    answers.push({ user: CALLERS.ingest, text: response.text });
    return response.body as { accepted: number; rejected: { index: number; reason: string }[] };
  }

  /** Registered in 2024, a 2025 income of 60,000 yuan, then a 50,000-yuan bill: a case opens. */
  async function aHouseholdInHardship(
    householdId: string,
    regionCode: string,
  ): Promise<Omit<Household, 'caseId'>> {
    const registration = aHouseholdRegistration()
      .withHouseholdId(householdId)
      .inRegion(regionCode)
      .neverPoor()
      .withMembers(3)
      .occurredAt('2024-01-15T09:00:00+08:00');
    const record = registration.build() as { members: { idNumber: string; name: string }[] };
    expect((await ingest('registry', [record])).accepted).toBe(1);
    const income = anIncomeAssessment()
      .forHousehold(registration)
      .forYear(2025)
      .netIncome(6_000_000, 3)
      .occurredAt('2026-01-10T10:00:00+08:00');
    expect((await ingest('income', [income.build()])).accepted).toBe(1);
    const claim = aClaimRecord()
      .forHousehold(registration)
      .inpatient()
      .diagnosedWith('C34.1')
      .outOfPocket(5_000_000)
      .settledAt('2026-10-10T10:00:00+08:00');
    expect((await ingest('claims', [claim.build()])).accepted).toBe(1);
    return {
      householdId,
      regionCode,
      registration,
      idNumbers: record.members.map((member) => member.idNumber),
      names: record.members.map((member) => member.name),
    };
  }

  async function openCaseOf(householdId: string): Promise<string> {
    for (let attempt = 0; attempt < 600; attempt += 1) {
      await app.projected();
      const queue = (await app.get('/api/v1/cases?region=41', CALLERS.provinceStaff).expect(200))
        .body as QueueBody;
      const item = queue.items.find((candidate) => candidate.householdId === householdId);
      if (item) return item.caseId;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`no case opened for ${householdId}`);
  }

  beforeAll(async () => {
    app = await SecurityApp.start('security_scoping', {
      RATE_LIMIT_READS_PER_MINUTE: '0',
      RATE_LIMIT_INGEST_PER_MINUTE: '0',
    });
    const ownHousehold = await aHouseholdInHardship('H-SEC-LUSHAN-01', '410423203201');
    const neighbourHousehold = await aHouseholdInHardship('H-SEC-NEIGHBOUR-01', '410425100201');
    own = { ...ownHousehold, caseId: await openCaseOf(ownHousehold.householdId) };
    neighbour = { ...neighbourHousehold, caseId: await openCaseOf(neighbourHousehold.householdId) };
  });

  afterAll(async () => {
    await app?.close();
  });

  /** The answer with the id the caller asked for taken out (echoing it back leaks nothing). */
  const anonymised = (text: string) =>
    text
      .replaceAll(neighbour.householdId, '<household>')
      .replaceAll('H-NOBODY-01', '<household>')
      .replaceAll(neighbour.caseId, '<case>')
      .replaceAll(UNKNOWN_CASE, '<case>');

  /** Anything of the neighbour other than the id in the request. */
  const leaksNeighbour = (text: string) =>
    [
      neighbour.householdId,
      neighbour.caseId,
      neighbour.regionCode,
      ...neighbour.names,
      ...neighbour.idNumbers,
    ].some((value) => text.includes(value));

  describe('a county officer and the neighbouring county', () => {
    it('reads its own household, timeline and case', async () => {
      await read(`/api/v1/households/${own.householdId}`, officer, 200);
      await read(`/api/v1/households/${own.householdId}/timeline`, officer, 200);
      await read(`/api/v1/cases/${own.caseId}`, officer, 200);
    });

    it('gets 404 for the neighbour’s household, timeline and case by id, now and as of a past date', async () => {
      for (const path of [
        `/api/v1/households/${neighbour.householdId}`,
        `/api/v1/households/${neighbour.householdId}?asOf=2026-10-11T00:00:00%2B08:00`,
        `/api/v1/households/${neighbour.householdId}/timeline`,
        `/api/v1/cases/${neighbour.caseId}`,
      ]) {
        const response = await read(path, officer);
        expect({ path, status: response.status }).toEqual({ path, status: 404 });
        // Exactly what an id that does not exist gets, so nothing tells the two apart.
        const missing = await app.get(
          path.replace(neighbour.householdId, 'H-NOBODY-01').replace(neighbour.caseId, UNKNOWN_CASE),
          officer,
        );
        expect(missing.status).toBe(404);
        expect(anonymised(response.text)).toBe(anonymised(missing.text));
      }
    });

    it('finds nothing of the neighbour by filter, and only its own county by a broader one', async () => {
      const byRegion = (await read('/api/v1/cases?region=410425', officer, 200)).body as QueueBody;
      expect(byRegion).toEqual({ items: [], nextCursor: null, total: 0 });
      for (const region of ['41', '4104']) {
        const broader = (await read(`/api/v1/cases?region=${region}`, officer, 200)).body as QueueBody;
        expect(broader.items.map((item) => item.caseId)).toEqual([own.caseId]);
        expect(broader.total).toBe(1);
      }
    });

    it('gets 404 for the neighbour’s statistics and for any region wider than its county', async () => {
      for (const region of ['410425', '4104', '41']) {
        const response = await read(`/api/v1/stats/regions/${region}`, officer);
        expect({ region, status: response.status }).toEqual({ region, status: 404 });
      }
      await read('/api/v1/stats/regions/410423', officer, 200);
    });

    it('gets 400 for a cursor written for another reader or forged to point into the other county', async () => {
      const province = (await read('/api/v1/cases?limit=1&region=4104', CALLERS.provinceStaff, 200))
        .body as QueueBody;
      expect(province.nextCursor).not.toBeNull();
      const replayed = await read(`/api/v1/cases?cursor=${province.nextCursor}`, officer);
      expect(replayed.status).toBe(400);
      expect(leaksNeighbour(replayed.text)).toBe(false);

      const forged = encodeCaseQueueCursor({
        sort: 'deadline',
        rank: 0,
        key: '0',
        caseId: neighbour.caseId,
        regionCode: neighbour.regionCode,
        passId: '00000000-0000-4000-8000-000000000000',
      });
      const response = await read(`/api/v1/cases?cursor=${forged}`, officer);
      expect(response.status).toBe(400);
      expect(leaksNeighbour(response.text)).toBe(false);
    });

    it('gets 404 acting on the neighbour’s case, and nothing is appended to it', async () => {
      const store = app.running.app.get<EventStore>(EVENT_STORE);
      const before = await store.readStream(`case-${neighbour.caseId}`);
      const actions: [string, object][] = [
        [
          'verification',
          { outcome: 'dismissed', visitedAt: '2026-11-20T10:00:00+08:00', notes: 'not at home' },
        ],
        ['assistance', { measureType: 'medical', description: 'assistance' }],
        ['risk-elimination', { reason: 'stable' }],
        ['reopen', { reason: 'premature' }],
      ];
      for (const [action, body] of actions) {
        const response = await app.post(`/api/v1/cases/${neighbour.caseId}/${action}`, body, officer);
        expect({ action, status: response.status }).toEqual({ action, status: 404 });
        const missing = await app.post(`/api/v1/cases/${UNKNOWN_CASE}/${action}`, body, officer);
        expect(anonymised(response.text)).toBe(anonymised(missing.text));
      }
      // Province staff see the case but hold no county: they may not act on it either.
      const staff = await app.post(
        `/api/v1/cases/${neighbour.caseId}/verification`,
        actions[0][1],
        CALLERS.provinceStaff,
      );
      expect(staff.status).toBe(403);
      expect(await store.readStream(`case-${neighbour.caseId}`)).toHaveLength(before.length);
    });
  });

  describe('personal data', () => {
    const readers = [CALLERS.provinceStaff, CALLERS.countyOfficer, CALLERS.admin];

    beforeAll(async () => {
      for (const user of readers) {
        await read(`/api/v1/households/${own.householdId}`, user, 200);
        await read(`/api/v1/households/${own.householdId}/timeline`, user, 200);
        await read(`/api/v1/cases/${own.caseId}`, user, 200);
        await read('/api/v1/cases', user, 200);
      }
      await read('/api/v1/stats/regions/41', CALLERS.bureau, 200);
    });

    it('shows ID numbers masked to the first 6 and last 4 characters, to every role', async () => {
      const timeline = await app.get(`/api/v1/households/${own.householdId}/timeline`, officer).expect(200);
      for (const idNumber of own.idNumbers) {
        expect(timeline.text).toContain(maskIdNumber(idNumber));
        expect(maskIdNumber(idNumber)).toMatch(
          new RegExp(`^${idNumber.slice(0, 6)}\\*{8}${idNumber.slice(-4)}$`),
        );
      }
      const full = [...own.idNumbers, ...neighbour.idNumbers];
      for (const { user, text } of answers) {
        for (const idNumber of full)
          expect({ role: user.role, leaked: text.includes(idNumber) }).toEqual({
            role: user.role,
            leaked: false,
          });
      }
    });

    it('shows member names and the ICD-10 code only to the officer of the household’s county', async () => {
      const textOf = async (user: AuthUser) =>
        (await app.get(`/api/v1/households/${own.householdId}/timeline`, user).expect(200)).text;
      const mine = await textOf(officer);
      expect(mine).toContain(own.names[0]);
      expect(mine).toContain('C34.1');
      for (const user of [CALLERS.provinceStaff, CALLERS.admin]) {
        const text = await textOf(user);
        expect(own.names.some((name) => text.includes(name))).toBe(false);
        expect(text).not.toContain('C34.1');
      }
    });

    it('never writes a full ID number to the log, not even of rejected records', async () => {
      const valid = anIdNumber({ county: '410423', birthDate: '1980-05-05' });
      const badCheck = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
      const withBadCheck = aHouseholdRegistration().withMembers(1).build() as {
        members: Record<string, unknown>[];
      };
      withBadCheck.members[0].idNumber = badCheck;
      const withBadRegion = aHouseholdRegistration().withMembers(1).build() as {
        members: Record<string, unknown>[];
        regionCode: string;
      };
      withBadRegion.members[0].idNumber = valid;
      withBadRegion.regionCode = 'nowhere';
      const outcome = await ingest('registry', [withBadCheck, withBadRegion, { idNumber: valid }]);
      expect(outcome.rejected.map((rejection) => rejection.index)).toEqual([0, 1, 2]);

      const warnings = app.logs.filter((line) => /"level":"(warn|error)"/.test(line));
      expect(warnings.length).toBeGreaterThanOrEqual(3);
      const full = [valid, badCheck, ...own.idNumbers, ...neighbour.idNumbers];
      const leaks = app.logs.filter((line) => full.some((idNumber) => line.includes(idNumber)));
      expect(leaks).toEqual([]);
      for (const rejection of outcome.rejected) {
        expect(full.some((idNumber) => rejection.reason.includes(idNumber))).toBe(false);
      }
    });
  });
});
