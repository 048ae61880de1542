import { loadConfig, type AppConfig, type Environment } from './app-config';

/**
 * The one place that reads `process.env`: entry points call it once at start-up and hand the result
 * to the Nest modules. `fallback` supplies values for settings the environment leaves unset.
 */
export function configFromEnvironment(fallback: Environment = {}): AppConfig {
  return loadConfig({ ...fallback, ...withoutEmpty(process.env) });
}

function withoutEmpty(env: NodeJS.ProcessEnv): Environment {
  return Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''),
  );
}
