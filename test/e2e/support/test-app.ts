import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig, type Environment } from '@monitoring/config';
import { createApplication, type ApplicationDefinition } from '@monitoring/platform';
import { __resetOutOfContextForTests } from 'nestjs-pino/PinoLogger';

export interface TestApp {
  app: NestExpressApplication;
  /** JSON log lines, when the app was started with `captureLogs`. */
  logs: string[];
  close(): Promise<void>;
}

/**
 * Starts an application in this process exactly as `main` does, with the given settings on top of the
 * local defaults. Logs are silent unless captured.
 */
export async function startTestApp(
  definition: ApplicationDefinition,
  env: Environment,
  options: { captureLogs?: boolean } = {},
): Promise<TestApp> {
  const logs: string[] = [];
  // nestjs-pino keeps one root logger per process (one app per process in production); tests start
  // several apps in turn, and each must log with its own service name, level and destination.
  __resetOutOfContextForTests();
  const config = loadConfig({ LOG_LEVEL: options.captureLogs ? 'info' : 'silent', ...env });
  const app = await createApplication(definition, config, {
    logDestination: options.captureLogs ? { write: (line: string) => void logs.push(line) } : undefined,
  });
  return { app, logs, close: () => app.close() };
}

/** Every route Nest mapped, as `METHOD /path`, read from its start-up log (start with `captureLogs`). */
export function mappedRoutes(logs: readonly string[]): string[] {
  return logs.flatMap((line) => {
    const { context, msg } = JSON.parse(line) as { context?: string; msg?: string };
    const match = context === 'RouterExplorer' ? /^Mapped \{(\S+), (\w+)\} route$/.exec(msg ?? '') : null;
    return match ? [`${match[2]} ${match[1]}`] : [];
  });
}
