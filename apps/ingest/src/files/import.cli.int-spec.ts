import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { householdStreamId } from '@monitoring/domain';
import {
  aClaimRecord,
  aClaimReversal,
  aHouseholdRegistration,
  aMember,
  anIncomeAssessment,
} from '@monitoring/domain/testing/source-records.builder';
import { PostgresEventStore } from '@monitoring/event-store';
import { createTestDatabase, type TestDatabase } from '@monitoring/testing';
import { openIngestDataSource, rejectedRows } from '../testing/ingest-test-context';
import { runImportCommand } from './import.cli';

interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

describe('npm run import', () => {
  let database: TestDatabase;
  let dir: string;

  beforeAll(async () => {
    database = await createTestDatabase('ingest_import');
  });
  afterAll(async () => {
    await database.drop();
  });
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ingest-import-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const run = async (
    args: string[],
    options: { signal?: AbortSignal; env?: Record<string, string> } = {},
  ): Promise<Run> => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    let err = '';
    stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const status = await runImportCommand(
      args,
      { DATABASE_URL: database.url, ...options.env },
      {
        stdout,
        stderr,
        signal: options.signal,
        progressIntervalMs: 0,
      },
    );
    return { status, stdout: out, stderr: err };
  };

  const withStore = async <T>(work: (store: PostgresEventStore) => Promise<T>): Promise<T> => {
    const store = await PostgresEventStore.open({ connectionString: database.url, migrate: false });
    try {
      return await work(store);
    } finally {
      await store.close();
    }
  };
  const eventCount = () => withStore(async (store) => (await store.position()).lag);

  /** The side file's entries by line (lanes finish their batches in any order). */
  const readRejectedFile = async (path: string): Promise<{ line: number; reason: string }[]> =>
    (await readFile(path, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { line: number; reason: string })
      .sort((a, b) => a.line - b.line);

  const jsonLines = (lines: unknown[]): string =>
    lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n') + '\n';

  it('imports a JSON Lines file in batches, writes the rejected lines aside, and sums up', async () => {
    const household = aHouseholdRegistration().withMembers(3);
    const claims = [
      aClaimRecord().forHousehold(household).build(),
      aClaimRecord().build(),
      aClaimRecord().build(),
    ];
    const reversal = aClaimReversal().of(aClaimRecord().forHousehold(household)).build();
    const unbalanced = aClaimRecord().withTotal(3_600_000).build();
    const file = join(dir, 'claims.jsonl');
    const before = await eventCount().catch(() => 0);
    await writeFile(
      file,
      jsonLines([
        claims[0],
        claims[1],
        '',
        unbalanced,
        '{"type": "claim_settled",',
        claims[2],
        claims[1],
        reversal,
        anIncomeAssessment().build(),
      ]),
    );

    const result = await run(['--kind', 'claims', '--file', file, '--batch-size', '3']);

    expect(result.stderr).toMatch(
      /^progress: .*% of .* MiB, \d+ records \(\d+ accepted, \d+ duplicates, \d+ rejected\), [\d,]+ rec\/s$/m,
    );
    expect(result.status).toBe(0);
    expect(result.stdout.trim().split('\n').at(-1)).toBe(
      'import: read 8, accepted 4, duplicates 1, rejected 3',
    );
    expect(result.stdout).toContain(`rejected records and their reasons: ${file}.rejected.jsonl`);
    expect(await eventCount()).toBe(before + 4);

    const aside = await readRejectedFile(`${file}.rejected.jsonl`);
    expect(aside).toEqual([
      {
        line: 4,
        category: 'invalid',
        reason: expect.stringMatching(/^totalFen: is /),
        text: JSON.stringify(unbalanced),
      },
      {
        line: 5,
        category: 'unreadable',
        reason: expect.stringMatching(/^not valid JSON: /),
        text: '{"type": "claim_settled",',
      },
      {
        line: 9,
        category: 'invalid',
        reason: expect.stringMatching(/^type: /),
        text: expect.stringContaining('income_assessed'),
      },
    ]);
    const dataSource = await openIngestDataSource(database.url);
    try {
      const rows = (await rejectedRows(dataSource))
        .filter((row) => row.file_name === file)
        .sort((a, b) => Number(a.file_line) - Number(b.file_line));
      expect(rows.map((row) => [row.path, row.topic, row.file_line, row.category])).toEqual([
        ['file', 'claims', 4, 'invalid'],
        ['file', 'claims', 5, 'unreadable'],
        ['file', 'claims', 9, 'invalid'],
      ]);
    } finally {
      await dataSource.destroy();
    }
  });

  it('appends nothing when the same file is imported again', async () => {
    const claims = Array.from({ length: 7 }, () => aClaimRecord().build());
    const file = join(dir, 'again.jsonl');
    await writeFile(file, jsonLines([...claims, aClaimRecord().withTotal(1).build()]));

    const first = await run(['--kind', 'claims', '--file', file, '--batch-size', '2']);
    const afterFirst = await eventCount();
    const second = await run(['--kind', 'claims', '--file', file, '--batch-size', '2']);

    expect(first.stdout).toMatch(/import: read 8, accepted 7, duplicates 0, rejected 1\n$/);
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/import: read 8, accepted 0, duplicates 7, rejected 1\n$/);
    expect(await eventCount()).toBe(afterFirst);
  });

  it("keeps each household's records in file order, whichever lane they go to", async () => {
    const households = Array.from({ length: 6 }, () => aHouseholdRegistration().build().householdId);
    const claims = Array.from({ length: 60 }, (_, index) =>
      aClaimRecord()
        .forHousehold(households[index % households.length])
        .settledAt(`2025-03-${String(28 - Math.floor(index / 6)).padStart(2, '0')}T10:00:00+08:00`)
        .build(),
    );
    const file = join(dir, 'lanes.jsonl');
    await writeFile(file, jsonLines(claims));

    const result = await run(['--kind', 'claims', '--file', file, '--batch-size', '2', '--lanes', '3']);

    expect(result.status).toBe(0);
    await withStore(async (store) => {
      for (const householdId of households) {
        const stream = await store.readStream(householdStreamId(householdId));
        const inFile = claims
          .filter((claim) => claim.householdId === householdId)
          .map((claim) => claim.sourceId);
        expect(stream.map((event) => event.metadata.sourceId)).toEqual(inFile);
      }
    });
  });

  it('lets several imports start at once on a fresh database', async () => {
    const fresh = await createTestDatabase('ingest_import_fresh');
    try {
      const files = [join(dir, 'together-a.jsonl'), join(dir, 'together-b.jsonl')];
      await Promise.all(
        files.map((file) => writeFile(file, jsonLines([aClaimRecord().build(), aClaimRecord().build()]))),
      );

      const runs = await Promise.all(
        files.map((file) => run(['--kind', 'claims', '--file', file], { env: { DATABASE_URL: fresh.url } })),
      );

      expect(runs.map((result) => [result.status, result.stdout.trim().split('\n').at(-1)])).toEqual([
        [0, 'import: read 2, accepted 2, duplicates 0, rejected 0'],
        [0, 'import: read 2, accepted 2, duplicates 0, rejected 0'],
      ]);
    } finally {
      await fresh.drop();
    }
  });

  it('imports CSV with a header row: nested members, numbers, booleans, quoted line breaks; broken rows cost only themselves', async () => {
    const household = aHouseholdRegistration().formerlyPoor(2018).withMembers(2);
    const registration = household.build();
    const members = registration.members;
    const registryCsv = [
      'type,sourceId,occurredAt,householdId,regionCode,formerlyPoor,povertyExitYear,' +
        'members[0].personId,members[0].idNumber,members[0].name,members[0].relation,members[0].birthDate,members[0].labourCapacity,members[0].disabilityGrade,' +
        'members[1].personId,members[1].idNumber,members[1].name,members[1].relation,members[1].birthDate,members[1].labourCapacity,members[1].disabilityGrade',
      [
        'household_registered',
        registration.sourceId,
        registration.occurredAt,
        registration.householdId,
        registration.regionCode,
        'true',
        '2018',
        ...members.flatMap((m, i) => [
          m.personId,
          m.idNumber,
          m.name,
          m.relation,
          m.birthDate,
          m.labourCapacity,
          i === 1 ? '2' : '',
        ]),
      ].join(','),
    ];
    const single = aHouseholdRegistration().withMember(aMember().withPersonId('P-SOLO').asHead()).build();
    const solo = single.members[0];
    registryCsv.push(
      [
        'household_registered',
        single.sourceId,
        single.occurredAt,
        single.householdId,
        single.regionCode,
        'false',
        '',
        solo.personId,
        solo.idNumber,
        solo.name,
        solo.relation,
        solo.birthDate,
        solo.labourCapacity,
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
      ].join(','),
    );
    const registryFile = join(dir, 'registry.csv');
    await writeFile(registryFile, `\uFEFF${registryCsv.join('\r\n')}\r\n`);

    const registryRun = await run(['--kind', 'registry', '--file', registryFile]);
    expect(registryRun.stdout).toMatch(/import: read 2, accepted 2, duplicates 0, rejected 0\n$/);
    const [registered] = await withStore((store) =>
      store.readStream(householdStreamId(household.householdId)),
    );
    expect(registered.data).toEqual({
      householdId: household.householdId,
      regionCode: registration.regionCode,
      formerlyPoor: true,
      povertyExitYear: 2018,
      members: [members[0], { ...members[1], disabilityGrade: 2 }],
    });

    const claim = aClaimRecord().forHousehold(household).build();
    const reversal = aClaimReversal().of(aClaimRecord().forHousehold(household)).build();
    const claimColumns = Object.keys(claim);
    const claimRow = (record: Record<string, unknown>) =>
      claimColumns.map((column) => String(record[column])).join(',');
    const claimsCsv = [
      `${claimColumns.join(',')},claimId,reason`,
      `${claimRow(claim)},,`,
      [
        'claim_reversed',
        reversal.sourceId,
        reversal.occurredAt,
        reversal.householdId,
        ...claimColumns.slice(4).map(() => ''),
        reversal.claimId,
        `"settled twice,\nsee the hospital's ""note"""`,
      ].join(','),
      `${claimRow(aClaimRecord().build())},"never closed,`,
      `${claimRow(aClaimRecord().build())},,,`,
      `${claimRow({ ...aClaimRecord().build(), inCounty: 'maybe' })},,`,
    ];
    const claimsFile = join(dir, 'claims.csv');
    await writeFile(claimsFile, `${claimsCsv.join('\n')}\n`);

    const claimsRun = await run(['--kind', 'claims', '--file', claimsFile]);

    expect(claimsRun.stdout).toMatch(/import: read 5, accepted 2, duplicates 0, rejected 3\n$/);
    const aside = await readRejectedFile(`${claimsFile}.rejected.jsonl`);
    expect(aside.map(({ line, reason }) => [line, reason])).toEqual([
      [5, 'CSV: a quoted field opened on this line is never closed'],
      [6, `CSV: the row has ${claimColumns.length + 3} cells and the header ${claimColumns.length + 2}`],
      [7, expect.stringMatching(/^inCounty: should be true or false, got a string/)],
    ]);
    const stream = await withStore((store) => store.readStream(householdStreamId(household.householdId)));
    expect(stream.at(-1)).toMatchObject({
      type: 'ClaimReversed',
      data: { claimId: reversal.claimId, reason: `settled twice,\nsee the hospital's "note"` },
    });
  });

  it('refuses a CSV file whose header names no fields, importing nothing', async () => {
    const file = join(dir, 'bad-header.csv');
    await writeFile(file, 'type,total fen\nclaim_settled,1\n');
    const result = await run(['--kind', 'claims', '--file', file]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/the CSV header \(line 1\): column 2 \("total fen"\) is not a field path/);
  });

  it('stops before the next batch when interrupted, and says so', async () => {
    const file = join(dir, 'interrupted.jsonl');
    await writeFile(file, jsonLines(Array.from({ length: 10 }, () => aClaimRecord().build())));
    const interrupt = new AbortController();
    interrupt.abort();

    const result = await run(['--kind', 'claims', '--file', file, '--batch-size', '4'], {
      signal: interrupt.signal,
    });

    expect(result.status).toBe(130);
    expect(result.stdout).toMatch(/^interrupted /);
    expect(result.stdout).toMatch(/import: read 0, accepted 0, duplicates 0, rejected 0\n$/);
  });

  it.each([
    [['--file', 'x.jsonl'], /--kind is required/],
    [['--kind', 'weather', '--file', 'x.jsonl'], /--kind must be one of registry, income, claims/],
    [['--kind', 'claims'], /--file is required/],
    [['--kind', 'claims', '--file', 'x.jsonl', '--batch-size', '0'], /--batch-size must be/],
    [['--kind', 'claims', '--file', 'x.jsonl', '--lanes', 'two'], /--lanes must be/],
    [['--kind', 'claims', '--file', 'x.jsonl', '--surprise'], /Unknown option '--surprise'/],
  ])('answers bad usage %j with status 2 and the usage', async (args, message) => {
    const result = await run(args);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain('Usage: npm run import');
  });

  it('answers a missing file and a bad setting clearly', async () => {
    const missing = await run(['--kind', 'claims', '--file', join(dir, 'nope.jsonl')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/cannot read .*nope\.jsonl/);
    const badSetting = await run(['--kind', 'claims', '--file', 'x.jsonl'], {
      env: { DATABASE_URL: 'mysql://x/y' },
    });
    expect(badSetting.status).toBe(2);
    expect(badSetting.stderr).toMatch(/DATABASE_URL/);
  });
});
