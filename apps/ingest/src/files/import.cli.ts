import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type AppConfig, type Environment } from '@monitoring/config';
import { isSourceTopic, SOURCE_TOPICS, type SourceTopic } from '@monitoring/domain';
import { createEventStore, type EventStore } from '@monitoring/event-store';
import { ensureDatabaseExists } from '@monitoring/platform/database/ensure-database';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { IngestMetrics } from '../metrics/ingest-metrics';
import { IngestPipeline, type IngestLogger } from '../pipeline/ingest-pipeline';
import { INGEST_ENTITIES, INGEST_MIGRATIONS, TypeOrmRejectionRecorder } from '../rejections';
import { formatOfFile, ImportFileError, type FileFormat } from './file-records';
import {
  DEFAULT_IMPORT_BATCH_SIZE,
  DEFAULT_IMPORT_LANES,
  FileImporter,
  type FileImportSummary,
} from './file-importer';
import { createProgressDisplay, formatCount, recordsPerSecond, type ProgressStream } from './import-progress';

/**
 * `npm run import -- --kind claims --file claims.jsonl`: imports a JSON Lines or CSV file of source
 * records (see csv-record.ts for the CSV shape) into the event store configured by the environment.
 */

const USAGE = `Usage: npm run import -- --kind <${SOURCE_TOPICS.join('|')}> --file <path> [options]

  --kind K          the feed the file holds: ${SOURCE_TOPICS.join(', ')}
  --file PATH       a JSON Lines file (one record per line) or a CSV file with a header row
  --format F        jsonl or csv (default: csv for *.csv, jsonl otherwise)
  --batch-size N    records appended per batch (default ${DEFAULT_IMPORT_BATCH_SIZE})
  --lanes N         batches appended side by side, households dealt among them (default ${DEFAULT_IMPORT_LANES})
  --rejected PATH   where rejected records and reasons go (default <file>.rejected.jsonl)
  --help            this text

CSV files have a header row naming each column's record field; nested members use paths such as
members[0].idNumber, numbers and booleans (true/false, 1/0, yes/no) are read by the field's type, and
an empty cell leaves its field out (see apps/ingest/src/files/csv-record.ts).

Settings come from the environment (DATABASE_URL, EVENT_STORE, ...). Importing a file twice appends
nothing the second time. Exit status: 0 imported (rejected records included), 1 failed, 2 bad usage,
130 interrupted.
`;

export interface ImportArguments {
  topic: SourceTopic;
  file: string;
  format: FileFormat;
  batchSize: number;
  lanes: number;
  rejectedFile?: string;
}

export class UsageError extends Error {}

export function parseImportArguments(argv: readonly string[]): ImportArguments | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      options: {
        kind: { type: 'string' },
        file: { type: 'string' },
        format: { type: 'string' },
        'batch-size': { type: 'string' },
        lanes: { type: 'string' },
        rejected: { type: 'string' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return 'help';
  if (values.kind === undefined) throw new UsageError('--kind is required');
  if (!isSourceTopic(values.kind)) throw new UsageError(`--kind must be one of ${SOURCE_TOPICS.join(', ')}`);
  if (values.file === undefined) throw new UsageError('--file is required');
  const format = values.format ?? formatOfFile(values.file);
  if (format !== 'jsonl' && format !== 'csv') throw new UsageError('--format must be jsonl or csv');
  const batchSize =
    values['batch-size'] === undefined ? DEFAULT_IMPORT_BATCH_SIZE : Number(values['batch-size']);
  if (!Number.isSafeInteger(batchSize) || batchSize < 1 || batchSize > 50_000) {
    throw new UsageError('--batch-size must be a whole number from 1 to 50000');
  }
  const lanes = values.lanes === undefined ? DEFAULT_IMPORT_LANES : Number(values.lanes);
  if (!Number.isSafeInteger(lanes) || lanes < 1 || lanes > 16) {
    throw new UsageError('--lanes must be a whole number from 1 to 16');
  }
  return {
    topic: values.kind,
    file: values.file,
    format,
    batchSize,
    lanes,
    ...(values.rejected !== undefined && { rejectedFile: values.rejected }),
  };
}

export interface ImportIo {
  stdout: NodeJS.WritableStream;
  stderr: ProgressStream;
  /** Aborts the import (SIGINT); the batch in flight is finished first. */
  signal?: AbortSignal;
  /** Plain progress lines every this many ms when stderr is no terminal (default 10 s). */
  progressIntervalMs?: number;
}

/** Runs the command; returns the exit status. */
export async function runImportCommand(
  argv: readonly string[],
  env: Environment,
  io: ImportIo,
): Promise<number> {
  let args: ImportArguments | 'help';
  let config: AppConfig;
  try {
    args = parseImportArguments(argv);
    if (args === 'help') {
      io.stdout.write(USAGE);
      return 0;
    }
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`import: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof ConfigError) {
      io.stderr.write(`import: ${error.message}\n`);
      return 2;
    }
    throw error;
  }

  let totalBytes: number;
  try {
    const info = await stat(args.file);
    if (!info.isFile()) throw new Error('not a file');
    totalBytes = info.size;
  } catch (error) {
    io.stderr.write(`import: cannot read ${args.file}: ${(error as Error).message}\n`);
    return 1;
  }

  let eventStore: EventStore | undefined;
  let dataSource: DataSource | undefined;
  try {
    await ensureDatabaseExists(config.database.url);
    eventStore = await createEventStore({
      kind: config.eventStore.kind,
      databaseUrl: config.database.url,
      eventStoreDbUrl: config.eventStore.eventStoreDbUrl,
    });
    dataSource = new DataSource({
      type: 'postgres',
      url: config.database.url,
      applicationName: 'monitoring-import',
      entities: INGEST_ENTITIES,
      migrations: INGEST_MIGRATIONS,
      migrationsTableName: 'migrations',
      migrationsTransactionMode: 'each',
      synchronize: false,
      extra: { max: 2 },
    });
    await dataSource.initialize();
    await runMigrationsExclusively(dataSource);

    const pipeline = new IngestPipeline({
      eventStore,
      rejections: new TypeOrmRejectionRecorder(dataSource),
      metrics: new IngestMetrics(new Registry()),
      logger: quietLogger(io.stderr),
    });
    const display = createProgressDisplay(io.stderr, totalBytes, io.progressIntervalMs);
    let summary: FileImportSummary;
    try {
      summary = await new FileImporter(pipeline).import({
        file: args.file,
        topic: args.topic,
        format: args.format,
        batchSize: args.batchSize,
        lanes: args.lanes,
        rejectedFile: args.rejectedFile,
        signal: io.signal,
        onProgress: (progress) => display.update(progress),
      });
    } finally {
      display.stop();
    }
    io.stdout.write(summaryText(summary));
    return summary.interrupted ? 130 : 0;
  } catch (error) {
    const message =
      error instanceof ImportFileError ? error.message : `the import failed: ${(error as Error).message}`;
    io.stderr.write(
      `import: ${message}\nRunning the import again is safe: records already stored count as duplicates.\n`,
    );
    return 1;
  } finally {
    await dataSource?.destroy().catch(() => undefined);
    await eventStore?.close().catch(() => undefined);
  }
}

/** Any fixed number: imports started together on a fresh database migrate one after the other. */
const MIGRATION_LOCK_KEY = '4927640017351163561';

/** TypeORM's migrations take no lock of their own; two imports creating a table at once would fail. */
async function runMigrationsExclusively(dataSource: DataSource): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
    try {
      await dataSource.runMigrations();
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1::bigint)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
}

/** Rejections go to the side file and the summary, not one line each on the terminal; errors do. */
function quietLogger(stderr: NodeJS.WritableStream): IngestLogger {
  return {
    warn: () => undefined,
    error: (message) => {
      stderr.write(`import: ${message}\n`);
    },
  };
}

export function summaryText(summary: FileImportSummary): string {
  const seconds = summary.elapsedMs / 1000;
  const lines = [
    `${summary.interrupted ? 'interrupted' : 'imported'} ${summary.file} in ${seconds.toFixed(1)} s ` +
      `(${formatCount(recordsPerSecond(summary.read, summary.elapsedMs))} rec/s)`,
  ];
  if (summary.rejectedFile) lines.push(`rejected records and their reasons: ${summary.rejectedFile}`);
  lines.push(
    `import: read ${summary.read}, accepted ${summary.accepted}, duplicates ${summary.duplicates}, rejected ${summary.rejected}`,
  );
  return `${lines.join('\n')}\n`;
}

if (require.main === module) {
  const interrupt = new AbortController();
  process.once('SIGINT', () => interrupt.abort());
  process.once('SIGTERM', () => interrupt.abort());
  runImportCommand(process.argv.slice(2), process.env, {
    stdout: process.stdout,
    stderr: process.stderr,
    signal: interrupt.signal,
  }).then(
    (status) => {
      process.exitCode = status;
    },
    (error: unknown) => {
      process.stderr.write(
        `import: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exitCode = 1;
    },
  );
}
