import { parseArgs } from 'node:util';
import { defaultPolicyDocuments } from '@monitoring/domain';
import { ConfigError, loadConfig, type AppConfig } from '@monitoring/config';
import { createEventStore } from '@monitoring/event-store';
import { ensureDatabaseExists } from '@monitoring/platform';
import { SystemClock } from '@monitoring/platform/clock';
import { DataSource } from 'typeorm';
import { RiskToCaseProcessManager } from '../process-manager/risk-to-case.process-manager';
import { MONITOR_ENTITIES, MONITOR_MIGRATIONS } from '../read-models';
import { ProjectionRebuilder } from './projection-rebuilder';

/**
 * `npm run projections:rebuild -- [--batch-size N] [--keep-previous]` rebuilds the monitor's read models
 * from position zero into a new generation of tables and switches to it once caught up, while the
 * running monitor keeps serving the old one (see ProjectionRebuilder). Settings come from the
 * environment, as every app reads them (DATABASE_URL, EVENT_STORE, EVENTSTOREDB_URL).
 */

const USAGE = `Usage: npm run projections:rebuild -- [options]

  --batch-size N    events per batch (default 1000)
  --keep-previous   keep the previous generation's tables after the switch (default: dropped)
  --help            this text
`;

interface RebuildArguments {
  batchSize: number;
  keepPrevious: boolean;
}

const parseArguments = (argv: string[]): RebuildArguments | 'help' => {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      'batch-size': { type: 'string' },
      'keep-previous': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help === true) return 'help';
  const batchSize = values['batch-size'] === undefined ? 1_000 : Number(values['batch-size']);
  if (!Number.isSafeInteger(batchSize) || batchSize < 1 || batchSize > 100_000) {
    throw new RangeError(`--batch-size expects a whole number from 1 to 100000, got ${values['batch-size']}`);
  }
  return { batchSize, keepPrevious: values['keep-previous'] === true };
};

const openDataSource = async (config: AppConfig): Promise<DataSource> => {
  await ensureDatabaseExists(config.database.url);
  const dataSource = new DataSource({
    type: 'postgres',
    url: config.database.url,
    applicationName: 'monitoring-projections-rebuild',
    entities: MONITOR_ENTITIES,
    migrations: MONITOR_MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    extra: { max: 4 },
  });
  await dataSource.initialize();
  await dataSource.runMigrations();
  return dataSource;
};

const main = async (): Promise<void> => {
  const parsed = parseArguments(process.argv.slice(2));
  if (parsed === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  const config = loadConfig(process.env);
  const store = await createEventStore({
    kind: config.eventStore.kind,
    databaseUrl: config.database.url,
    eventStoreDbUrl: config.eventStore.eventStoreDbUrl,
  });
  try {
    const dataSource = await openDataSource(config);
    try {
      const rebuilder = new ProjectionRebuilder({
        dataSource,
        store,
        clock: new SystemClock(),
        documents: defaultPolicyDocuments,
        processManager: new RiskToCaseProcessManager(store),
      });
      const started = process.hrtime.bigint();
      let reported = 0;
      const result = await rebuilder.rebuild({
        batchSize: parsed.batchSize,
        keepPrevious: parsed.keepPrevious,
        onProgress: ({ generation, events }) => {
          if (events - reported < 100_000) return;
          reported = events;
          process.stderr.write(`generation ${generation}: ${events} events projected\n`);
        },
      });
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      process.stdout.write(
        `rebuilt the read models into generation ${result.generation} from ${result.events} events in ${seconds.toFixed(1)} s ` +
          `(${Math.round(result.events / Math.max(seconds, 0.001))} ev/s); generation ${result.previousGeneration} ` +
          `${result.previousDropped ? 'dropped' : 'kept (retired)'}\n`,
      );
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await store.close();
  }
};

if (require.main === module) {
  main().catch((error: unknown) => {
    const isUsage =
      error instanceof ConfigError ||
      error instanceof RangeError ||
      String((error as { code?: unknown }).code ?? '').startsWith('ERR_PARSE_ARGS');
    const detail = isUsage
      ? `${(error as Error).message}\n\n${USAGE}`
      : error instanceof Error
        ? (error.stack ?? error.message)
        : String(error);
    process.stderr.write(`projections:rebuild failed: ${detail}\n`);
    process.exitCode = 1;
  });
}
