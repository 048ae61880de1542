import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { ensureDatabaseExists } from './ensure-database';

const ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

function databaseUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function exists(name: string): Promise<boolean> {
  return admin(
    async (c) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1,
  );
}

describe('ensureDatabaseExists', () => {
  const created: string[] = [];
  const freshName = (label: string) => {
    const name = `t_ensure_${label}_${randomBytes(4).toString('hex')}`;
    created.push(name);
    return name;
  };

  afterAll(async () => {
    await admin(async (c) => {
      for (const name of created) await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    });
    // Dropping waits for a checkpoint, which takes seconds while other suites write.
  }, 60_000);

  it('creates a missing database and reports it', async () => {
    const name = freshName('missing');
    expect(await exists(name)).toBe(false);
    await expect(ensureDatabaseExists(databaseUrl(name))).resolves.toBe(true);
    expect(await exists(name)).toBe(true);
  });

  it('leaves an existing database alone', async () => {
    const name = freshName('existing');
    await admin((c) => c.query(`CREATE DATABASE "${name}"`));
    await expect(ensureDatabaseExists(databaseUrl(name))).resolves.toBe(false);
  });

  it('creates the database once when several processes start together', async () => {
    const name = freshName('race');
    const results = await Promise.all(
      Array.from({ length: 4 }, () => ensureDatabaseExists(databaseUrl(name))),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await exists(name)).toBe(true);
  });

  it('quotes names that need it', async () => {
    const name = freshName('Mixed-Case');
    await expect(ensureDatabaseExists(databaseUrl(name))).resolves.toBe(true);
    expect(await exists(name)).toBe(true);
  });

  it('fails with the connection error when no server answers', async () => {
    await expect(ensureDatabaseExists('postgres://postgres@127.0.0.1:1/monitoring')).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
  });
});
