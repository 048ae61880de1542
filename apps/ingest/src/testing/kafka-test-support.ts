import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel, type Admin, type IHeaders, type KafkaMessage, type Producer } from 'kafkajs';

/** Polls `check` until it returns true; fails with `what` after `timeoutMs` (a deadline, not an assertion on speed). */
export async function eventually(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 45_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(100);
  }
}

export function testKafka(brokers: string[]): Kafka {
  return new Kafka({ clientId: 'ingest-test', brokers, logLevel: logLevel.NOTHING });
}

export interface KeyedRecord {
  householdId: string;
}

/** Sends JSON records keyed by household, or raw values as given. */
export async function produce(
  producer: Producer,
  topic: string,
  messages: readonly (KeyedRecord | { key: string; value: string | Buffer })[],
): Promise<void> {
  await producer.send({
    topic,
    messages: messages.map((message) =>
      'value' in message
        ? { key: message.key, value: message.value }
        : { key: message.householdId, value: JSON.stringify(message) },
    ),
  });
}

/** Committed offset per partition of the group (`-1`: none), and the partitions' high watermarks. */
export async function offsetsOf(
  admin: Admin,
  groupId: string,
  topic: string,
): Promise<{ committed: Map<number, bigint>; high: Map<number, bigint> }> {
  const [group] = await admin.fetchOffsets({ groupId, topics: [topic] });
  const high = await admin.fetchTopicOffsets(topic);
  return {
    committed: new Map(group.partitions.map((p) => [p.partition, BigInt(p.offset)])),
    high: new Map(high.map((p) => [p.partition, BigInt(p.high)])),
  };
}

/** True when the group has committed every message of the topic. */
export async function allCommitted(admin: Admin, groupId: string, topic: string): Promise<boolean> {
  const { committed, high } = await offsetsOf(admin, groupId, topic);
  return [...high].every(([partition, offset]) => offset === 0n || committed.get(partition) === offset);
}

/** Sum of the group's committed offsets over the topic's partitions (none committed counts 0). */
export async function committedCount(admin: Admin, groupId: string, topic: string): Promise<bigint> {
  const { committed } = await offsetsOf(admin, groupId, topic);
  return [...committed.values()].reduce((sum, offset) => sum + (offset > 0n ? offset : 0n), 0n);
}

export interface ReadMessage {
  topic: string;
  partition: number;
  message: KafkaMessage;
}

/** Reads `count` messages of a topic from the beginning with a throwaway group. */
export async function readMessages(kafka: Kafka, topic: string, count: number): Promise<ReadMessage[]> {
  const consumer = kafka.consumer({ groupId: `reader-${topic}-${Math.random().toString(16).slice(2)}` });
  const received: ReadMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      void consumer
        .run({
          eachMessage: async ({ topic: from, partition, message }) => {
            received.push({ topic: from, partition, message });
            if (received.length >= count) resolve();
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return received;
}

export const headerText = (headers: IHeaders | undefined, name: string): string | undefined => {
  const value = headers?.[name];
  if (value === undefined) return undefined;
  return (Array.isArray(value) ? value[0] : value).toString();
};
