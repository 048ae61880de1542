import { Client } from 'pg';

const INVALID_CATALOG_NAME = '3D000';
const DUPLICATE_DATABASE = '42P04';
const UNIQUE_VIOLATION = '23505';

/**
 * Makes sure the database named in `databaseUrl` exists, creating it through the `postgres`
 * maintenance database when it does not (a fresh machine, the demo). Safe to run from several
 * processes at once. Returns true when this call created it.
 */
export async function ensureDatabaseExists(databaseUrl: string): Promise<boolean> {
  const target = new URL(databaseUrl);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!name) throw new Error('DATABASE_URL names no database');

  // The usual case costs one connection to the target itself and needs no rights on `postgres`.
  try {
    await withClient(databaseUrl, () => Promise.resolve());
    return false;
  } catch (err) {
    if (codeOf(err) !== INVALID_CATALOG_NAME) throw err;
  }

  const maintenance = new URL(databaseUrl);
  maintenance.pathname = '/postgres';
  return withClient(maintenance.toString(), async (client) => {
    try {
      await client.query(`CREATE DATABASE ${quoteIdentifier(name)}`);
      return true;
    } catch (err) {
      // Another process created it between our check and our CREATE.
      if (codeOf(err) === DUPLICATE_DATABASE || codeOf(err) === UNIQUE_VIOLATION) return false;
      throw err;
    }
  });
}

async function withClient<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({
    connectionString: url,
    application_name: 'monitoring-ensure-database',
    connectionTimeoutMillis: 10_000,
  });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function codeOf(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err
    ? String((err as { code: unknown }).code)
    : undefined;
}
