/**
 * Names of the monitor's read models. Each generation of tables lives in its own PostgreSQL schema
 * (`monitor_g1`, `monitor_g2`, ...); the names other contexts read (`household_risk`,
 * `monitoring_case`, ...) are views over the active generation, switched in one transaction when a
 * rebuild has caught up (see rebuild/projection-rebuilder.ts).
 */

/** The views (and the tables of every generation) under these names are a contract with other contexts. */
export const READ_MODEL_TABLES = [
  'household_risk',
  'household_projection_state',
  'monitoring_case',
  'projection_checkpoint',
] as const;
export type ReadModelTable = (typeof READ_MODEL_TABLES)[number];

/** The row of `projection_checkpoint` this projector owns. */
export const PROJECTION_NAME = 'monitor';

/** Which generation of tables is active, which is being rebuilt, which were retired. */
export const GENERATIONS_TABLE = 'projection_generations';

export const generationSchema = (generation: number): string => {
  if (!Number.isSafeInteger(generation) || generation < 1) {
    throw new RangeError(`a read-model generation is a positive integer, got ${generation}`);
  }
  return `monitor_g${generation}`;
};

/** `monitor_g2.household_risk`: identifiers are generated here, never taken from input. */
export const qualified = (schema: string, table: ReadModelTable): string => `${schema}.${table}`;
