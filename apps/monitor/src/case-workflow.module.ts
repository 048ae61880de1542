import { Module, type DynamicModule, type FactoryProvider, type ModuleMetadata } from '@nestjs/common';
import { CaseCommandRunner } from './cases/case-command-runner';
import { CasePolicies } from './cases/case-policies';
import { CaseStreamRepository } from './cases/case-stream.repository';
import {
  CASE_WORKFLOW_OPTIONS,
  resolveCaseWorkflowOptions,
  type CaseWorkflowOptions,
} from './cases/case-workflow.options';
import { CheckCaseDeadlinesHandler } from './cases/commands/check-case-deadlines/check-case-deadlines.handler';
import { EliminateRiskHandler } from './cases/commands/eliminate-risk/eliminate-risk.handler';
import { EliminateRiskHttpController } from './cases/commands/eliminate-risk/eliminate-risk.http.controller';
import { RecordAssistanceHandler } from './cases/commands/record-assistance/record-assistance.handler';
import { RecordAssistanceHttpController } from './cases/commands/record-assistance/record-assistance.http.controller';
import { RecordVerificationHandler } from './cases/commands/record-verification/record-verification.handler';
import { RecordVerificationHttpController } from './cases/commands/record-verification/record-verification.http.controller';
import { ReopenCaseHandler } from './cases/commands/reopen-case/reopen-case.handler';
import { ReopenCaseHttpController } from './cases/commands/reopen-case/reopen-case.http.controller';
import { HouseholdStateRepository } from './cases/household-state.repository';
import { CaseWorkflowWorkers } from './deadlines/case-workflow-workers';
import { DeadlineJobsProcessor } from './deadlines/deadline-jobs.processor';
import { DeadlineScheduler } from './deadlines/deadline-scheduler';
import { DeadlineSweep } from './deadlines/deadline-sweep';
import { ReassessmentJobsProcessor } from './deadlines/reassessment-jobs.processor';
import { ScheduleDeadlinesOnProjectionHandler } from './deadlines/schedule-deadlines-on-projection.handler';

export interface CaseWorkflowModuleAsyncOptions {
  imports?: ModuleMetadata['imports'];
  inject?: FactoryProvider['inject'];
  /** Builds the options, typically from the validated configuration (redis url and prefix, schedule time zone). */
  useFactory: (...args: never[]) => CaseWorkflowOptions | Promise<CaseWorkflowOptions>;
}

/**
 * Cases after they open (DESIGN §5, §6, §8): the officers' case actions over HTTP and the command
 * bus, and the deadlines — delayed BullMQ jobs per case, the periodic sweep that guarantees them, the
 * daily re-assessment job.
 *
 * Expects from the root: EVENT_STORE, CLOCK, the TypeORM DataSource (it reads the projection's
 * `monitoring_case` and `household_projection_state`), the global auth guard, and the @nestjs/cqrs
 * buses from `CqrsModule.forRoot()` imported once at the root (each import makes another set of
 * buses). The daily job calls ProjectionModule's ReassessmentService wherever the root registered it.
 * Exports DeadlineSweep (`sweep(now)`, for the demo) and DeadlineScheduler.
 */
@Module({})
export class CaseWorkflowModule {
  static forRootAsync(options: CaseWorkflowModuleAsyncOptions): DynamicModule {
    return {
      module: CaseWorkflowModule,
      imports: options.imports ?? [],
      controllers: [
        RecordVerificationHttpController,
        RecordAssistanceHttpController,
        EliminateRiskHttpController,
        ReopenCaseHttpController,
      ],
      providers: [
        {
          provide: CASE_WORKFLOW_OPTIONS,
          inject: options.inject ?? [],
          useFactory: async (...args: unknown[]) =>
            resolveCaseWorkflowOptions(await options.useFactory(...(args as never[]))),
        },
        CasePolicies,
        CaseStreamRepository,
        CaseCommandRunner,
        HouseholdStateRepository,
        RecordVerificationHandler,
        RecordAssistanceHandler,
        EliminateRiskHandler,
        ReopenCaseHandler,
        CheckCaseDeadlinesHandler,
        DeadlineScheduler,
        DeadlineSweep,
        DeadlineJobsProcessor,
        ReassessmentJobsProcessor,
        CaseWorkflowWorkers,
        ScheduleDeadlinesOnProjectionHandler,
      ],
      exports: [DeadlineSweep, DeadlineScheduler],
    };
  }
}
