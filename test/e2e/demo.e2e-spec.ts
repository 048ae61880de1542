import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@monitoring/config';
import { createRedisPrefix, createTestDatabase, type TestDatabase } from '@monitoring/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { demoUntil } from '../../apps/all-in-one/src/demo/demo-options';
import { printSummary } from '../../apps/all-in-one/src/demo/demo-summary';
import { runDemo, type DemoResult } from '../../apps/all-in-one/src/demo/run-demo';

/**
 * `npm run demo`'s flow at a tiny size, in this process: a province of 150 households through HTTP
 * ingest, the projections, county officers, two clock jumps with the deadline sweep, the weekly exchange.
 * The figures must agree with one another and with what the generator says it wrote.
 */
describe('the demo', () => {
  let db: TestDatabase;
  const redis = createRedisPrefix('demo');
  let exchangeDir: string;
  let app: NestExpressApplication | undefined;
  let result: DemoResult;
  const lines: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('demo');
    exchangeDir = await mkdtemp(join(tmpdir(), 'demo-exchange-'));
    const config = loadConfig({
      DATABASE_URL: db.url,
      REDIS_PREFIX: redis.prefix,
      PORT: '0',
      LOG_LEVEL: 'silent',
      EXCHANGE_DIR: exchangeDir,
      RATE_LIMIT_INGEST_PER_MINUTE: '0',
      RATE_LIMIT_READS_PER_MINUTE: '0',
    });
    ({ app, result } = await runDemo({
      config,
      province: { households: 150, seed: 'demo-e2e', until: demoUntil(new Date()) },
      output: { say: (line = '') => void lines.push(line) },
      batchSize: 1_000,
    }));
  }, 300_000);

  afterAll(async () => {
    await app?.close();
    await redis.cleanup();
    await db?.drop();
    if (exchangeDir) await rm(exchangeDir, { recursive: true, force: true });
  });

  it('ingests every line once: re-deliveries as duplicates, malformed records rejected with a reason', () => {
    const { feed, province } = result;
    expect(feed.path).toBe('http');
    expect(feed.lines).toBe(province.totalLines);
    expect(feed.byTopic).toEqual(province.linesByTopic);
    expect(feed.accepted + feed.duplicates + feed.rejected).toBe(feed.lines);
    expect(feed.duplicates).toBe(province.duplicates);
    expect(feed.rejected).toBe(province.malformed.total);
  });

  it('assesses every household and opens cases for those at risk', () => {
    const { households, cases } = result.stats.region;
    expect(households.total).toBe(150);
    const byCategory = Object.values(households.byCategory).reduce((sum, value) => sum + value, 0);
    expect(byCategory).toBe(150);
    expect(result.openCasesAfterFeed).toBeGreaterThan(3);
    expect(cases.total).toBe(result.openCasesAfterFeed);
  });

  it('leaves the cases in the stages the officers took them to', () => {
    const { officers } = result;
    const { byStage } = result.stats.region.cases;
    expect(officers.cases).toBe(result.openCasesAfterFeed);
    expect(officers.confirmed + officers.dismissed + officers.leftAlone).toBe(officers.cases);
    expect(officers.leftAlone).toBeGreaterThan(0);
    expect(officers.assisted).toBeGreaterThan(0);
    expect(byStage.open ?? 0).toBe(officers.leftAlone);
    expect(byStage.dismissed ?? 0).toBe(officers.dismissed);
    expect(byStage.assisting ?? 0).toBe(officers.assisted);
    expect(byStage.verified ?? 0).toBe(officers.confirmed - officers.assisted);
  });

  it('records the deadlines the clock moved past, and escalates the cases nobody visited', () => {
    const { officers, deadlines } = result;
    const figures = result.stats.region.deadlines;
    const [aWeek, aMonth] = deadlines;
    // A week on: one missed visit per case left alone.
    expect(aWeek?.sweep).toMatchObject({ appended: officers.leftAlone, failed: 0 });
    // A month on: the missed assistance of every case without it, and two escalations per unvisited case.
    const withoutAssistance = officers.confirmed - officers.assisted + officers.leftAlone;
    expect(aMonth?.sweep).toMatchObject({ appended: withoutAssistance + 2 * officers.leftAlone, failed: 0 });
    expect(figures.verification.due - figures.verification.metInTime).toBe(officers.leftAlone);
    expect(figures.assistance.due - figures.assistance.metInTime).toBe(withoutAssistance);
    expect(figures.escalated.province).toBe(officers.leftAlone);
    expect(figures.overdueNow).toBe(withoutAssistance);
  });

  it('writes the weekly exchange of every household whose case changed', async () => {
    const { exchange } = result;
    expect(exchange.rowCount).toBe(result.openCasesAfterFeed);
    expect(exchange.files.map((file) => file.name).sort()).toEqual(
      ['households.csv', 'households.jsonl', 'households.xlsx', 'manifest.json'].sort(),
    );
    for (const file of exchange.files) {
      expect(file.path.startsWith(exchangeDir)).toBe(true);
      expect((await stat(file.path)).size).toBe(file.size);
    }
  });

  it('prints a summary with the API docs and a token that the API accepts', async () => {
    printSummary(result, { say: (line = '') => void lines.push(line) });
    const printed = lines.join('\n');
    expect(printed).toContain(`API docs: ${result.docsUrl}`);
    expect(printed).toContain(`export TOKEN=${result.token}`);
    const response = await fetch(`${result.baseUrl}/cases?limit=1`, {
      headers: { authorization: `Bearer ${result.token}` },
    });
    expect(response.status).toBe(200);
    const docs = await fetch(result.docsUrl);
    expect(docs.status).toBe(200);
    await docs.body?.cancel();
  });
});
