import { randomBytes } from 'node:crypto';
import type { AppConfig } from '@monitoring/config';
import Redis from 'ioredis';
import { Client } from 'pg';

/** The demo's own database on the configured server: every run drops and recreates it. */
export const DEMO_DATABASE = 'monitoring_demo';

/**
 * The configuration of a demo run: the configured servers, but the demo's own database and Redis key
 * prefix, the PostgreSQL event store, and with Kafka, topics and a consumer group of this run only (a
 * real cluster may hold older messages under the usual names).
 */
export function demoConfig(base: AppConfig): AppConfig {
  const database = new URL(base.database.url);
  database.pathname = `/${DEMO_DATABASE}`;
  const run = `${new Date().toISOString().slice(0, 10).replaceAll('-', '')}-${randomBytes(3).toString('hex')}`;
  return {
    ...base,
    database: { url: database.toString() },
    redis: { ...base.redis, prefix: `${base.redis.prefix}_demo` },
    eventStore: { kind: 'postgres', eventStoreDbUrl: undefined },
    kafka: {
      ...base.kafka,
      topicPrefix: `${base.kafka.topicPrefix}demo-${run}.`,
      groupId: `${base.kafka.groupId}-demo-${run}`,
    },
  };
}

/** Drops the demo database if it is there and creates it empty. */
export async function recreateDatabase(databaseUrl: string): Promise<void> {
  const target = new URL(databaseUrl);
  const name = decodeURIComponent(target.pathname.slice(1));
  const maintenance = new URL(databaseUrl);
  maintenance.pathname = '/postgres';
  const client = new Client({ connectionString: maintenance.toString(), connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    const quoted = `"${name.replaceAll('"', '""')}"`;
    await client.query(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${quoted}`);
  } finally {
    await client.end();
  }
}

/** Deletes every Redis key under the prefix (queues and counters of an earlier run). Returns how many. */
export async function clearRedisPrefix(redisUrl: string, prefix: string): Promise<number> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await redis.connect();
    let deleted = 0;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) deleted += await redis.del(...keys);
    } while (cursor !== '0');
    return deleted;
  } finally {
    redis.disconnect();
  }
}

export function withoutPassword(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
