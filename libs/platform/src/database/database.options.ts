import type { TypeOrmModuleOptions } from '@nestjs/typeorm';
import type { AppConfig } from '@monitoring/config';
import type { MigrationInterface } from 'typeorm';
import { TypeOrmNestLogger } from './typeorm-nest.logger';

export type MigrationClass = new () => MigrationInterface;

/** Connection errors worth waiting out at start-up (the database is still starting or restarting). */
const TRANSIENT_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EAI_AGAIN', '57P03']);

export function isTransientConnectionError(err: unknown): boolean {
  const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : undefined;
  return code !== undefined && TRANSIENT_CODES.has(code);
}

/**
 * The one TypeORM data source of a process. Schema changes only through reviewed migrations, run at
 * start-up; entities come from the feature modules (`TypeOrmModule.forFeature`).
 */
export function typeOrmOptions(
  config: AppConfig,
  service: string,
  migrations: readonly MigrationClass[],
): TypeOrmModuleOptions {
  return {
    type: 'postgres',
    url: config.database.url,
    applicationName: `monitoring-${service}`,
    autoLoadEntities: true,
    synchronize: false,
    migrationsRun: true,
    migrations: [...new Set(migrations)],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    logger: new TypeOrmNestLogger(),
    maxQueryExecutionTime: 1_000,
    connectTimeoutMS: 10_000,
    extra: { max: 10 },
    retryAttempts: 10,
    retryDelay: 2_000,
    verboseRetryLog: true,
    toRetry: isTransientConnectionError,
  };
}
