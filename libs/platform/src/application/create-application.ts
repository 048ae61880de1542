import type { AddressInfo } from 'node:net';
import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  ConfigError,
  configFromEnvironment,
  DEVELOPMENT_JWT_SECRET,
  type AppConfig,
} from '@monitoring/config';
import { METRICS_PATH } from '@monitoring/observability';
import { Logger, PinoLogger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { MigrationClass } from '../database/database.options';
import type { Clock } from '../clock';
import { loggerParams } from '../logging/logger.params';
import { PlatformModule } from '../platform.module';
import { API_PREFIX } from './api-prefix';
import { configureHttpHardening } from './http-hardening';
import { configureJsonBodyParser } from './json-body-parser';

/** What one deployable process runs: its name, its feature modules and their migrations. */
export interface ApplicationDefinition {
  readonly service: string;
  /** Feature modules: classes, or dynamic modules such as `IngestionModule.forRootAsync(...)`. */
  readonly modules: readonly (Type<unknown> | DynamicModule)[];
  readonly migrations: readonly MigrationClass[];
  /** Express-level set-up a service needs before start (its own body parser, error rendering…). */
  readonly configureHttp?: (app: NestExpressApplication, config: AppConfig) => void;
}

/** Several applications in one process (the single-machine default). */
export function combineApplications(
  service: string,
  parts: readonly ApplicationDefinition[],
): ApplicationDefinition {
  return {
    service,
    modules: [...new Set(parts.flatMap((part) => part.modules))],
    migrations: [...new Set(parts.flatMap((part) => part.migrations))],
    configureHttp: (app, config) => {
      for (const configure of new Set(parts.map((part) => part.configureHttp))) configure?.(app, config);
    },
  };
}

export interface ApplicationExtras {
  logDestination?: DestinationStream;
  clock?: Clock;
}

/** Root of a process: the platform once, then the feature modules. */
@Module({})
export class ApplicationRootModule {
  static forRoot(
    definition: ApplicationDefinition,
    config: AppConfig,
    extras: ApplicationExtras = {},
  ): DynamicModule {
    return {
      module: ApplicationRootModule,
      imports: [
        PlatformModule.forRoot({
          service: definition.service,
          config,
          migrations: definition.migrations,
          logDestination: extras.logDestination,
          clock: extras.clock,
        }),
        ...definition.modules,
      ],
    };
  }
}

/** Builds and initialises an application (not yet listening); tests and the demo use it as `main` does. */
export async function createApplication(
  definition: ApplicationDefinition,
  config: AppConfig,
  extras: ApplicationExtras = {},
): Promise<NestExpressApplication> {
  // The JSON logger exists before the modules do, so start-up (and a database that keeps it waiting)
  // is logged as it happens, in the same format as everything after.
  const params = loggerParams({
    service: definition.service,
    level: config.logLevel,
    destination: extras.logDestination,
  });
  const app = await NestFactory.create<NestExpressApplication>(
    ApplicationRootModule.forRoot(definition, config, extras),
    {
      logger: new Logger(new PinoLogger(params), params),
      bodyParser: false,
      abortOnError: false,
      forceCloseConnections: true,
    },
  );
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  // Only named proxies may say who the client is; otherwise X-Forwarded-For is ignored.
  if (config.http.trustProxy !== false) app.set('trust proxy', config.http.trustProxy);
  configureHttpHardening(app, config.cors.origins);
  configureJsonBodyParser(app, config.ingest.bodyLimitBytes);
  // The prefix first, so a service's HTTP set-up (the OpenAPI document) sees the final routes.
  app.setGlobalPrefix(API_PREFIX, { exclude: [METRICS_PATH] });
  definition.configureHttp?.(app, config);
  app.enableShutdownHooks();
  await app.init();
  return app;
}

/** Listens on the configured host and port; returns the API's base URL. */
export async function listen(app: NestExpressApplication, config: AppConfig): Promise<string> {
  await app.listen(config.http.port, config.http.host);
  const { address, port } = app.getHttpServer().address() as AddressInfo;
  const host =
    address === '0.0.0.0' || address === '::'
      ? 'localhost'
      : address.includes(':')
        ? `[${address}]`
        : address;
  return `http://${host}:${port}/${API_PREFIX}`;
}

/** Entry point of a `main.ts`: configuration from the environment, start, listen; exit 1 on failure. */
export async function runApplication(definition: ApplicationDefinition): Promise<void> {
  let config: AppConfig;
  try {
    config = configFromEnvironment();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${definition.service}: ${err.message}\n`);
    process.exit(1);
  }
  try {
    const app = await createApplication(definition, config);
    const url = await listen(app, config);
    const logger = app.get(Logger);
    if (config.auth.jwtSecret === DEVELOPMENT_JWT_SECRET) {
      logger.warn(
        'AUTH_JWT_SECRET is the public development default: anyone can sign tokens. Local use only.',
      );
    }
    logger.log(`${definition.service} listening on ${url}`);
  } catch (err) {
    process.stderr.write(
      `${definition.service} failed to start: ${err instanceof Error ? err.message : String(err)}\n`,
    );
    process.exit(1);
  }
}
