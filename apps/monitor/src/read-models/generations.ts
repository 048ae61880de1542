import { GenerationTables } from './generation-tables';
import type { GenerationStatus } from './projection-generation.entity';
import { GENERATIONS_TABLE, generationSchema, READ_MODEL_TABLES } from './read-model.names';
import type { SqlRunner } from './sql-runner';

/**
 * Generations of the read-model tables. A rebuild projects the whole log into a new generation while
 * the active one keeps serving, then switches the views in one transaction; the live projector
 * notices at its next batch and continues on the new generation from that generation's checkpoint.
 */

export class NoActiveGeneration extends Error {
  constructor() {
    super(`no active read-model generation: run the monitor's migrations (${GENERATIONS_TABLE} is empty)`);
    this.name = 'NoActiveGeneration';
  }
}

interface GenerationRow {
  generation: number;
  schema_name: string;
  status: GenerationStatus;
}

const tablesOf = (row: GenerationRow): GenerationTables =>
  new GenerationTables(row.generation, row.schema_name);

export const activeGeneration = async (sql: SqlRunner): Promise<GenerationTables> => {
  const { rows } = await sql.query<GenerationRow>(
    `SELECT generation, schema_name, status FROM ${GENERATIONS_TABLE} WHERE status = 'active'`,
  );
  if (rows.length === 0) throw new NoActiveGeneration();
  return tablesOf(rows[0]);
};

export const generationStatus = async (
  sql: SqlRunner,
  generation: number,
): Promise<GenerationStatus | null> => {
  const { rows } = await sql.query<{ status: GenerationStatus }>(
    `SELECT status FROM ${GENERATIONS_TABLE} WHERE generation = $1`,
    [generation],
  );
  return rows[0]?.status ?? null;
};

/** Generations left `building` by a rebuild that did not finish. */
export const abandonedGenerations = async (sql: SqlRunner): Promise<GenerationTables[]> => {
  const { rows } = await sql.query<GenerationRow>(
    `SELECT generation, schema_name, status FROM ${GENERATIONS_TABLE} WHERE status = 'building' ORDER BY generation`,
  );
  return rows.map(tablesOf);
};

/** A new, empty generation shaped like `template` (columns, defaults, constraints, indexes). */
export const createGeneration = async (
  sql: SqlRunner,
  template: GenerationTables,
): Promise<GenerationTables> => {
  const { rows } = await sql.query<{ generation: number }>(
    `SELECT coalesce(max(generation), 0) + 1 AS generation FROM ${GENERATIONS_TABLE}`,
  );
  const generation = rows[0].generation;
  const tables = new GenerationTables(generation, generationSchema(generation));
  await sql.query(`CREATE SCHEMA ${tables.schema}`);
  for (const table of READ_MODEL_TABLES) {
    await sql.query(`CREATE TABLE ${tables.table(table)} (LIKE ${template.table(table)} INCLUDING ALL)`);
  }
  await sql.query(
    `INSERT INTO ${GENERATIONS_TABLE} (generation, schema_name, status) VALUES ($1, $2, 'building')`,
    [generation, tables.schema],
  );
  return tables;
};

/**
 * Makes `next` the active generation: the views point at its tables and the previous one is retired.
 * Run it in a transaction: readers see the old tables or the new ones, never a mix.
 */
export const activateGeneration = async (sql: SqlRunner, next: GenerationTables): Promise<void> => {
  await sql.query(
    `UPDATE ${GENERATIONS_TABLE} SET status = 'retired', retired_at = now() WHERE status = 'active' AND generation <> $1`,
    [next.generation],
  );
  await sql.query(
    `UPDATE ${GENERATIONS_TABLE} SET status = 'active', activated_at = now() WHERE generation = $1`,
    [next.generation],
  );
  for (const table of READ_MODEL_TABLES) {
    // Dropped and created rather than replaced: a later migration may have changed the columns.
    await sql.query(`DROP VIEW IF EXISTS ${table}`);
    await sql.query(`CREATE VIEW ${table} AS SELECT * FROM ${next.table(table)}`);
  }
};

/**
 * Drops a generation that is not active, tables and all. Takes the generation's writer lock first, so
 * that a batch still writing it finishes before, and the next one finds it gone (and moves on),
 * rather than the two deadlocking on its tables.
 */
export const dropGeneration = async (sql: SqlRunner, tables: GenerationTables): Promise<void> => {
  await tables.lock(sql);
  const status = await generationStatus(sql, tables.generation);
  if (status === 'active') throw new Error(`generation ${tables.generation} is active: it cannot be dropped`);
  await sql.query(`DROP SCHEMA IF EXISTS ${tables.schema} CASCADE`);
  await sql.query(`DELETE FROM ${GENERATIONS_TABLE} WHERE generation = $1`, [tables.generation]);
};
