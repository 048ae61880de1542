import type { Pool } from 'pg';

export interface SqlMigration {
  version: number;
  description: string;
  sql: string;
}

/** One lock for every component's migrations, so processes starting together apply them once. */
const MIGRATION_LOCK_KEY = '7311146993653985893';

/**
 * Applies the component's migrations that are not yet recorded in `event_store_migrations`, in
 * version order, in one transaction under an advisory lock: idempotent, and safe when several
 * processes start at once (the others wait, then find nothing left to do). Returns the versions applied.
 */
export async function applyMigrations(
  pool: Pool,
  component: string,
  migrations: readonly SqlMigration[],
): Promise<number[]> {
  const client = await pool.connect();
  let failure: Error | undefined;
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
    await client.query(`
      CREATE TABLE IF NOT EXISTS event_store_migrations (
        component text NOT NULL,
        version integer NOT NULL,
        description text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (component, version)
      )`);
    const { rows } = await client.query<{ version: number }>(
      'SELECT version FROM event_store_migrations WHERE component = $1',
      [component],
    );
    const done = new Set(rows.map((row) => row.version));
    const applied: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query(
        'INSERT INTO event_store_migrations (component, version, description) VALUES ($1, $2, $3)',
        [component, migration.version, migration.description],
      );
      applied.push(migration.version);
    }
    await client.query('COMMIT');
    return applied;
  } catch (error) {
    failure = error as Error;
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release(failure);
  }
}
