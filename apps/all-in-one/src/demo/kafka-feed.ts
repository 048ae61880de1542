import { setTimeout as sleep } from 'node:timers/promises';
import type { AuthUser } from '@monitoring/auth';
import type { SourceTopic } from '@monitoring/domain';
import type { ProvinceLine } from '@monitoring/synthetic';
import { Kafka, logLevel, type Message } from 'kafkajs';
import { demoUsers, type DemoApi } from './demo-api';
import { emptyTally, type FeedProgress, type FeedTally } from './province-feed';

/** Messages per send. */
const CHUNK = 2_000;
/** Fails when the consumer takes nothing for this long. */
const STALL_MS = 120_000;

export interface KafkaFeedOptions {
  brokers: readonly string[];
  /** The topics the running consumer reads: `<prefix>registry`, `<prefix>income`, `<prefix>claims`. */
  topicPrefix: string;
  /**
   * Most messages produced ahead of what the consumer has taken. librdkafka's mock broker keeps only
   * about 5 MB per partition (DESIGN §7), so a producer far ahead would lose messages there.
   */
  window: number;
  onProgress?: FeedProgress;
}

/**
 * Feeds the province to the departments' Kafka topics, keyed by household, while the application's
 * consumer group takes them; resolves once the consumer has accounted for every message. The outcome
 * counts come from the application's own ingest metrics (`/metrics`, path `kafka`).
 */
export async function feedOverKafka(
  api: DemoApi,
  province: string,
  lines: AsyncIterable<ProvinceLine>,
  options: KafkaFeedOptions,
): Promise<FeedTally> {
  const tally = emptyTally('kafka');
  const admin = demoUsers.admin(province);
  const producer = new Kafka({
    clientId: 'demo-departments',
    brokers: [...options.brokers],
    logLevel: logLevel.ERROR,
  }).producer();
  const started = performance.now();
  const progress: FeedProgress = (current) => {
    current.elapsedMs = performance.now() - started;
    options.onProgress?.(current);
  };
  await producer.connect();
  try {
    let chunk: ProvinceLine[] = [];
    const flush = async () => {
      await waitForConsumer(api, admin, tally, tally.lines - options.window, progress);
      const byTopic = new Map<SourceTopic, Message[]>();
      for (const line of chunk) {
        const messages = byTopic.get(line.topic) ?? [];
        messages.push({ key: line.householdId, value: line.line });
        byTopic.set(line.topic, messages);
        tally.byTopic[line.topic] += 1;
      }
      await producer.sendBatch({
        topicMessages: [...byTopic].map(([topic, messages]) => ({
          topic: `${options.topicPrefix}${topic}`,
          messages,
        })),
      });
      tally.lines += chunk.length;
      chunk = [];
    };
    for await (const line of lines) {
      chunk.push(line);
      if (chunk.length >= CHUNK) await flush();
    }
    if (chunk.length > 0) await flush();
    await waitForConsumer(api, admin, tally, tally.lines, progress);
  } finally {
    await producer.disconnect();
  }
  tally.elapsedMs = performance.now() - started;
  return tally;
}

/** Waits until the consumer has accounted for at least `target` messages, updating the tally from `/metrics`. */
async function waitForConsumer(
  api: DemoApi,
  user: AuthUser,
  tally: FeedTally,
  target: number,
  onProgress?: FeedProgress,
): Promise<void> {
  let last = -1;
  let lastMoved = performance.now();
  for (;;) {
    const counts = ingestCounts(await api.text('/metrics', user), 'kafka');
    Object.assign(tally, counts);
    const taken = counts.accepted + counts.duplicates + counts.rejected;
    if (taken >= target) return;
    if (taken !== last) {
      last = taken;
      lastMoved = performance.now();
      onProgress?.(tally);
    } else if (performance.now() - lastMoved > STALL_MS) {
      throw new Error(
        `the Kafka consumer took nothing for ${STALL_MS / 1000} s after ${taken} of ${tally.lines} messages ` +
          '(is the broker up? the mock broker drops messages beyond ~5 MB per partition)',
      );
    }
    await sleep(250);
  }
}

/** Sums of ingest's record counters for one path, read from the Prometheus text format. */
export function ingestCounts(
  metricsText: string,
  path: 'http' | 'kafka' | 'file',
): { accepted: number; duplicates: number; rejected: number } {
  const sums = { accepted: 0, duplicates: 0, rejected: 0 };
  const names: Record<string, keyof typeof sums> = {
    ingest_records_accepted_total: 'accepted',
    ingest_records_duplicate_total: 'duplicates',
    ingest_records_rejected_total: 'rejected',
  };
  for (const line of metricsText.split('\n')) {
    const match = /^(\w+)\{([^}]*)\}\s+(\d+(?:\.\d+)?(?:e\+\d+)?)$/.exec(line);
    if (!match) continue;
    const key = names[match[1]];
    if (key !== undefined && match[2].includes(`path="${path}"`)) sums[key] += Number(match[3]);
  }
  return sums;
}
