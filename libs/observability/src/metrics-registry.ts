import { collectDefaultMetrics, Registry } from 'prom-client';

export interface MetricsRegistryOptions {
  /** Process metrics (CPU, memory, event-loop lag, GC) under `process_` and `nodejs_` (default true). */
  defaultMetrics?: boolean;
  /** Labels every series of this process carries, such as `{ service: 'ingest' }`. */
  defaultLabels?: Record<string, string>;
}

/**
 * One registry per process (or per test application), never prom-client's global one: two Nest
 * applications in one process (tests, the all-in-one process) would otherwise collide on metric names.
 */
export function createMetricsRegistry(options: MetricsRegistryOptions = {}): Registry {
  const registry = new Registry();
  if (options.defaultLabels) registry.setDefaultLabels(options.defaultLabels);
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  return registry;
}
