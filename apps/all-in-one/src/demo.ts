import { signToken } from '@monitoring/auth';
import { configFromEnvironment, type AppConfig } from '@monitoring/config';
import { createApplication, listen } from '@monitoring/platform';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { allInOneApplication, allInOneParts } from './all-in-one.application';

interface HealthAnswer {
  status?: string;
  details?: Record<string, { status: string; message?: string; [key: string]: unknown }>;
}

/**
 * `npm run demo`: starts ingest, monitor and reporting in this process against the local PostgreSQL
 * and Redis, asks the health endpoint over HTTP, prints what it found and stops. Exits non-zero with
 * the reason when anything is down.
 */
async function main(): Promise<number> {
  // The demo prints its own summary; the JSON log shows only warnings unless LOG_LEVEL says otherwise.
  const config = configFromEnvironment({ LOG_LEVEL: 'warn' });
  say(`Starting ${allInOneParts.map((part) => part.service).join(', ')} in one process`);
  say(`  database ${withoutPassword(config.database.url)}`);
  say(`  redis    ${withoutPassword(config.redis.url)} (key prefix ${config.redis.prefix})`);

  const app = await createApplication(allInOneApplication, config);
  try {
    const base = await listenOrExplain(app, config);
    const response = await fetch(`${base}/health`, { headers: authorizationFor(config) });
    const body = (await response.json()) as HealthAnswer;
    say('');
    say(`GET ${base}/health -> ${response.status} ${body.status ?? ''}`);
    for (const [name, detail] of Object.entries(body.details ?? {})) {
      const { status, ...rest } = detail;
      const extra = Object.entries(rest).map(([key, value]) => `${key}=${String(value)}`);
      say(`  ${name.padEnd(9)} ${status}${extra.length ? `  (${extra.join(', ')})` : ''}`);
    }
    say('');
    if (!response.ok) {
      say(
        `The system is NOT healthy: fix what is down above (is PostgreSQL at ${withoutPassword(config.database.url)} and Redis running?).`,
      );
      return 1;
    }
    say(`The system is up. API base URL: ${base} (stopped again now that the demo is over).`);
    return 0;
  } finally {
    await app.close();
  }
}

async function listenOrExplain(app: NestExpressApplication, config: AppConfig): Promise<string> {
  try {
    return await listen(app, config);
  } catch (err) {
    if ((err as { code?: string }).code === 'EADDRINUSE') {
      throw new Error(
        `port ${config.http.port} on ${config.http.host} is in use; set PORT to a free port (PORT=0 picks one)`,
      );
    }
    throw err;
  }
}

/** When HEALTH_PUBLIC=false the health endpoint wants an admin token; sign one with the configured secret. */
function authorizationFor(config: AppConfig): Record<string, string> {
  if (config.health.public) return {};
  return {
    authorization: `Bearer ${signToken({ sub: 'demo', role: 'admin', region: '41' }, config.auth.jwtSecret)}`,
  };
}

function withoutPassword(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`demo failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
