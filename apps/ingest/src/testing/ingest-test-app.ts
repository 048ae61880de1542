import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule, signToken, type Role } from '@monitoring/auth';
import { EventStoreModule } from '@monitoring/event-store';
import { configureJsonBodyParser } from '@monitoring/platform';
import { METRICS_PATH, ObservabilityModule } from '@monitoring/observability';
import { IngestionModule, type IngestionOptions } from '../ingestion.module';
import { INGEST_MIGRATIONS } from '../rejections';

export const TEST_JWT_SECRET = 'ingest-test-secret-of-at-least-32-characters';

export const bearer = (role: Role, sub = `${role}-user`): string =>
  `Bearer ${signToken({ sub, role, region: '41' }, TEST_JWT_SECRET)}`;

/**
 * The ingestion module inside an application shaped like the platform's: the global auth guard, the
 * metrics registry, a TypeORM data source with the ingest migrations, EVENT_STORE from the PostgreSQL
 * adapter, the body parser with the ingest limit and the `/api/v1` prefix.
 */
export async function createIngestTestApp(
  databaseUrl: string,
  options: IngestionOptions,
  bodyLimitBytes: number,
): Promise<NestExpressApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      AuthModule.forRootAsync({ useFactory: () => ({ secret: TEST_JWT_SECRET }) }),
      ObservabilityModule.forRoot({ metricsPublic: true, defaultMetrics: false }),
      TypeOrmModule.forRoot({
        type: 'postgres',
        url: databaseUrl,
        autoLoadEntities: true,
        synchronize: false,
        migrations: INGEST_MIGRATIONS,
        migrationsRun: true,
        migrationsTableName: 'migrations',
      }),
      EventStoreModule.forRoot({ kind: 'postgres', databaseUrl }),
      IngestionModule.forRootAsync({ useFactory: () => options }),
    ],
  }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: false });
  configureJsonBodyParser(app, bodyLimitBytes);
  app.setGlobalPrefix('api/v1', { exclude: [METRICS_PATH] });
  app.enableShutdownHooks();
  await app.init();
  return app;
}

export type { INestApplication };
