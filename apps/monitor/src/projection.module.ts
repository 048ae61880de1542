import { Module, type DynamicModule, type FactoryProvider, type ModuleMetadata } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import { EVENT_STORE, type EventStore } from '@monitoring/event-store';
import { CLOCK, type Clock } from '@monitoring/platform/clock';
import type { DataSource } from 'typeorm';
import { ProjectionHealthController } from './health/projection-health.controller';
import { ProjectionProgress } from './health/projection-progress';
import { ReassessmentService } from './process-manager/reassessment.service';
import { RiskToCaseProcessManager } from './process-manager/risk-to-case.process-manager';
import {
  PROJECTION_OPTIONS,
  resolveProjectionOptions,
  type ProjectionModuleOptions,
  type ResolvedProjectionOptions,
} from './projection.options';
import type { ProjectionDependencies } from './projections/generation.projection';
import { LiveProjector } from './projections/live.projector';
import { MONITOR_ENTITIES } from './read-models';
import { ProjectionRebuilder } from './rebuild/projection-rebuilder';

export interface ProjectionModuleAsyncOptions {
  imports?: ModuleMetadata['imports'];
  inject?: FactoryProvider['inject'];
  /** Builds the options from the injected dependencies (typically the validated configuration). */
  useFactory: (...args: never[]) => ProjectionModuleOptions | Promise<ProjectionModuleOptions>;
}

const PROJECTION_DEPENDENCIES = Symbol('PROJECTION_DEPENDENCIES');

/**
 * The monitor's read models (DESIGN §6): the projector subscribed to the global log (household risk,
 * cases, checkpoint in one transaction per batch), the risk-to-case process manager, the daily
 * re-assessment (`ReassessmentService.reassessDue(now)`), the rebuild of every read model without
 * downtime (`ProjectionRebuilder`, also `npm run projections:rebuild`) and `GET /api/v1/health/projections`.
 *
 * Expects from the root: EVENT_STORE, CLOCK, the TypeORM DataSource (with MONITOR_MIGRATIONS run),
 * the global auth guard and, to publish `CaseEventsProjected`, the @nestjs/cqrs EventBus
 * (`CqrsModule.forRoot()`; without it nothing is published). Import it once per process: each import
 * runs its own projector.
 */
@Module({})
export class ProjectionModule {
  static forRootAsync(options: ProjectionModuleAsyncOptions): DynamicModule {
    return {
      module: ProjectionModule,
      imports: [...(options.imports ?? []), TypeOrmModule.forFeature(MONITOR_ENTITIES)],
      controllers: [ProjectionHealthController],
      providers: [
        {
          provide: PROJECTION_OPTIONS,
          inject: options.inject ?? [],
          useFactory: async (...args: unknown[]) =>
            resolveProjectionOptions(await options.useFactory(...(args as never[]))),
        },
        {
          provide: RiskToCaseProcessManager,
          inject: [EVENT_STORE],
          useFactory: (store: EventStore) => new RiskToCaseProcessManager(store),
        },
        {
          provide: PROJECTION_DEPENDENCIES,
          inject: [getDataSourceToken(), EVENT_STORE, CLOCK, PROJECTION_OPTIONS, RiskToCaseProcessManager],
          useFactory: (
            dataSource: DataSource,
            store: EventStore,
            clock: Clock,
            resolved: ResolvedProjectionOptions,
            processManager: RiskToCaseProcessManager,
          ): ProjectionDependencies => ({
            dataSource,
            store,
            clock,
            documents: resolved.policyDocuments,
            processManager,
            faults: resolved.faults,
          }),
        },
        {
          provide: LiveProjector,
          inject: [PROJECTION_DEPENDENCIES, PROJECTION_OPTIONS, { token: EventBus, optional: true }],
          useFactory: (
            dependencies: ProjectionDependencies,
            resolved: ResolvedProjectionOptions,
            eventBus: EventBus | undefined,
          ) => new LiveProjector(dependencies, resolved, eventBus ?? null),
        },
        {
          provide: ReassessmentService,
          inject: [PROJECTION_DEPENDENCIES, PROJECTION_OPTIONS],
          useFactory: (dependencies: ProjectionDependencies, resolved: ResolvedProjectionOptions) =>
            new ReassessmentService(dependencies, resolved.reassessmentChunkSize),
        },
        {
          provide: ProjectionRebuilder,
          inject: [PROJECTION_DEPENDENCIES],
          useFactory: (dependencies: ProjectionDependencies) => new ProjectionRebuilder(dependencies),
        },
        {
          provide: ProjectionProgress,
          inject: [getDataSourceToken(), EVENT_STORE],
          useFactory: (dataSource: DataSource, store: EventStore) =>
            new ProjectionProgress(dataSource, store),
        },
      ],
      exports: [LiveProjector, ReassessmentService, ProjectionProgress, ProjectionRebuilder],
    };
  }
}
