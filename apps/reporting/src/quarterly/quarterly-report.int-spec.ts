import { ExchangeTestApp, USERS } from '../exchange/testing/exchange-test-app';

jest.setTimeout(60_000);

interface CaseRow {
  caseId: string;
  regionCode: string;
  openedAt: string;
  verificationDueAt: string;
  assistanceDueAt: string;
  verifiedAt?: string;
  verificationOutcome?: 'confirmed' | 'dismissed';
  firstAssistanceAt?: string;
  escalatedAt?: string;
  closedAt?: string;
}

/** A `monitoring_case` row as the monitor's projector writes it, with only the columns the report reads varied. */
const insertCase = (t: ExchangeTestApp, row: CaseRow): Promise<unknown> =>
  t.dataSource.query(
    `INSERT INTO monitoring_case (case_id, household_id, region_code, case_sequence, category, stage, score, risk_level,
       factors, opened_at, verification_due_at, assistance_due_at, verified_at, verification_outcome,
       first_assistance_at, assistance_count, escalation_level, escalated_at, closed_at, policy_version, state,
       stream_version, last_event_at, updated_at)
     VALUES ($1, $1, $2, 1, 'sudden_hardship', $3, 60, 'high', '[]', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13,
       '41-2024.1', '{}', 1, $4, $4)`,
    [
      row.caseId,
      row.regionCode,
      row.closedAt ? 'dismissed' : row.firstAssistanceAt ? 'assisting' : row.verifiedAt ? 'verified' : 'open',
      row.openedAt,
      row.verificationDueAt,
      row.assistanceDueAt,
      row.verifiedAt ?? null,
      row.verificationOutcome ?? null,
      row.firstAssistanceAt ?? null,
      row.firstAssistanceAt ? 1 : 0,
      row.escalatedAt ? 'city' : 'none',
      row.escalatedAt ?? null,
      row.closedAt ?? null,
    ],
  );

const LUSHAN = '410423203201';
const YEXIAN = '410422100201';

describe('quarterly report', () => {
  let t: ExchangeTestApp;

  beforeAll(async () => {
    t = await ExchangeTestApp.start({ label: 'quarterly' });
    const cases: CaseRow[] = [
      // Lushan: on time both ways (3 days, 19 days).
      {
        caseId: 'c1',
        regionCode: LUSHAN,
        openedAt: '2026-07-01T09:00:00+08:00',
        verificationDueAt: '2026-07-08T09:00:00+08:00',
        assistanceDueAt: '2026-07-31T09:00:00+08:00',
        verifiedAt: '2026-07-04T09:00:00+08:00',
        verificationOutcome: 'confirmed',
        firstAssistanceAt: '2026-07-20T09:00:00+08:00',
      },
      // Lushan: visited late (9 days), no assistance by quarter end, escalated.
      {
        caseId: 'c2',
        regionCode: LUSHAN,
        openedAt: '2026-08-01T09:00:00+08:00',
        verificationDueAt: '2026-08-08T09:00:00+08:00',
        assistanceDueAt: '2026-08-31T09:00:00+08:00',
        verifiedAt: '2026-08-10T09:00:00+08:00',
        verificationOutcome: 'confirmed',
        escalatedAt: '2026-09-07T09:00:00+08:00',
      },
      // Lushan: never visited, verification overdue at quarter end.
      {
        caseId: 'c3',
        regionCode: LUSHAN,
        openedAt: '2026-09-20T09:00:00+08:00',
        verificationDueAt: '2026-09-27T09:00:00+08:00',
        assistanceDueAt: '2026-10-20T09:00:00+08:00',
      },
      // Lushan: dismissed at the visit (2 days): needs no assistance.
      {
        caseId: 'c4',
        regionCode: LUSHAN,
        openedAt: '2026-07-10T09:00:00+08:00',
        verificationDueAt: '2026-07-17T09:00:00+08:00',
        assistanceDueAt: '2026-08-09T09:00:00+08:00',
        verifiedAt: '2026-07-12T09:00:00+08:00',
        verificationOutcome: 'dismissed',
        closedAt: '2026-07-12T09:00:00+08:00',
      },
      // Outside the quarter in Beijing time: the evening before it starts, half an hour after it ends.
      {
        caseId: 'c5',
        regionCode: LUSHAN,
        openedAt: '2026-06-30T23:00:00+08:00',
        verificationDueAt: '2026-07-07T23:00:00+08:00',
        assistanceDueAt: '2026-07-30T23:00:00+08:00',
      },
      {
        caseId: 'c6',
        regionCode: LUSHAN,
        openedAt: '2026-09-30T16:30:00Z',
        verificationDueAt: '2026-10-07T16:30:00Z',
        assistanceDueAt: '2026-10-30T16:30:00Z',
      },
      // Yexian: visited next day, assistance only after the quarter (82 days).
      {
        caseId: 'd1',
        regionCode: YEXIAN,
        openedAt: '2026-07-15T09:00:00+08:00',
        verificationDueAt: '2026-07-22T09:00:00+08:00',
        assistanceDueAt: '2026-08-14T09:00:00+08:00',
        verifiedAt: '2026-07-16T09:00:00+08:00',
        verificationOutcome: 'confirmed',
        firstAssistanceAt: '2026-10-05T09:00:00+08:00',
      },
      // Hubei: outside province 41.
      {
        caseId: 'e1',
        regionCode: '420102001001',
        openedAt: '2026-08-01T09:00:00+08:00',
        verificationDueAt: '2026-08-08T09:00:00+08:00',
        assistanceDueAt: '2026-08-31T09:00:00+08:00',
      },
    ];
    for (const row of cases) await insertCase(t, row);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('counts per county what a hand count of the quarter gives', async () => {
    const report = (
      await t.call('get', '/api/v1/reports/quarterly?quarter=2026Q3&region=41', USERS.bureau).expect(200)
    ).body as Record<string, unknown>;
    expect(report).toEqual({
      quarter: '2026Q3',
      region: '41',
      timeZone: 'Asia/Shanghai',
      from: '2026-06-30T16:00:00.000Z',
      to: '2026-09-30T16:00:00.000Z',
      counties: [
        {
          countyCode: '410422',
          opened: 1,
          verifiedInTime: { count: 1, of: 1, share: 1 },
          assistedInTime: { count: 0, of: 1, share: 0 },
          medianDaysToVerification: 1,
          medianDaysToFirstAssistance: 82,
          overdueAtQuarterEnd: 1,
          escalated: 0,
        },
        {
          countyCode: '410423',
          opened: 4,
          verifiedInTime: { count: 2, of: 4, share: 0.5 },
          assistedInTime: { count: 1, of: 3, share: 0.3333 },
          medianDaysToVerification: 3,
          medianDaysToFirstAssistance: 19,
          overdueAtQuarterEnd: 2,
          escalated: 1,
        },
      ],
      total: {
        opened: 5,
        verifiedInTime: { count: 3, of: 5, share: 0.6 },
        assistedInTime: { count: 1, of: 4, share: 0.25 },
        medianDaysToVerification: 2.5,
        medianDaysToFirstAssistance: 50.5,
        overdueAtQuarterEnd: 3,
        escalated: 1,
      },
    });
  });

  it("limits the report to the caller's region", async () => {
    const countyStaff = { sub: 'province-staff-qian', role: 'province_staff', region: '410423' } as const;
    const report = (
      await t.call('get', '/api/v1/reports/quarterly?quarter=2026Q3&region=41', countyStaff).expect(200)
    ).body as { region: string; counties: { countyCode: string }[]; total: { opened: number } };
    expect(report.region).toBe('410423');
    expect(report.counties.map((county) => county.countyCode)).toEqual(['410423']);
    expect(report.total.opened).toBe(4);

    const elsewhere = (
      await t
        .call('get', '/api/v1/reports/quarterly?quarter=2026Q3&region=42', USERS.provinceStaff)
        .expect(200)
    ).body as { counties: unknown[]; total: { opened: number } };
    expect(elsewhere.counties).toEqual([]);
    expect(elsewhere.total.opened).toBe(0);
  });

  it('answers 400 with a clear message for a bad quarter or region', async () => {
    const badQuarter = await t
      .call('get', '/api/v1/reports/quarterly?quarter=2026Q5', USERS.admin)
      .expect(400);
    expect((badQuarter.body as { message: string }).message).toMatch(/quarter.*2026Q3/);
    const missing = await t.call('get', '/api/v1/reports/quarterly', USERS.admin).expect(400);
    expect((missing.body as { message: string }).message).toMatch(/quarter/);
    const badRegion = await t
      .call('get', '/api/v1/reports/quarterly?quarter=2026Q3&region=4x', USERS.admin)
      .expect(400);
    expect((badRegion.body as { message: string }).message).toMatch(/region/);
  });

  it('admits province staff, the bureau and admins only', async () => {
    await t.call('get', '/api/v1/reports/quarterly?quarter=2026Q3').expect(401);
    await t.call('get', '/api/v1/reports/quarterly?quarter=2026Q3', USERS.countyOfficer).expect(403);
    await t.call('get', '/api/v1/reports/quarterly?quarter=2026Q3', USERS.ingest).expect(403);
    await t.call('get', '/api/v1/reports/quarterly?quarter=2026Q3', USERS.provinceStaff).expect(200);
  });
});
