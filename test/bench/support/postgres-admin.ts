import { Client } from 'pg';

/** Runs one statement on its own connection (CREATE DATABASE, DROP DATABASE, CHECKPOINT ...). */
export async function admin(connectionString: string, sql: string): Promise<void> {
  const client = new Client({ connectionString });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
