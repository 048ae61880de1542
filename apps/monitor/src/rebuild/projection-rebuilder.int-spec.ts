import { caseIdFor, formatInstant } from '@monitoring/domain';
import { aClaim, aHousehold, anIncomeAssessment } from '@monitoring/domain/testing/household-events.builder';
import { ProjectionHarness } from '../projections/testing/projection.harness';
import { playScenario } from '../projections/testing/projection.scenario';

describe('projection rebuild', () => {
  let harness: ProjectionHarness;

  beforeAll(async () => {
    harness = await ProjectionHarness.start({ label: 'projection_rebuild', batchSize: 6 });
  });

  afterAll(async () => {
    await harness.close();
  });

  const generations = () =>
    harness.query<{ generation: number; status: string }>(
      `SELECT generation, status FROM projection_generations ORDER BY generation`,
    );

  it('rebuilds every read model from zero into a new generation equal to the live one, switching while the old one serves', async () => {
    await playScenario(harness, 'H4104230B');
    const live = await harness.snapshot();
    const eventsBefore = await harness.countEvents();
    const whileBuilding: { generations: { generation: number; status: string }[]; served: unknown }[] = [];

    const result = await harness.rebuilder.rebuild({
      batchSize: 7,
      caughtUpLag: 0,
      keepPrevious: true,
      onProgress: async () => {
        if (whileBuilding.length === 0)
          whileBuilding.push({ generations: await generations(), served: await harness.snapshot() });
      },
    });

    expect(result).toMatchObject({ generation: 2, previousGeneration: 1, previousDropped: false });
    expect(result.events).toBe(eventsBefore);
    // Half-way, the views still served the live generation, whole.
    expect(whileBuilding).toEqual([
      {
        generations: [
          { generation: 1, status: 'active' },
          { generation: 2, status: 'building' },
        ],
        served: live,
      },
    ]);
    expect(await generations()).toEqual([
      { generation: 1, status: 'retired' },
      { generation: 2, status: 'active' },
    ]);
    // Rebuilt equals live, table by table; the views now read the new generation.
    expect(await harness.snapshot('monitor_g2')).toEqual(await harness.snapshot('monitor_g1'));
    expect(await harness.snapshot()).toEqual(live);
    expect(await harness.snapshot('monitor_g2')).toEqual(live);
    expect(await harness.countEvents()).toBe(eventsBefore);
  });

  it('drops the previous generation after the switch, and the live projector continues on the new one', async () => {
    const result = await harness.rebuilder.rebuild({ batchSize: 20, caughtUpLag: 0 });
    expect(result).toMatchObject({ generation: 3, previousGeneration: 2, previousDropped: true });
    expect((await generations()).map((row) => [row.generation, row.status])).toEqual([
      [1, 'retired'],
      [3, 'active'],
    ]);
    const [{ exists }] = await harness.query<{ exists: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM information_schema.schemata WHERE schema_name = 'monitor_g2') AS exists`,
    );
    expect(exists).toBe(false);

    // A new crossing after the switch: the live projector notices the new generation and writes there.
    const household = aHousehold().withId('H410423000B99').formerlyPoor().withMembers(3);
    const daysAgo = (days: number) => formatInstant(Date.now() - days * 86_400_000, 480);
    await harness.append(
      household.build(),
      anIncomeAssessment()
        .forHousehold(household)
        .forYear(2025)
        .netIncomeYuan(30_000)
        .on(daysAgo(100))
        .build(),
      aClaim().forHousehold(household).outOfPocketYuan(14_200).on(daysAgo(3)).build(),
    );
    await harness.caughtUp();
    expect(harness.projector.activeGeneration).toBe(3);
    const [row] = await harness.query(
      `SELECT case_id FROM monitor_g3.monitoring_case WHERE household_id = $1`,
      [household.householdId],
    );
    expect(row).toEqual({ case_id: caseIdFor(household.householdId, 1) });
    expect((await harness.risk(household.householdId))!.open_case_id).toBe(
      caseIdFor(household.householdId, 1),
    );
  });
  it('keeps the large JSON columns lz4-compressed in every generation, the rebuilt ones included', async () => {
    const compression = await harness.query<{ schema: string; column: string; method: string }>(
      `SELECT n.nspname AS schema, c.relname || '.' || a.attname AS column, a.attcompression::text AS method
        FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname LIKE 'monitor_g%' AND c.relkind = 'r'
          AND (c.relname, a.attname) IN (('household_projection_state', 'state'),
            ('household_projection_state', 'latest_case_state'), ('household_risk', 'factors'),
            ('monitoring_case', 'state'), ('monitoring_case', 'factors'))
        ORDER BY 1, 2`,
    );
    // Generation 1 from the migrations, generation 3 created by the rebuilds above.
    expect(new Set(compression.map((row) => row.schema))).toEqual(new Set(['monitor_g1', 'monitor_g3']));
    expect(compression).toHaveLength(10);
    expect(compression.filter((row) => row.method !== 'l')).toEqual([]);
  });
});
