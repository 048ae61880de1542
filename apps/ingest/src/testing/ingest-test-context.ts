import { PostgresEventStore } from '@monitoring/event-store';
import { createTestDatabase, type TestDatabase } from '@monitoring/testing';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { IngestMetrics } from '../metrics/ingest-metrics';
import { IngestPipeline, type IngestLogger } from '../pipeline/ingest-pipeline';
import { INGEST_ENTITIES, INGEST_MIGRATIONS, TypeOrmRejectionRecorder } from '../rejections';

/** The log lines a test's pipeline wrote. */
export class RecordingLogger implements IngestLogger {
  readonly warnings: string[] = [];
  readonly errors: string[] = [];
  readonly infos: string[] = [];
  warn(message: string): void {
    this.warnings.push(message);
  }
  error(message: string): void {
    this.errors.push(message);
  }
  log(message: string): void {
    this.infos.push(message);
  }
  debug(): void {}
}

/** A fresh database with the event store and the ingest tables, and a pipeline over them. */
export interface IngestTestContext {
  database: TestDatabase;
  eventStore: PostgresEventStore;
  dataSource: DataSource;
  registry: Registry;
  metrics: IngestMetrics;
  logger: RecordingLogger;
  pipeline: IngestPipeline;
  /** Events in the log. */
  eventCount(): Promise<number>;
  close(): Promise<void>;
}

export async function openIngestTestContext(label: string, clock?: () => Date): Promise<IngestTestContext> {
  const database = await createTestDatabase(label);
  const eventStore = await PostgresEventStore.open({ connectionString: database.url });
  const dataSource = await openIngestDataSource(database.url);
  const registry = new Registry();
  const metrics = new IngestMetrics(registry);
  const logger = new RecordingLogger();
  const pipeline = new IngestPipeline({
    eventStore,
    rejections: new TypeOrmRejectionRecorder(dataSource),
    metrics,
    logger,
    clock,
  });
  return {
    database,
    eventStore,
    dataSource,
    registry,
    metrics,
    logger,
    pipeline,
    eventCount: async () => (await eventStore.position()).lag,
    close: async () => {
      await eventStore.close();
      await dataSource.destroy();
      await database.drop();
    },
  };
}

/** A TypeORM data source with the ingest tables migrated, as the root of a process provides it. */
export async function openIngestDataSource(url: string): Promise<DataSource> {
  const dataSource = new DataSource({
    type: 'postgres',
    url,
    entities: INGEST_ENTITIES,
    migrations: INGEST_MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    extra: { max: 4 },
  });
  await dataSource.initialize();
  await dataSource.runMigrations();
  return dataSource;
}

/** The rows of `rejected_messages`, oldest first. */
export async function rejectedRows(dataSource: DataSource): Promise<Record<string, unknown>[]> {
  return dataSource.query('SELECT * FROM rejected_messages ORDER BY id');
}

/** The current value of a counter or gauge with these labels (0 when never set). */
export async function metricValue(
  registry: Registry,
  name: string,
  labels: Record<string, string>,
): Promise<number> {
  const metric = registry.getSingleMetric(name);
  if (!metric) return 0;
  const { values } = await metric.get();
  const match = values.find((value) =>
    Object.entries(labels).every(([key, expected]) => String(value.labels[key]) === expected),
  );
  return match?.value ?? 0;
}
