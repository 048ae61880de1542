import { Module, type DynamicModule } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { CqrsModule } from '@nestjs/cqrs';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@monitoring/auth';
import { APP_CONFIG, AppConfigModule, type AppConfig } from '@monitoring/config';
import { EventStoreModule } from '@monitoring/event-store';
import { ObservabilityModule } from '@monitoring/observability';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { ShutdownLogger } from './application/shutdown.logger';
import { CLOCK, SystemClock, type Clock } from './clock';
import { typeOrmOptions, type MigrationClass } from './database/database.options';
import { ensureDatabaseExists } from './database/ensure-database';
import { PostgresHealthIndicator } from './database/postgres.health';
import { AdminHealthController, PublicHealthController } from './health/health.controller';
import { LivenessHealthIndicator, SERVICE_NAME } from './health/liveness.health';
import { loggerParams } from './logging/logger.params';
import { createRedisClient, REDIS, RedisShutdown } from './redis/redis.client';
import { RedisHealthIndicator } from './redis/redis.health';

export interface PlatformOptions {
  /** `ingest`, `monitor`, `reporting` or `all-in-one`: named in every log line and in the health answer. */
  service: string;
  config: AppConfig;
  /** Migrations of the feature modules in this process; they run at start-up. */
  migrations?: readonly MigrationClass[];
  /** Tests capture the JSON log here; otherwise stdout. */
  logDestination?: DestinationStream;
  /** The source of time for schedules and deadlines: the system clock unless a test or the demo moves it. */
  clock?: Clock;
}

/**
 * The shared infrastructure of a process, imported once at its root: configuration, structured logs,
 * the PostgreSQL data source (created if missing, migrated), the Redis connection, the global auth
 * guard, `GET /api/v1/health` and the Prometheus registry with `GET /metrics`. Feature modules never import it; they rely on what it exports.
 */
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    const { service, config } = options;
    return {
      module: PlatformModule,
      global: true,
      imports: [
        AppConfigModule.forRoot(config),
        LoggerModule.forRoot(
          loggerParams({ service, level: config.logLevel, destination: options.logDestination }),
        ),
        TypeOrmModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (appConfig: AppConfig) => typeOrmOptions(appConfig, service, options.migrations ?? []),
          dataSourceFactory: async (dataSourceOptions?: DataSourceOptions) => {
            if (!dataSourceOptions) throw new Error('TypeORM gave no data source options');
            await ensureDatabaseExists(config.database.url);
            return new DataSource(dataSourceOptions);
          },
        }),
        // After TypeORM, so the database exists before the store's own migration runs.
        EventStoreModule.forRootAsync({
          inject: [APP_CONFIG, getDataSourceToken()],
          useFactory: (appConfig: AppConfig) => ({
            kind: appConfig.eventStore.kind,
            databaseUrl: appConfig.database.url,
            eventStoreDbUrl: appConfig.eventStore.eventStoreDbUrl,
          }),
        }),
        // One set of buses per process: feature modules rely on it and never import CqrsModule.forRoot.
        CqrsModule.forRoot(),
        TerminusModule.forRoot({ errorLogStyle: 'json' }),
        // One Prometheus registry per process, served at /metrics; feature modules register on it.
        ObservabilityModule.forRoot({ metricsPublic: config.metrics.public, defaultLabels: { service } }),
        AuthModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (appConfig: AppConfig) => ({
            secret: appConfig.auth.jwtSecret,
            rateLimit: {
              ...appConfig.rateLimit,
              redis: { url: appConfig.redis.url, keyPrefix: `${appConfig.redis.prefix}:rate-limit:` },
            },
          }),
        }),
      ],
      controllers: [config.health.public ? PublicHealthController : AdminHealthController],
      providers: [
        { provide: SERVICE_NAME, useValue: service },
        { provide: CLOCK, useValue: options.clock ?? new SystemClock() },
        {
          provide: REDIS,
          inject: [APP_CONFIG],
          useFactory: (appConfig: AppConfig) =>
            createRedisClient(appConfig.redis.url, `monitoring-${service}`),
        },
        RedisShutdown,
        ShutdownLogger,
        LivenessHealthIndicator,
        PostgresHealthIndicator,
        RedisHealthIndicator,
      ],
      exports: [SERVICE_NAME, CLOCK, REDIS, PostgresHealthIndicator, RedisHealthIndicator, TerminusModule],
    };
  }
}
