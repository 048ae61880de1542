import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { defaultPolicyDocuments, type MonitoringPolicy } from '@monitoring/domain';
import { AccessLogEntity } from './access-log/access-log.entity';
import { AccessLogRecorder } from './access-log/access-log.recorder';
import { ReadAccessLogHandler } from './access-log/read-access-log.handler';
import { ReadAccessLogHttpController } from './access-log/read-access-log.http.controller';
import { HouseholdStreams } from './events/household-streams';
import { RegionTime } from './http/region-time';
import { GetCaseHandler } from './queries/get-case/get-case.handler';
import { GetCaseHttpController } from './queries/get-case/get-case.http.controller';
import { GetHouseholdTimelineHandler } from './queries/get-household-timeline/get-household-timeline.handler';
import { GetHouseholdTimelineHttpController } from './queries/get-household-timeline/get-household-timeline.http.controller';
import { GetHouseholdHandler } from './queries/get-household/get-household.handler';
import { GetHouseholdHttpController } from './queries/get-household/get-household.http.controller';
import { CaseQueuePassCaseEntity, CaseQueuePassEntity } from './queries/list-cases/case-queue-pass.entity';
import { CaseQueuePasses } from './queries/list-cases/case-queue-passes';
import { ListCasesHandler } from './queries/list-cases/list-cases.handler';
import { ListCasesHttpController } from './queries/list-cases/list-cases.http.controller';
import { HouseholdRiskReader } from './read-models/household-risk.reader';
import { MonitoringCaseReader } from './read-models/monitoring-case.reader';
import { REPORTING_POLICIES, type ReportingApiOptions } from './reporting-api.options';
import { CreateReportingTables1767398400000 } from './reporting-tables.migration';
import { RegionStatsHandler } from './stats/region-stats.handler';
import { RegionStatsHttpController } from './stats/region-stats.http.controller';

export { REPORTING_POLICIES, type ReportingApiOptions } from './reporting-api.options';
export { setupOpenApi, buildOpenApiDocument } from './openapi/openapi.setup';

/** Reporting's own tables, for the root data source. */
export const REPORTING_ENTITIES = [AccessLogEntity, CaseQueuePassEntity, CaseQueuePassCaseEntity];
/** Reporting's migrations, in order. They touch none of the monitor's tables, so they can run in any order with them. */
export const REPORTING_MIGRATIONS = [CreateReportingTables1767398400000];

const CONTROLLERS = [
  ListCasesHttpController,
  GetCaseHttpController,
  GetHouseholdHttpController,
  GetHouseholdTimelineHttpController,
  RegionStatsHttpController,
  ReadAccessLogHttpController,
];

const PROVIDERS: Provider[] = [
  { provide: REPORTING_POLICIES, useValue: defaultPolicyDocuments },
  {
    provide: RegionTime,
    inject: [REPORTING_POLICIES],
    useFactory: (documents: readonly MonitoringPolicy[]) => new RegionTime(documents),
  },
  HouseholdStreams,
  HouseholdRiskReader,
  MonitoringCaseReader,
  AccessLogRecorder,
  CaseQueuePasses,
  ListCasesHandler,
  GetCaseHandler,
  GetHouseholdHandler,
  GetHouseholdTimelineHandler,
  RegionStatsHandler,
  ReadAccessLogHandler,
];

/**
 * The reporting API (DESIGN §8, issues 6 and 7): the alert queue, cases with their history,
 * households now and as of any date with their timelines, regional statistics, and the access log.
 * Read-only over the monitor's read models (`household_risk`, `monitoring_case`) and the event store.
 *
 * Expects from the root: EVENT_STORE, CLOCK, the TypeORM DataSource (with REPORTING_MIGRATIONS run)
 * and the global auth guard. Import the class itself for the shipped policy documents, or
 * `ReportingApiModule.forRoot({ policies })` for others (the same the monitor assesses with).
 */
@Module({
  imports: [TypeOrmModule.forFeature(REPORTING_ENTITIES)],
  controllers: CONTROLLERS,
  providers: PROVIDERS,
})
export class ReportingApiModule {
  /** The module with other policy documents (they override the shipped ones). */
  static forRoot(options: ReportingApiOptions = {}): DynamicModule {
    return {
      module: ReportingApiModule,
      providers: [{ provide: REPORTING_POLICIES, useValue: options.policies ?? defaultPolicyDocuments }],
    };
  }
}
