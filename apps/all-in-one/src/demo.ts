import { configFromEnvironment, type AppConfig } from '@monitoring/config';
import { clearRedisPrefix, demoConfig, recreateDatabase, withoutPassword } from './demo/demo-environment';
import { DEMO_USAGE, parseDemoArguments } from './demo/demo-options';
import { stdoutOutput } from './demo/demo-output';
import { printSummary } from './demo/demo-summary';
import { runDemo } from './demo/run-demo';

/**
 * `npm run demo -- [--households N] [--seed S] [--until ISO] [--keep]`: a synthetic province through the whole system
 * in one process, against its own database (dropped and recreated: each run starts clean) and Redis key
 * prefix; prints what it did and a summary. Exits 0 when every step worked, 1 with the reason otherwise.
 */
async function main(): Promise<number> {
  let options: ReturnType<typeof parseDemoArguments>;
  try {
    options = parseDemoArguments(process.argv.slice(2), new Date());
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${DEMO_USAGE}`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(DEMO_USAGE);
    return 0;
  }
  const say = stdoutOutput.say;
  // The demo prints its own progress; the JSON log shows only errors unless LOG_LEVEL says otherwise.
  // Its own API takes requests as fast as the demo sends them (no per-token rate limit).
  const config: AppConfig = demoConfig(
    configFromEnvironment({
      LOG_LEVEL: 'error',
      EXCHANGE_DIR: './var/demo/exchanges',
      RATE_LIMIT_INGEST_PER_MINUTE: '0',
      RATE_LIMIT_READS_PER_MINUTE: '0',
    }),
  );
  say(`Demo: ${options.households} households, seed ${JSON.stringify(options.seed)}`);
  say(
    `  database ${withoutPassword(config.database.url)} (dropped and created again: every run starts clean)`,
  );
  await recreateDatabase(config.database.url);
  const cleared = await clearRedisPrefix(config.redis.url, config.redis.prefix);
  say(
    `  redis    ${withoutPassword(config.redis.url)}, key prefix ${config.redis.prefix} (${cleared} old keys deleted)`,
  );
  say(`  exchange files under ${config.exchange.dir}`);

  const { app, result } = await runDemo({
    config,
    province: { households: options.households, seed: options.seed, until: options.until },
    output: stdoutOutput,
  });
  printSummary(result, stdoutOutput);
  if (options.keep) {
    say('');
    say(`The API keeps running at ${result.baseUrl} (--keep); Ctrl+C stops it.`);
    return -1;
  }
  await app.close();
  say('');
  say('Done: the API has stopped (run with --keep to leave it running).');
  return 0;
}

main().then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`\ndemo failed: ${message}\n`);
    if (/ECONNREFUSED|getaddrinfo/.test(message)) {
      process.stderr.write('Are PostgreSQL (DATABASE_URL) and Redis (REDIS_URL) running?\n');
    }
    if (message.includes('EADDRINUSE')) {
      process.stderr.write('The port is in use: set PORT to a free port (PORT=0 picks one).\n');
    }
    process.exit(1);
  },
);
