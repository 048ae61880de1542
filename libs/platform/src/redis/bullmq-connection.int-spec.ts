import { closedPort, createRedisPrefix, TEST_REDIS_URL } from '@monitoring/testing';
import { Queue, Worker } from 'bullmq';
import { bullConnection, closeBullMq } from './bullmq-connection';

/** Errors that escaped every handler while `run` went on, and for a moment after. */
async function strayErrorsDuring(run: () => Promise<void>): Promise<string[]> {
  const stray: string[] = [];
  const record = (error: unknown) => stray.push(error instanceof Error ? error.message : String(error));
  process.on('unhandledRejection', record);
  process.on('uncaughtException', record);
  try {
    await run();
    await new Promise((resolve) => setTimeout(resolve, 300));
  } finally {
    process.off('unhandledRejection', record);
    process.off('uncaughtException', record);
  }
  return stray;
}

function queueAndWorker(url: string, prefix: string): [Queue, Worker] {
  const queue = new Queue('probe', { connection: bullConnection(url), prefix });
  const worker = new Worker('probe', async () => undefined, { connection: bullConnection(url), prefix });
  // Connection errors (Redis refusing) are expected here; only unhandled ones count.
  queue.on('error', () => undefined);
  worker.on('error', () => undefined);
  return [queue, worker];
}

describe('closeBullMq', () => {
  const redis = createRedisPrefix('bullmq-close');

  afterAll(() => redis.cleanup());

  it('closes queues and workers caught while still connecting without a stray "Connection is closed"', async () => {
    const closed: Array<[Queue, Worker]> = [];
    const stray = await strayErrorsDuring(async () => {
      // Closing a few milliseconds in lands in BullMQ's start-up version check, where a bare close()
      // leaves a rejection nobody listens to.
      for (let round = 0; round < 40; round += 1) {
        const pair = queueAndWorker(TEST_REDIS_URL, redis.prefix);
        await new Promise((resolve) => setTimeout(resolve, round % 4));
        await Promise.all(pair.map((target) => closeBullMq(target)));
        closed.push(pair);
      }
    });
    expect(stray).toEqual([]);
    for (const [queue, worker] of closed) {
      expect(queue.closing).toBeDefined();
      expect(worker.isRunning()).toBe(false);
      expect((await queue.client).status).toBe('end');
    }
  });

  it('closes after its bounded wait when Redis does not answer', async () => {
    const unreachable = `redis://127.0.0.1:${await closedPort()}`;
    const stray = await strayErrorsDuring(async () => {
      const [queue, worker] = queueAndWorker(unreachable, redis.prefix);
      await Promise.all([closeBullMq(queue, 200), closeBullMq(worker, 200)]);
      expect(worker.closing).toBeDefined();
      expect(queue.closing).toBeDefined();
    });
    expect(stray).toEqual([]);
  });
});
