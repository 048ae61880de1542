import { join, resolve } from 'node:path';
import type { AppConfig } from '@monitoring/config';
import { createApplication, listen, OffsetClock } from '@monitoring/platform';
import { ProvinceGenerator, type ProvinceOptions, type ProvinceSummary } from '@monitoring/synthetic';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { DestinationStream } from 'pino';
import { DeadlineSweep, type SweepReport } from '../../../monitor/src/deadlines/deadline-sweep';
import { ReassessmentService } from '../../../monitor/src/process-manager/reassessment.service';
import { allInOneApplication, allInOneParts } from '../all-in-one.application';
import { actAsCountyOfficers, type OfficerTally } from './county-officers';
import { DemoApi, demoUsers } from './demo-api';
import { count, seconds, type DemoOutput } from './demo-output';
import { feedOverKafka } from './kafka-feed';
import { feedOverHttp, type FeedTally } from './province-feed';
import { waitForProjections } from './projection-wait';
import { regionStats, type RegionStats } from './region-stats';

export interface DemoSettings {
  /** Already pointing at the demo's own database, Redis prefix and exchange directory. */
  config: AppConfig;
  province: Pick<ProvinceOptions, 'households' | 'seed'> & Partial<ProvinceOptions>;
  output: DemoOutput;
  /** Records per ingest request (at most the configured INGEST_MAX_RECORDS). */
  batchSize?: number;
  /** Where the application's JSON log goes (default stdout, at the configured level). */
  logDestination?: DestinationStream;
}

export interface DeadlineStep {
  label: string;
  at: string;
  sweep: SweepReport;
}

export interface ExchangeResult {
  batchId: string;
  rowCount: number;
  files: { name: string; size: number; path: string }[];
}

export interface DemoResult {
  baseUrl: string;
  docsUrl: string;
  /** A province staff token for trying the API. */
  token: string;
  province: ProvinceSummary;
  feed: FeedTally;
  /** Open cases once the feed was projected, before any officer acted. */
  openCasesAfterFeed: number;
  officers: OfficerTally;
  deadlines: DeadlineStep[];
  reassessed: number;
  exchange: ExchangeResult;
  stats: RegionStats;
  elapsedMs: number;
}

const DAY_MS = 86_400_000;
/** Days after the feed at which the demo looks again. */
const OFFICERS_VISIT_AFTER_DAYS = 3;
const A_WEEK_LATER_DAYS = 8;
const A_MONTH_LATER_DAYS = 31;

/**
 * The demo's flow (issue 8): start every service in this process, feed a synthetic province through the
 * real ingest path, wait for the projections, act as county officers on part of the cases, move the
 * clock so deadlines pass (the deadline sweep and the daily re-assessment run as their schedules would),
 * run a weekly exchange and gather the figures. Returns the running application; the caller closes it.
 */
export async function runDemo(
  settings: DemoSettings,
): Promise<{ app: NestExpressApplication; result: DemoResult }> {
  const { config, output } = settings;
  const started = performance.now();
  const clock = new OffsetClock();
  const generator = new ProvinceGenerator(settings.province);
  const province = generator.regions.provinceCode;
  const step = (title: string) =>
    output.say(`\n[${seconds(performance.now() - started).padStart(7)}] ${title}`);

  step(`Starting ${allInOneParts.map((part) => part.service).join(', ')} in one process`);
  const app = await createApplication(allInOneApplication, config, {
    clock,
    logDestination: settings.logDestination,
  });
  try {
    const baseUrl = await listen(app, config);
    const api = new DemoApi(baseUrl, config.auth.jwtSecret);
    const staff = demoUsers.staff(province);
    output.say(`  API ${baseUrl}`);

    const { households, seed, until, months } = generator.options;
    step(
      `Feeding ${count(households)} households (seed ${JSON.stringify(seed)}, ${months} months to ${until}) ` +
        (config.kafka.brokers.length > 0
          ? `to Kafka topics ${config.kafka.topicPrefix}{registry,income,claims}`
          : 'to POST /api/v1/ingest/{registry,income,claims}'),
    );
    let lastReport = 0;
    const onProgress = (tally: FeedTally) => {
      if (tally.elapsedMs - lastReport < 5_000) return;
      lastReport = tally.elapsedMs;
      output.say(
        `  ${count(tally.lines)} lines sent (${Math.round((tally.lines * 1000) / Math.max(1, tally.elapsedMs))}/s): ` +
          `accepted ${count(tally.accepted)}, duplicates ${count(tally.duplicates)}, rejected ${count(tally.rejected)}`,
      );
    };
    const lines = generator.stream();
    const feed =
      config.kafka.brokers.length > 0
        ? await feedOverKafka(api, province, lines, {
            brokers: config.kafka.brokers,
            topicPrefix: config.kafka.topicPrefix,
            window: 20_000,
            onProgress,
          })
        : await feedOverHttp(api, province, lines, {
            batchSize: Math.min(settings.batchSize ?? 5_000, config.ingest.maxRecords),
            onProgress,
          });
    output.say(
      `  ${count(feed.lines)} lines in ${seconds(feed.elapsedMs)}: accepted ${count(feed.accepted)}, ` +
        `duplicates ${count(feed.duplicates)}, rejected ${count(feed.rejected)}`,
    );
    const summary = generator.summary();
    checkFeed(feed, summary);

    step('Waiting until the projections have caught up (GET /api/v1/health/projections)');
    await waitForProjections(api, staff, (lag) => output.say(`  ${count(lag)} events to project`));
    const openCases = (await regionStats(api, staff, province)).region.cases.byStage.open ?? 0;
    output.say(`  caught up: ${count(openCases)} cases open`);

    clock.advance(OFFICERS_VISIT_AFTER_DAYS * DAY_MS);
    step(
      `${OFFICERS_VISIT_AFTER_DAYS} days later (clock ${clock.now().toISOString()}): county officers work their queues`,
    );
    const officers = await actAsCountyOfficers(api, province, clock);
    output.say(
      `  ${count(officers.cases)} open cases in ${count(officers.counties)} counties: ${count(officers.confirmed)} confirmed ` +
        `(${count(officers.assisted)} with assistance recorded), ${count(officers.dismissed)} dismissed, ` +
        `${count(officers.leftAlone)} left alone`,
    );
    if (officers.failures.length > 0) {
      throw new Error(
        `${officers.failures.length} officer actions failed, the first: ${officers.failures[0] ?? ''}`,
      );
    }
    await waitForProjections(api, staff);

    const sweep = app.get(DeadlineSweep, { strict: false });
    const deadlines: DeadlineStep[] = [];
    let reassessed = 0;
    for (const [days, label] of [
      [A_WEEK_LATER_DAYS, 'a week later'],
      [A_MONTH_LATER_DAYS, 'a month later'],
    ] as const) {
      clock.advance(
        (days - (deadlines.length === 0 ? OFFICERS_VISIT_AFTER_DAYS : A_WEEK_LATER_DAYS)) * DAY_MS,
      );
      const at = clock.now();
      step(`${days} days after the feed, ${label} (clock ${at.toISOString()}): the deadline sweep runs`);
      if (days === A_MONTH_LATER_DAYS) {
        // The daily re-assessment would have run every night: windows moved (claims aged out).
        const result = await app.get(ReassessmentService, { strict: false }).reassessDue(at);
        reassessed = result.households;
        output.say(`  daily re-assessment: ${count(reassessed)} households whose windows moved`);
      }
      const report = await sweep.sweep(at);
      deadlines.push({ label, at: at.toISOString(), sweep: report });
      output.say(
        `  ${count(report.due)} cases due a deadline check, ${count(report.appended)} events appended ` +
          `(DeadlineMissed, CaseEscalated) to ${count(report.changed)} cases${report.failed ? `, ${report.failed} FAILED` : ''}`,
      );
      if (report.failed > 0) throw new Error(`${report.failed} deadline checks failed: see the log above`);
      await waitForProjections(api, staff);
    }

    step('The weekly exchange for the rural-revitalization bureau (POST /api/v1/exchanges)');
    const batch = await api.post<{
      batchId: string;
      rowCount: number;
      files: { name: string; size: number }[];
    }>('/exchanges', demoUsers.bureau(province));
    const exchange: ExchangeResult = {
      batchId: batch.batchId,
      rowCount: batch.rowCount,
      files: batch.files.map(({ name, size }) => ({
        name,
        size,
        path: join(resolve(config.exchange.dir), batch.batchId, name),
      })),
    };
    output.say(`  batch ${exchange.batchId}: ${count(exchange.rowCount)} households`);

    const firstDay = new Date(clock.now().getTime() - (A_MONTH_LATER_DAYS + 1) * DAY_MS);
    const stats = await regionStats(api, staff, province, firstDay, clock.now());
    const root = new URL(baseUrl);
    return {
      app,
      result: {
        baseUrl,
        docsUrl: `${root.protocol}//${root.host}/docs`,
        token: api.token(staff),
        province: summary,
        feed,
        openCasesAfterFeed: openCases,
        officers,
        deadlines,
        reassessed,
        exchange,
        stats,
        elapsedMs: performance.now() - started,
      },
    };
  } catch (error) {
    await app.close();
    throw error;
  }
}

/** Every line sent is accounted for, and ingest found what the generator says it put in. */
function checkFeed(feed: FeedTally, summary: ProvinceSummary): void {
  const answered = feed.accepted + feed.duplicates + feed.rejected;
  if (answered !== feed.lines) {
    throw new Error(`sent ${feed.lines} lines but ingest answered for ${answered}`);
  }
  if (feed.rejected !== summary.malformed.total) {
    throw new Error(
      `ingest rejected ${feed.rejected} records; the generator wrote ${summary.malformed.total} malformed ones ` +
        `(${feed.rejectionExamples.join('; ')})`,
    );
  }
}
