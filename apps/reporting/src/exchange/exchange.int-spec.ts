import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { caseIdFor, type CaseCommand } from '@monitoring/domain';
import {
  anAssessment,
  confirmVerification,
  day,
  openCase,
  recordAssistance,
} from '@monitoring/domain/case/testing/case.builders';
import { aHousehold, type HouseholdBuilder } from '@monitoring/domain/testing/household-events.builder';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { Queue } from 'bullmq';
import { bullConnection } from '@monitoring/platform';
import { TEST_REDIS_URL } from '@monitoring/testing';
import { EXCHANGE_COLUMNS, NUMERIC_COLUMNS } from './exchange-row';
import { EXCHANGE_QUEUE } from './exchange-scheduler';
import { ExchangeBatchService } from './exchange-batch.service';
import { ExchangeTestApp, USERS } from './testing/exchange-test-app';

jest.setTimeout(60_000);

const LUSHAN = '410423203201';
const YEXIAN = '410422100201';

const household = (id: string, region: string): HouseholdBuilder =>
  aHousehold().withId(id).inRegion(region).withMembers(2);

/** The household's first case, opened at `day(0)` of the case builders. */
const open = (householdId: string, region: string): CaseCommand => {
  const assessment = { ...anAssessment().forHousehold(householdId).build(), regionCode: region };
  return openCase(assessment);
};
const verify = (householdId: string): CaseCommand => ({
  ...confirmVerification(day(3)),
  caseId: caseIdFor(householdId, 1),
});
const assist = (householdId: string): CaseCommand => ({
  ...recordAssistance(day(12)),
  caseId: caseIdFor(householdId, 1),
});

interface BatchBody {
  batchId: string;
  sequence: number;
  fromCheckpoint: string;
  toCheckpoint: string;
  rowCount: number;
  files: { name: string; size: number; sha256: string }[];
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
}

const sha256 = (content: Buffer): string => createHash('sha256').update(content).digest('hex');

describe('weekly exchange', () => {
  let t: ExchangeTestApp;
  const households = {
    a: household('H410423000101', LUSHAN),
    b: household('H410423000102', LUSHAN),
    c: household('H410423000103', LUSHAN),
    d: household('H410422000104', YEXIAN),
    e: household('H410423000105', LUSHAN),
  };
  let first: BatchBody;
  let second: BatchBody;

  beforeAll(async () => {
    t = await ExchangeTestApp.start({ label: 'exchange', cron: '30 3 * * 2', timeZone: 'Asia/Urumqi' });
    for (const builder of [households.a, households.b, households.c, households.d])
      await t.register(builder.build());
    await t.decide(households.a.householdId, open(households.a.householdId, LUSHAN));
    await t.decide(
      households.b.householdId,
      open(households.b.householdId, LUSHAN),
      verify(households.b.householdId),
    );
    await t.decide(households.d.householdId, open(households.d.householdId, YEXIAN));

    first = (await t.call('post', '/api/v1/exchanges', USERS.admin).expect(201)).body as BatchBody;

    // Between the batches: A verified and assisted, E registered (no case): only A changed its monitoring state.
    await t.decide(
      households.a.householdId,
      verify(households.a.householdId),
      assist(households.a.householdId),
    );
    await t.register(households.e.build());
    t.clock.advance(7 * 24 * 3600 * 1000);
    second = (await t.call('post', '/api/v1/exchanges', USERS.bureau).expect(201)).body as BatchBody;
  });

  afterAll(async () => {
    await t?.close();
  });

  const download = async (batch: BatchBody, name: string): Promise<Buffer> =>
    (
      await t
        .call('get', `/api/v1/exchanges/${batch.batchId}/files/${name}`, USERS.bureau)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200)
    ).body as Buffer;

  const jsonRows = async (batch: BatchBody): Promise<Record<string, unknown>[]> =>
    (await download(batch, 'households.jsonl'))
      .toString('utf8')
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line) => JSON.parse(line) as Record<string, unknown>);

  it('puts exactly the households whose case changed in the batch, ordered by region then household', async () => {
    const rows = await jsonRows(first);
    expect(rows.map((row) => row.householdId)).toEqual([
      households.d.householdId, // 410422 sorts before 410423
      households.a.householdId,
      households.b.householdId,
    ]);
    expect(first.rowCount).toBe(3);
    const rowB = rows.find((row) => row.householdId === households.b.householdId);
    expect(rowB).toMatchObject({
      regionCode: LUSHAN,
      headIdNumber: households.b.members[0].idNumber,
      stage: 'verified',
      category: 'sudden_hardship',
      score: 60,
      riskLevel: 'high',
      verifiedAt: day(3),
      verificationDeadline: 'met',
      assistanceDeadline: 'pending',
      firstAssistanceAt: null,
      measures: '',
    });
  });

  it('starts the next batch where the last ended: changes between them land in the second only', async () => {
    expect(second.sequence).toBe(first.sequence + 1);
    expect(second.fromCheckpoint).toBe(first.toCheckpoint);
    expect(t.store.compareCheckpoints(second.toCheckpoint, first.toCheckpoint)).toBeGreaterThan(0);
    const rows = await jsonRows(second);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      householdId: households.a.householdId,
      stage: 'assisting',
      verifiedAt: day(3),
      firstAssistanceAt: day(12),
      measures: 'medical',
      assistanceCount: 1,
      assistanceAmountFen: 500_000,
      verificationDeadline: 'met',
      assistanceDeadline: 'met',
    });
  });

  it('lists batches newest first', async () => {
    const list = (await t.call('get', '/api/v1/exchanges', USERS.bureau).expect(200)).body as {
      items: BatchBody[];
    };
    expect(list.items.map((batch) => batch.batchId).slice(0, 2)).toEqual([second.batchId, first.batchId]);
  });

  it("records every file's SHA-256 in the manifest and the batch, matching the stored bytes", async () => {
    const manifest = JSON.parse((await download(first, 'manifest.json')).toString('utf8')) as {
      batchId: string;
      rowCount: number;
      log: { fromCheckpoint: string; toCheckpoint: string };
      files: { name: string; size: number; sha256: string }[];
    };
    expect(manifest.batchId).toBe(first.batchId);
    expect(manifest.rowCount).toBe(3);
    expect(manifest.log).toEqual({ fromCheckpoint: first.fromCheckpoint, toCheckpoint: first.toCheckpoint });
    expect(manifest.files.map((file) => file.name)).toEqual([
      'households.jsonl',
      'households.csv',
      'households.xlsx',
    ]);
    for (const file of manifest.files) {
      const bytes = await readFile(join(t.dir, first.batchId, file.name));
      expect({ name: file.name, size: bytes.length, sha256: sha256(bytes) }).toEqual({
        name: file.name,
        size: file.size,
        sha256: file.sha256,
      });
    }
    const manifestBytes = await readFile(join(t.dir, first.batchId, 'manifest.json'));
    expect(first.files.find((file) => file.name === 'manifest.json')?.sha256).toBe(sha256(manifestBytes));
  });

  it('writes a CSV (UTF-8 with BOM) and an XLSX that read back to the same rows as the JSON Lines', async () => {
    const expected = (await jsonRows(first)).map((row) =>
      Object.fromEntries(
        EXCHANGE_COLUMNS.map(({ key, header }) => [header, row[key] === null ? '' : String(row[key])]),
      ),
    );

    const csv = await download(first, 'households.csv');
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const parsed = parse(csv, { bom: true, columns: true, skip_empty_lines: true }) as Record<
      string,
      string
    >[];
    expect(parsed).toEqual(expected);

    const workbook = new ExcelJS.Workbook();
    const xlsx = await download(first, 'households.xlsx');
    await workbook.xlsx.load(
      xlsx.buffer.slice(xlsx.byteOffset, xlsx.byteOffset + xlsx.byteLength) as ArrayBuffer,
    );
    const sheet = workbook.getWorksheet('households');
    if (!sheet) throw new Error('no households sheet');
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(EXCHANGE_COLUMNS.map(({ header: name }) => name));
    const cells: Record<string, string>[] = [];
    sheet.eachRow((row, index) => {
      if (index === 1) return;
      cells.push(
        Object.fromEntries(
          EXCHANGE_COLUMNS.map(({ key, header: name }, column) => {
            const value = row.getCell(column + 1).value;
            if (NUMERIC_COLUMNS.has(key)) expect(typeof value).toBe('number');
            return [name, value === null || value === undefined ? '' : String(value as string | number)];
          }),
        ),
      );
    });
    expect(cells).toEqual(expected);
  });

  it('regenerates a batch byte for byte from the log, although later events touched its households', async () => {
    const report = (
      await t.call('post', `/api/v1/exchanges/${first.batchId}/regeneration`, USERS.admin).expect(200)
    ).body as { identical: boolean; files: { name: string; matches: boolean }[] };
    expect(report.files.map((file) => [file.name, file.matches])).toEqual([
      ['households.jsonl', true],
      ['households.csv', true],
      ['households.xlsx', true],
      ['manifest.json', true],
    ]);
    expect(report.identical).toBe(true);
  });

  it('reports a mismatch when a recorded hash does not match the regenerated file', async () => {
    await t.dataSource.query(
      `UPDATE exchange_batch SET files = jsonb_set(files, '{0,sha256}', '"0000"') WHERE id = $1`,
      [second.batchId],
    );
    const report = (
      await t.call('post', `/api/v1/exchanges/${second.batchId}/regeneration`, USERS.admin).expect(200)
    ).body as { identical: boolean; files: { name: string; matches: boolean }[] };
    expect(report.identical).toBe(false);
    expect(report.files.filter((file) => !file.matches).map((file) => file.name)).toEqual([
      'households.jsonl',
    ]);
  });

  it("serves only the batch's own files and refuses traversal", async () => {
    const base = `/api/v1/exchanges/${first.batchId}/files`;
    await t.call('get', `${base}/secrets.txt`, USERS.bureau).expect(404);
    await t.call('get', `${base}/..%2F..%2Fetc%2Fpasswd`, USERS.bureau).expect(400);
    await t.call('get', `${base}/..`, USERS.bureau).expect(400);
    await t.call('get', `/api/v1/exchanges/not-a-uuid/files/manifest.json`, USERS.bureau).expect(400);
    await t
      .call('get', `/api/v1/exchanges/0b5c1c9e-8f0e-4a43-9d57-0e4a1f0d2a11/files/manifest.json`, USERS.bureau)
      .expect(404);
    const csv = await t.call('get', `${base}/households.csv`, USERS.admin).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toBe('attachment; filename="households.csv"');
  });

  it('lets the bureau acknowledge a batch; the first acknowledgement stands', async () => {
    const acked = (
      await t.call('post', `/api/v1/exchanges/${first.batchId}/acknowledgement`, USERS.bureau).expect(200)
    ).body as BatchBody;
    expect(acked.acknowledgedBy).toBe(USERS.bureau.sub);
    expect(acked.acknowledgedAt).toBe(t.clock.now().toISOString());
    t.clock.advance(60_000);
    const again = (
      await t.call('post', `/api/v1/exchanges/${first.batchId}/acknowledgement`, USERS.admin).expect(200)
    ).body as BatchBody;
    expect(again.acknowledgedBy).toBe(USERS.bureau.sub);
    expect(again.acknowledgedAt).toBe(acked.acknowledgedAt);
    await t
      .call('post', `/api/v1/exchanges/0b5c1c9e-8f0e-4a43-9d57-0e4a1f0d2a11/acknowledgement`, USERS.bureau)
      .expect(404);
  });

  it('admits only the bureau and admins (regeneration: admins only)', async () => {
    const base = `/api/v1/exchanges/${first.batchId}`;
    await t.call('get', '/api/v1/exchanges').expect(401);
    for (const user of [USERS.provinceStaff, USERS.countyOfficer, USERS.ingest]) {
      await t.call('get', '/api/v1/exchanges', user).expect(403);
      await t.call('post', '/api/v1/exchanges', user).expect(403);
      await t.call('get', `${base}/files/manifest.json`, user).expect(403);
      await t.call('post', `${base}/acknowledgement`, user).expect(403);
      await t.call('post', `${base}/regeneration`, user).expect(403);
    }
    await t.call('post', `${base}/regeneration`, USERS.bureau).expect(403);
  });

  it('never lets two runs at once overlap: the second follows the first', async () => {
    await t.decide(households.c.householdId, open(households.c.householdId, LUSHAN));
    const service = t.app.get(ExchangeBatchService);
    const [x, y] = await Promise.all([service.run('test-x'), service.run('test-y')]);
    const [earlier, later] = x.sequence < y.sequence ? [x, y] : [y, x];
    expect(later.sequence).toBe(earlier.sequence + 1);
    expect(later.fromCheckpoint).toBe(earlier.toCheckpoint);
    expect(earlier.rowCount + later.rowCount).toBe(1);
  });

  it('registers the weekly job scheduler with the configured cron and time zone', async () => {
    const queue = new Queue(EXCHANGE_QUEUE, {
      connection: bullConnection(TEST_REDIS_URL),
      prefix: t.redisPrefix,
    });
    try {
      // Registered in the background at start-up, so a process can start while Redis is down.
      let schedulers = await queue.getJobSchedulers();
      for (let tries = 0; schedulers.length === 0 && tries < 200; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        schedulers = await queue.getJobSchedulers();
      }
      expect(schedulers.map(({ key, pattern, tz }) => ({ key, pattern, tz }))).toEqual([
        { key: 'weekly-exchange', pattern: '30 3 * * 2', tz: 'Asia/Urumqi' },
      ]);
    } finally {
      await queue.close();
    }
  });
});
