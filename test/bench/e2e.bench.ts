/**
 * End-to-end benchmark: `node dist/test/bench/e2e.bench.js [--records N | --households H]
 * [--steady-seconds S] [--rate R] [--batch B] [--in-flight F] [--topology services|all-in-one]
 * [--json FILE]` (`npm run bench` runs it after the parts).
 *
 * On a fresh database and Redis key prefix, the system runs as child processes: by default as it is
 * deployed (docker-compose), the ingest and the monitor applications each in its own process
 * (`--topology services`); with `--topology all-in-one`, `npm start`'s single process. This process
 * plays the departments with the synthetic province (libs/synthetic):
 * 1. bulk: the first N records (default 1,000,000 claim, income and registry records; with
 *    `--households H`, 30 per household) are written to a file before the clock starts (the
 *    departments' systems produce them, not the system measured), then posted from it to
 *    `POST /api/v1/ingest/{topic}` in batches of B as fast as ingest takes them (F requests in flight,
 *    default 2, as departments post side by side: one request is validated while another is
 *    appended), while the projector works; timed from the first request until
 *    `GET /api/v1/health/projections` reports no lag (every case visible). Each child's resident memory
 *    is sampled throughout (VmRSS) and its peak read at the end (VmHWM);
 * 2. steady: the next records arrive at R records/s (default 1,000) for S seconds; for every case opened,
 *    the time from the append of the record that crossed the threshold to the case being visible in
 *    the read model (see support/case-visibility.ts).
 * The last line is `e2e: <n> rec/s, 1M records in <s> s, case p99 <m> ms`.
 */
import { randomBytes } from 'node:crypto';
import { open, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { DEVELOPMENT_JWT_SECRET } from '@monitoring/config';
import { isSourceTopic, SOURCE_TOPICS, type SourceTopic } from '@monitoring/domain';
import { ProvinceGenerator, type ProvinceLine } from '@monitoring/synthetic';
import Redis from 'ioredis';
import { Pool } from 'pg';
import { DemoApi, demoUsers } from '../../apps/all-in-one/src/demo/demo-api';
import { demoUntil } from '../../apps/all-in-one/src/demo/demo-options';
import { feedOverHttp, recordText, type FeedLine } from '../../apps/all-in-one/src/demo/province-feed';
import { waitForProjections } from '../../apps/all-in-one/src/demo/projection-wait';
import { readLines } from '../../apps/ingest/src/files/line-reader';
import { AppProcess, postgresCpuSeconds, type AppName } from './support/app-process';
import { CaseVisibilityWatcher, percentile, POLL_MS } from './support/case-visibility';
import { admin } from './support/postgres-admin';

interface Options {
  records: number;
  steadySeconds: number;
  rate: number;
  batch: number;
  /** Ingest requests in flight at once. */
  inFlight: number;
  topology: Topology;
  json?: string;
  adminUrl: string;
  redisUrl: string;
}

/** How the system runs: one process per application as deployed, or `npm start`'s single process. */
type Topology = 'services' | 'all-in-one';
const TOPOLOGIES: readonly Topology[] = ['services', 'all-in-one'];

/** What the e2e run found (also written with --json for the runner). */
export interface E2eFigures {
  topology: Topology;
  records: number;
  households: number;
  ingestSeconds: number;
  ingestRate: number;
  /** From the first request until the projections caught up: the last case visible. */
  lastCaseVisibleSeconds: number;
  endToEndRate: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  /** The processes' peak resident memory, added up. */
  peakRssMiB: number;
  /** Resident memory (all processes) at each quarter of the bulk feed: flat when memory does not grow with the province. */
  rssMiBByQuarter: number[];
  /** Each process's peak resident memory. */
  processes: { app: string; peakRssMiB: number }[];
  /** CPU seconds each part used from the first record until the last case was visible. */
  bulkCpuSeconds: Record<string, number>;
  steady: {
    seconds: number;
    rate: number;
    achievedRate: number;
    cases: number;
    p50Ms: number | null;
    p99Ms: number | null;
    maxMs: number | null;
    pollMs: number;
  };
}

const RECORDS_PER_HOUSEHOLD = 30;
const PROVINCE = '41';

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const steadyRecords = options.steadySeconds * options.rate;
  // Sized so that the bulk and the steady phase both find enough records, with room for the variation.
  const households = Math.ceil(((options.records + steadyRecords) / RECORDS_PER_HOUSEHOLD) * 1.15) + 20;
  const run = randomBytes(4).toString('hex');
  const database = `bench_e2e_${run}`;
  const databaseUrl = withDatabase(options.adminUrl, database);
  const redisPrefix = `bench-e2e-${run}`;
  const bulkFile = join(tmpdir(), `bench-e2e-${run}.records`);
  console.log(
    `e2e: ${options.records.toLocaleString('en-US')} records (a province of ${households.toLocaleString('en-US')} households, ` +
      `seed bench-e2e), batches of ${options.batch} over HTTP; then ${options.steadySeconds} s at ${options.rate} records/s; ` +
      `${options.topology === 'services' ? 'ingest and monitor each in its own process' : 'all in one process'}; database ${database}`,
  );

  await admin(options.adminUrl, `CREATE DATABASE "${database}"`);
  const system = new RunningSystem();
  const pool = new Pool({ connectionString: databaseUrl, max: 2 });
  try {
    const { ingest, monitor } = await system.start(options.topology, {
      DATABASE_URL: databaseUrl,
      REDIS_URL: options.redisUrl,
      REDIS_PREFIX: redisPrefix,
      LOG_LEVEL: 'error',
      AUTH_JWT_SECRET: DEVELOPMENT_JWT_SECRET,
      NODE_ENV: 'development',
      EXCHANGE_DIR: join(tmpdir(), `bench-e2e-${run}`),
      INGEST_MAX_RECORDS: String(Math.max(options.batch, 5_000)),
      RATE_LIMIT_INGEST_PER_MINUTE: '0',
      RATE_LIMIT_READS_PER_MINUTE: '0',
    });
    const ingestApi = new DemoApi(ingest.baseUrl, DEVELOPMENT_JWT_SECRET);
    const monitorApi = new DemoApi(monitor.baseUrl, DEVELOPMENT_JWT_SECRET);
    const staff = demoUsers.staff(PROVINCE);
    const province = new ProvinceGenerator({ households, seed: 'bench-e2e', until: demoUntil(new Date()) });
    const lines = province.stream();
    const written = performance.now();
    await writeRecordsFile(lines, options.records, bulkFile);
    console.log(
      `e2e: the first ${options.records.toLocaleString('en-US')} records written to ${bulkFile} in ` +
        `${((performance.now() - written) / 1000).toFixed(1)} s (untimed)`,
    );

    // 1. Bulk.
    const rss: number[] = [];
    const quarters = [1, 2, 3, 4].map((quarter) => Math.floor((options.records * quarter) / 4));
    let peakSampled = 0;
    const sampler = setInterval(() => {
      void system
        .rssMiB()
        .then((rssMiB) => (peakSampled = Math.max(peakSampled, rssMiB)))
        .catch(() => undefined);
    }, 1_000);
    const cpuAtStart = await system.cpuSeconds();
    const started = performance.now();
    let lastReport = 0;
    const feed = await feedOverHttp(ingestApi, PROVINCE, readRecordsFile(bulkFile), {
      batchSize: options.batch,
      inFlight: options.inFlight,
      onProgress: (tally) => {
        while (quarters.length > 0 && tally.lines >= (quarters[0] ?? Infinity)) {
          quarters.shift();
          void system.rssMiB().then((rssMiB) => rss.push(Math.round(rssMiB)));
        }
        if (tally.elapsedMs - lastReport >= 10_000) {
          lastReport = tally.elapsedMs;
          console.error(`e2e: ${tally.lines} of ${options.records} records ingested`);
        }
      },
    });
    const ingestSeconds = (performance.now() - started) / 1000;
    console.log(
      `ingest: ${feed.lines} records in ${ingestSeconds.toFixed(1)} s = ${Math.round(feed.lines / ingestSeconds)} rec/s ` +
        `(accepted ${feed.accepted}, duplicates ${feed.duplicates}, rejected ${feed.rejected})`,
    );
    await waitForProjections(monitorApi, staff, (lag) => console.error(`e2e: ${lag} events to project`));
    const visibleSeconds = (performance.now() - started) / 1000;
    const cpuAtEnd = await system.cpuSeconds();
    const bulkCpuSeconds = Object.fromEntries(
      Object.entries(cpuAtEnd).map(([part, seconds]) => [part, round(seconds - (cpuAtStart[part] ?? 0), 1)]),
    );
    console.log(
      `cpu from the first record to the last case: ${Object.entries(bulkCpuSeconds)
        .map(([part, seconds]) => `${part} ${seconds} s`)
        .join(', ')}; ` +
        `${cpus().length} cores × ${visibleSeconds.toFixed(1)} s = ${(cpus().length * visibleSeconds).toFixed(0)} s available`,
    );
    clearInterval(sampler);
    rss.push(Math.round(await system.rssMiB()));
    const cases = await countCases(pool);
    console.log(
      `projection caught up ${(visibleSeconds - ingestSeconds).toFixed(1)} s after the last record: ` +
        `${cases} cases visible ${visibleSeconds.toFixed(1)} s after the first record = ${Math.round(feed.lines / visibleSeconds)} rec/s end to end`,
    );

    // 2. Steady.
    const since = await databaseNow(pool);
    const watcher = new CaseVisibilityWatcher(pool, since);
    watcher.start();
    const steady = await feedSteadily(ingestApi, lines, options.rate, options.steadySeconds);
    await waitForProjections(monitorApi, staff);
    await watcher.stop();
    const latencies = watcher.latenciesMs;
    const peaks = await system.peakRssMiB();
    const peakTotal = peaks.reduce((sum, peak) => sum + peak.peakRssMiB, 0);

    const figures: E2eFigures = {
      topology: options.topology,
      records: feed.lines,
      households,
      ingestSeconds: round(ingestSeconds, 1),
      ingestRate: Math.round(feed.lines / ingestSeconds),
      lastCaseVisibleSeconds: round(visibleSeconds, 1),
      endToEndRate: Math.round(feed.lines / visibleSeconds),
      accepted: feed.accepted,
      duplicates: feed.duplicates,
      rejected: feed.rejected,
      peakRssMiB: Math.round(Math.max(peakTotal, peakSampled)),
      rssMiBByQuarter: rss.slice(0, 4),
      processes: peaks.map(({ app, peakRssMiB }) => ({ app, peakRssMiB: Math.round(peakRssMiB) })),
      bulkCpuSeconds,
      steady: {
        seconds: options.steadySeconds,
        rate: options.rate,
        achievedRate: Math.round(steady.sent / steady.seconds),
        cases: latencies.length,
        p50Ms: roundOrNull(percentile(latencies, 50)),
        p99Ms: roundOrNull(percentile(latencies, 99)),
        maxMs: roundOrNull(latencies.length > 0 ? Math.max(...latencies) : null),
        pollMs: POLL_MS,
      },
    };
    console.log(
      `steady: ${steady.sent} records in ${steady.seconds.toFixed(1)} s (${figures.steady.achievedRate} rec/s), ` +
        `${latencies.length} cases opened: visible after p50 ${figures.steady.p50Ms ?? 'n/a'} ms, ` +
        `p99 ${figures.steady.p99Ms ?? 'n/a'} ms, max ${figures.steady.maxMs ?? 'n/a'} ms (polled every ${POLL_MS} ms)`,
    );
    console.log(
      `memory: peak RSS ${figures.processes.map(({ app, peakRssMiB }) => `${app} ${peakRssMiB} MiB`).join(', ')}; ` +
        `RSS of all at each quarter of the bulk ${figures.rssMiBByQuarter.join(', ')} MiB`,
    );
    if (options.json) await writeFile(options.json, `${JSON.stringify(figures, null, 2)}\n`);
    console.log(e2eLine(figures));
  } finally {
    await system.stop();
    await pool.end();
    await admin(options.adminUrl, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await clearPrefix(options.redisUrl, redisPrefix);
    await rm(bulkFile, { force: true });
  }
}

/** The system's processes: where records are posted (ingest) and projections are watched (monitor). */
class RunningSystem {
  private readonly processes: AppProcess[] = [];

  async start(
    topology: Topology,
    env: Record<string, string>,
  ): Promise<{ ingest: AppProcess; monitor: AppProcess }> {
    if (topology === 'all-in-one') {
      const all = await this.launch('all-in-one', env);
      return { ingest: all, monitor: all };
    }
    // One after the other: each applies its own migrations at start.
    const ingest = await this.launch('ingest', env);
    const monitor = await this.launch('monitor', env);
    return { ingest, monitor };
  }

  /** CPU seconds used so far by each process, this one (records file and HTTP client) and PostgreSQL. */
  async cpuSeconds(): Promise<Record<string, number>> {
    const seconds: Record<string, number> = {};
    for (const child of this.processes) seconds[child.app] = await child.cpuSeconds();
    const own = process.cpuUsage();
    seconds['bench (records file, HTTP client)'] = (own.user + own.system) / 1e6;
    seconds.PostgreSQL = await postgresCpuSeconds();
    return seconds;
  }

  /** Resident memory of all the processes now, in MiB. */
  async rssMiB(): Promise<number> {
    const memories = await Promise.all(this.processes.map((child) => child.memory()));
    return memories.reduce((sum, memory) => sum + memory.rssMiB, 0);
  }

  async peakRssMiB(): Promise<{ app: string; peakRssMiB: number }[]> {
    return Promise.all(
      this.processes.map(async (child) => ({ app: child.app, peakRssMiB: (await child.memory()).peakMiB })),
    );
  }

  async stop(): Promise<void> {
    await Promise.all(this.processes.map((child) => child.stop()));
  }

  private async launch(app: AppName, env: Record<string, string>): Promise<AppProcess> {
    const child = await AppProcess.start(app, env);
    this.processes.push(child);
    return child;
  }
}

/** `e2e: <n> rec/s, 1M records in <s> s, case p99 <m> ms` */
export function e2eLine(figures: E2eFigures): string {
  const records = figures.records === 1_000_000 ? '1M' : String(figures.records);
  const p99 = figures.steady.p99Ms === null ? 'n/a' : `${figures.steady.p99Ms} ms`;
  return `e2e: ${figures.endToEndRate} rec/s, ${records} records in ${figures.lastCaseVisibleSeconds} s, case p99 ${p99}`;
}

/** Writes the first `count` lines of the province to `file`, each as `<topic>\t<record text>`. */
async function writeRecordsFile(
  lines: AsyncIterator<ProvinceLine>,
  count: number,
  file: string,
): Promise<void> {
  const handle = await open(file, 'w');
  try {
    let chunk: string[] = [];
    for (let taken = 0; taken < count; taken += 1) {
      const next = await lines.next();
      if (next.done === true) throw new Error(`the province ran out after ${taken} records`);
      // Record texts are JSON: never a raw line break in them.
      chunk.push(`${next.value.topic}\t${recordText(next.value)}\n`);
      if (chunk.length === 10_000) {
        await handle.write(chunk.join(''));
        chunk = [];
      }
    }
    await handle.write(chunk.join(''));
  } finally {
    await handle.close();
  }
}

/** The lines `writeRecordsFile` wrote, streamed back in order. */
async function* readRecordsFile(file: string): AsyncGenerator<FeedLine> {
  for await (const { text, number } of readLines(file).lines) {
    const tab = text.indexOf('\t');
    const topic = text.slice(0, tab);
    if (!isSourceTopic(topic)) throw new Error(`${file}:${number}: no topic`);
    yield { topic, line: text.slice(tab + 1) };
  }
}

/** Every 100 ms, the records due by then at `rate` per second, each feed's in one request. */
async function feedSteadily(
  api: DemoApi,
  lines: AsyncIterator<ProvinceLine>,
  rate: number,
  seconds: number,
): Promise<{ sent: number; seconds: number }> {
  const user = demoUsers.feed(PROVINCE);
  const total = rate * seconds;
  const started = performance.now();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) * rate) / 1000));
    const batch: Record<SourceTopic, string[]> = { registry: [], income: [], claims: [] };
    for (; sent < due; sent += 1) {
      const next = await lines.next();
      if (next.done === true) throw new Error('the province ran out during the steady phase');
      const line = next.value;
      batch[line.topic].push(recordText(line));
    }
    for (const topic of SOURCE_TOPICS) {
      if (batch[topic].length > 0) {
        await api.postText(`/ingest/${topic}`, user, `{"records":[${batch[topic].join(',')}]}`);
      }
    }
    await sleep(100);
  }
  return { sent, seconds: (performance.now() - started) / 1000 };
}

async function countCases(pool: Pool): Promise<number> {
  const { rows } = await pool.query<{ count: number }>('SELECT count(*)::int AS count FROM monitoring_case');
  return rows[0]?.count ?? 0;
}

async function databaseNow(pool: Pool): Promise<Date> {
  const { rows } = await pool.query<{ now: Date }>('SELECT clock_timestamp() AS now');
  return rows[0]?.now ?? new Date();
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));
const roundOrNull = (value: number | null) => (value === null ? null : Math.round(value));

function withDatabase(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function clearPrefix(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      records: { type: 'string' },
      households: { type: 'string' },
      'steady-seconds': { type: 'string' },
      rate: { type: 'string' },
      batch: { type: 'string' },
      'in-flight': { type: 'string' },
      topology: { type: 'string' },
      json: { type: 'string' },
      'admin-url': { type: 'string' },
    },
  });
  const whole = (name: string, text: string | undefined): number | undefined => {
    if (text === undefined) return undefined;
    const value = Number(text.replaceAll('_', '').replaceAll(',', ''));
    if (!Number.isSafeInteger(value) || value < 1)
      throw new Error(`--${name} must be a positive whole number`);
    return value;
  };
  const households = whole('households', values.households);
  const records = whole('records', values.records);
  if (households !== undefined && records !== undefined)
    throw new Error('give --records or --households, not both');
  const topology = (values.topology ?? 'services') as Topology;
  if (!TOPOLOGIES.includes(topology)) throw new Error(`--topology must be one of ${TOPOLOGIES.join(', ')}`);
  return {
    records: records ?? (households !== undefined ? households * RECORDS_PER_HOUSEHOLD : 1_000_000),
    steadySeconds: whole('steady-seconds', values['steady-seconds']) ?? 30,
    rate: whole('rate', values.rate) ?? 1_000,
    batch: whole('batch', values.batch) ?? 5_000,
    inFlight: whole('in-flight', values['in-flight']) ?? 2,
    topology,
    json: values.json,
    adminUrl:
      values['admin-url'] ??
      process.env.TEST_DATABASE_ADMIN_URL ??
      'postgres://postgres@127.0.0.1:5432/postgres',
    redisUrl: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
  };
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  });
}
