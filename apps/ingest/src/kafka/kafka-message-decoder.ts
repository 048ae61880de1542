import type { KafkaMessage } from 'kafkajs';
import type { IngestItem, RecordOrigin } from '../pipeline/ingest-batch';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** A message's value as an ingest item: its JSON, or why it has none. The text is kept for the rejection table. */
export function decodeKafkaMessage(topic: string, partition: number, message: KafkaMessage): IngestItem {
  const origin: RecordOrigin = { path: 'kafka', topic, partition, offset: message.offset };
  const value = message.value;
  if (value === null || value.length === 0) {
    return { origin, content: { readable: false, reason: 'the message has no value' }, text: '' };
  }
  let text: string;
  try {
    text = strictUtf8.decode(value);
  } catch {
    return {
      origin,
      content: { readable: false, reason: 'the message value is not valid UTF-8' },
      text: value.toString('utf8'),
    };
  }
  try {
    return { origin, content: { readable: true, value: JSON.parse(text) as unknown }, text };
  } catch (error) {
    return {
      origin,
      content: { readable: false, reason: `not valid JSON: ${(error as Error).message}` },
      text,
    };
  }
}
