import type { Batch, IHeaders, Producer } from 'kafkajs';
import type { ItemOutcome, RejectedOutcome } from '../pipeline/ingest-batch';
import { safeText } from '@monitoring/platform';
import { deadLetterTopicOf } from './kafka-topics';

/** Headers a dead-lettered message carries, besides its own. */
export const DLQ_HEADERS = {
  reason: 'dlq-reason',
  category: 'dlq-category',
  originalTopic: 'dlq-original-topic',
  originalPartition: 'dlq-original-partition',
  originalOffset: 'dlq-original-offset',
  recordType: 'dlq-record-type',
  sourceId: 'dlq-source-id',
  rejectedAt: 'dlq-rejected-at',
} as const;

const MAX_HEADER_CHARS = 1_000;

/**
 * Sends rejected messages to `<topic>.dlq`: the original key, value and headers, plus the reason and
 * where the message was (topic, partition, offset), so the sender can fix and resend it.
 */
export class DeadLetterPublisher {
  constructor(
    private readonly producer: Producer,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Publishes the batch's rejected messages (outcomes are in message order); returns how many. */
  async publish(batch: Batch, outcomes: readonly ItemOutcome[]): Promise<number> {
    const rejectedAt = this.clock().toISOString();
    const messages = batch.messages.flatMap((message, index) => {
      const outcome = outcomes[index];
      if (outcome.status !== 'rejected') return [];
      return [
        {
          key: message.key,
          value: message.value,
          headers: {
            ...ownHeaders(message.headers),
            ...dlqHeaders(batch, message.offset, outcome, rejectedAt),
          },
        },
      ];
    });
    if (messages.length > 0) await this.producer.send({ topic: deadLetterTopicOf(batch.topic), messages });
    return messages.length;
  }
}

/** The message's headers without those of an earlier dead-lettering (a resent message rejected again). */
function ownHeaders(headers: IHeaders | undefined): IHeaders {
  return Object.fromEntries(Object.entries(headers ?? {}).filter(([name]) => !name.startsWith('dlq-')));
}

function dlqHeaders(batch: Batch, offset: string, outcome: RejectedOutcome, rejectedAt: string): IHeaders {
  return {
    [DLQ_HEADERS.reason]: safeText(outcome.reason, MAX_HEADER_CHARS),
    [DLQ_HEADERS.category]: outcome.category,
    [DLQ_HEADERS.originalTopic]: batch.topic,
    [DLQ_HEADERS.originalPartition]: String(batch.partition),
    [DLQ_HEADERS.originalOffset]: offset,
    ...(outcome.recordType !== undefined && { [DLQ_HEADERS.recordType]: safeText(outcome.recordType, 200) }),
    ...(outcome.sourceId !== undefined && { [DLQ_HEADERS.sourceId]: safeText(outcome.sourceId, 200) }),
    [DLQ_HEADERS.rejectedAt]: rejectedAt,
  };
}
