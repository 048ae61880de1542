/**
 * Projection benchmark: `npm run bench:projection -- [--events N | --households H] [--steady-seconds S]
 * [--rate R] [--batch B]`.
 *
 * On its own fresh database (dropped at the end):
 * 1. untimed: a synthetic province's source records (libs/synthetic) are parsed as ingest parses them
 *    and appended with `appendMany`, until the log holds N household events;
 * 2. timed: the monitor's projector projects that existing log from position zero (risk read model,
 *    process manager opening cases, case read model), until it has caught up, its own case events
 *    included;
 * 3. steady: more of the province is appended at R events/s for S seconds while the projector runs;
 *    for every case opened, the time from the append of the claim (or other record) that crossed the
 *    threshold to the commit that made the case visible.
 * The last line is `projection: <n> ev/s, case latency p99 <m> ms`.
 */
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  defaultPolicyDocuments,
  householdStreamId,
  parseSourceRecord,
  type HouseholdEvent,
} from '@monitoring/domain';
import { PostgresEventStore, type NewEvent } from '@monitoring/event-store';
import { SystemClock } from '@monitoring/platform/clock';
import { ProvinceGenerator, type ProvinceLine } from '@monitoring/synthetic';
import { DEFAULT_PROJECTION_BATCH_SIZE } from '../../apps/monitor/src/projection.options';
import { RiskToCaseProcessManager } from '../../apps/monitor/src/process-manager/risk-to-case.process-manager';
import { LiveProjector, type CommittedBatch } from '../../apps/monitor/src/projections/live.projector';
import { MONITOR_ENTITIES, MONITOR_MIGRATIONS } from '../../apps/monitor/src/read-models';
import { admin } from './support/postgres-admin';

interface Options {
  events: number;
  households: number | null;
  steadySeconds: number;
  rate: number;
  batch: number;
  adminUrl: string;
}

/** Household events per synthetic household, about (DESIGN: ~30 records each). */
const EVENTS_PER_HOUSEHOLD = 28;
const APPEND_CHUNK = 2_000;
const STEADY_TICK_MS = 50;

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const databaseName = `bench_projection_${randomBytes(4).toString('hex')}`;
  const url = new URL(options.adminUrl);
  url.pathname = `/${databaseName}`;
  const databaseUrl = url.toString();
  const steadyEvents = options.steadySeconds * options.rate;
  const households =
    options.households ?? Math.ceil(((options.events + steadyEvents) / EVENTS_PER_HOUSEHOLD) * 1.1);

  await admin(options.adminUrl, `CREATE DATABASE "${databaseName}"`);
  const store = await PostgresEventStore.open({
    connectionString: databaseUrl,
    poolSize: 6,
    pollIntervalMs: 500,
  });
  const dataSource = new DataSource({
    type: 'postgres',
    url: databaseUrl,
    entities: MONITOR_ENTITIES,
    migrations: MONITOR_MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    extra: { max: 6 },
  });
  let projector: LiveProjector | undefined;
  try {
    await dataSource.initialize();
    await dataSource.runMigrations();
    const generator = new ProvinceGenerator({ households, seed: 'bench-projection' });
    const feed = new ProvinceFeed(generator);

    // 1. The existing log (untimed): N events, or every event of the first H households.
    const loadStarted = process.hrtime.bigint();
    const bulkHouseholds = options.households;
    const bulk = await appendFromProvince(store, feed, (appended) =>
      bulkHouseholds === null ? appended < options.events : generator.householdsDone <= bulkHouseholds,
    );
    console.log(
      `log: ${bulk} household events of ${households} synthetic households appended in ${seconds(loadStarted).toFixed(1)} s ` +
        `(untimed); database ${databaseName}`,
    );

    // 2. Project the existing log from zero.
    const openedAt = new Map<string, number>();
    const appendedAt = new Map<string, number>();
    const caseLatencies: number[] = [];
    const visibleLatencies: number[] = [];
    let casesOpened = 0;
    const onCommitted = ({ events, summary }: CommittedBatch) => {
      const committedAt = performance.now();
      for (const event of events) {
        const sent = appendedAt.get(event.eventId);
        if (sent !== undefined) visibleLatencies.push(committedAt - sent);
      }
      for (const event of summary.decided) {
        if (event.type !== 'CaseOpened' || openedAt.has(event.data.caseId)) continue;
        openedAt.set(event.data.caseId, committedAt);
        casesOpened += 1;
        const sent = appendedAt.get(event.data.triggerEventIds[0]);
        if (sent !== undefined) caseLatencies.push(committedAt - sent);
      }
    };
    projector = new LiveProjector(
      {
        dataSource,
        store,
        clock: new SystemClock(),
        documents: defaultPolicyDocuments,
        processManager: new RiskToCaseProcessManager(store),
      },
      { autoStart: false, batchSize: options.batch, restartDelayMs: 200, onCommitted },
    );
    const projectStarted = process.hrtime.bigint();
    projector.start();
    await projector.waitUntilCaughtUp(60 * 60_000);
    const projectSeconds = seconds(projectStarted);
    const rate = bulk / projectSeconds;
    const logSize = (await store.position()).lag;
    console.log(
      `projected ${bulk} household events (${logSize} log events with the ${logSize - bulk} case events it appended; ` +
        `${casesOpened} cases opened) in ${projectSeconds.toFixed(1)} s: ${Math.round(rate)} ev/s`,
    );

    // 3. Steady load: append at the given rate while the projector runs.
    const steady = collectFromProvince(feed, steadyEvents);
    const steadyStarted = performance.now();
    const perTick = Math.max(1, Math.round((options.rate * STEADY_TICK_MS) / 1_000));
    let sent = 0;
    for (let tick = 0; sent < steady.length; tick += 1) {
      const due = steadyStarted + tick * STEADY_TICK_MS;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const chunk = steady.slice(sent, sent + perTick);
      const now = performance.now();
      for (const event of chunk) appendedAt.set(event.eventId, now);
      await store.appendMany(groupByStream(chunk));
      sent += chunk.length;
    }
    const steadySeconds = (performance.now() - steadyStarted) / 1_000;
    await projector.waitUntilCaughtUp(10 * 60_000);
    const caseP50 = percentile(caseLatencies, 50);
    const caseP99 = percentile(caseLatencies, 99);
    console.log(
      `steady: ${sent} events in ${steadySeconds.toFixed(1)} s (${Math.round(sent / steadySeconds)} ev/s); ` +
        `${caseLatencies.length} cases opened: append to case visible p50 ${caseP50.toFixed(0)} ms, p99 ${caseP99.toFixed(0)} ms; ` +
        `every event append to risk visible p50 ${percentile(visibleLatencies, 50).toFixed(0)} ms, ` +
        `p99 ${percentile(visibleLatencies, 99).toFixed(0)} ms`,
    );
    if (caseLatencies.length === 0)
      console.log('steady: no case opened during the steady phase; raise --steady-seconds');
    console.log(`projection: ${Math.round(rate)} ev/s, case latency p99 ${caseP99.toFixed(0)} ms`);
  } finally {
    await projector?.stop();
    if (dataSource.isInitialized) await dataSource.destroy();
    await store.close();
    await admin(options.adminUrl, `DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
  }
}

/** The province's records parsed as ingest parses them; malformed and rejected ones never reach the log. */
class ProvinceFeed {
  private readonly lines: Generator<ProvinceLine>;
  private held: HouseholdEvent | null = null;

  constructor(private readonly generator: ProvinceGenerator) {
    this.lines = generator.lines();
  }

  next(): HouseholdEvent | null {
    if (this.held !== null) {
      const event = this.held;
      this.held = null;
      return event;
    }
    for (let next = this.lines.next(); !next.done; next = this.lines.next()) {
      let raw: unknown;
      try {
        raw = JSON.parse(next.value.line);
      } catch {
        continue;
      }
      const parsed = parseSourceRecord(next.value.topic, raw, { now: this.generator.options.until });
      if (parsed.ok) return parsed.event;
    }
    return null;
  }

  /** Gives an event back: the next call returns it again. */
  holdBack(event: HouseholdEvent): void {
    this.held = event;
  }
}

/** Appends the province's records in delivery order while `more(appended)` holds. */
async function appendFromProvince(
  store: PostgresEventStore,
  feed: ProvinceFeed,
  more: (appended: number) => boolean,
): Promise<number> {
  let appended = 0;
  let chunk: HouseholdEvent[] = [];
  const flush = async () => {
    if (chunk.length === 0) return;
    const results = await store.appendMany(groupByStream(chunk));
    appended += results.reduce(
      (sum, result) => sum + result.events.filter((e) => e.status === 'appended').length,
      0,
    );
    chunk = [];
  };
  for (let event = feed.next(); event !== null; event = feed.next()) {
    if (!more(appended + chunk.length)) {
      feed.holdBack(event);
      break;
    }
    chunk.push(event);
    if (chunk.length >= APPEND_CHUNK) await flush();
  }
  await flush();
  return appended;
}

function collectFromProvince(feed: ProvinceFeed, count: number): HouseholdEvent[] {
  const events: HouseholdEvent[] = [];
  const seen = new Set<string>();
  for (let event = feed.next(); event !== null && events.length < count; event = feed.next()) {
    // A re-delivery would be appended as a duplicate: it adds nothing to measure.
    if (seen.has(event.eventId)) continue;
    seen.add(event.eventId);
    events.push(event);
  }
  return events;
}

/** One append per stream, in order, all in one atomic call (as ingest appends a batch). */
function groupByStream(events: readonly HouseholdEvent[]) {
  const byStream = new Map<string, NewEvent[]>();
  for (const event of events) {
    const streamId = householdStreamId(event.data.householdId);
    const list = byStream.get(streamId);
    if (list) list.push(event);
    else byStream.set(streamId, [event]);
  }
  return [...byStream].map(([streamId, streamEvents]) => ({
    streamId,
    events: streamEvents,
    expectedVersion: 'any' as const,
  }));
}

function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function seconds(since: bigint): number {
  return Number(process.hrtime.bigint() - since) / 1e9;
}

function parseOptions(args: string[]): Options {
  const options: Options = {
    events: 500_000,
    households: null,
    steadySeconds: 30,
    rate: 1_000,
    // The monitor's own default, so that the figure is the projector's as it runs.
    batch: DEFAULT_PROJECTION_BATCH_SIZE,
    adminUrl: process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  };
  const usage =
    'usage: projection.bench [--events N | --households H] [--steady-seconds S] [--rate R] [--batch B] [--admin-url URL]';
  for (let index = 0; index < args.length; index += 2) {
    const [flag, value] = [args[index], args[index + 1]];
    if (flag === '--admin-url' && value) {
      options.adminUrl = value;
      continue;
    }
    const parsed = Number(value?.replaceAll('_', ''));
    if (!Number.isSafeInteger(parsed) || parsed < 1) throw new Error(`${usage}; bad ${flag} ${value ?? ''}`);
    if (flag === '--events') options.events = parsed;
    else if (flag === '--households') options.households = parsed;
    else if (flag === '--steady-seconds') options.steadySeconds = parsed;
    else if (flag === '--rate') options.rate = parsed;
    else if (flag === '--batch') options.batch = parsed;
    else throw new Error(`${usage}; unknown ${flag}`);
  }
  return options;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
