import type { ConnectionOptions } from 'bullmq';
import { withTimeout } from '../health/with-timeout';

/** BullMQ connection options from a `redis://` or `rediss://` URL (BullMQ opens its own connections). */
export function bullConnection(url: string): ConnectionOptions {
  const parsed = new URL(url);
  const db = parsed.pathname.replace(/^\//, '');
  return {
    host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: parsed.port === '' ? 6379 : Number(parsed.port),
    ...(parsed.username !== '' && { username: decodeURIComponent(parsed.username) }),
    ...(parsed.password !== '' && { password: decodeURIComponent(parsed.password) }),
    ...(db !== '' && { db: Number(db) }),
    ...(parsed.protocol === 'rediss:' && { tls: {} }),
    // Workers block on Redis; BullMQ needs requests to wait for a reconnection rather than fail.
    maxRetriesPerRequest: null,
    // ioredis arms this timer even for a socket that already failed, which would hold a stopping process.
    disconnectTimeout: 500,
  };
}

/** A BullMQ queue or worker, as far as closing it goes. */
export interface BullMqClosable {
  waitUntilReady(): Promise<unknown>;
  close(): Promise<void>;
}

/**
 * How long a close waits for a connection still being set up. A reachable Redis finishes in a round
 * trip or two; an unreachable one never does, and a stopping process should not hang on it.
 */
export const BULLMQ_READY_WAIT_MS = 500;

/**
 * Closes a queue or worker once its connections have finished setting up, waiting at most `readyWithinMs`.
 * BullMQ 5 throws an unhandled "Connection is closed" when an object is closed while its start-up
 * version check is still in flight: the check fails after the object dropped its error listeners.
 * (BullMQ 6 guards it, but its worker never finishes closing while Redis is unreachable.) When Redis
 * does not answer, nothing is in flight and the close goes ahead after the wait.
 */
export async function closeBullMq(
  target: BullMqClosable,
  readyWithinMs: number = BULLMQ_READY_WAIT_MS,
): Promise<void> {
  // Not ready in time, or a failed set-up: nothing is in flight either way; close as usual.
  await withTimeout(target.waitUntilReady(), readyWithinMs, 'not ready').catch(() => undefined);
  await target.close();
}
