import type { IngestItem, IngestPath, RejectedOutcome, RejectionCategory } from '../pipeline/ingest-batch';
import { safeText } from '@monitoring/platform';

/** Longest payload kept per rejected record; the rest is cut (the length is kept). */
export const MAX_STORED_PAYLOAD_CHARS = 8_192;
const MAX_REASON_CHARS = 2_000;
const MAX_IDENTIFIER_CHARS = 200;

/** One row of `rejected_messages`: what was refused, where it came from and why. */
export interface RejectedMessage {
  receivedAt: Date;
  path: IngestPath;
  /** The feed: registry, income or claims. */
  topic: string;
  kafkaTopic: string | null;
  kafkaPartition: number | null;
  kafkaOffset: string | null;
  fileName: string | null;
  fileLine: number | null;
  httpIndex: number | null;
  /** The authenticated caller of an HTTP request. */
  sender: string | null;
  recordType: string | null;
  sourceId: string | null;
  householdId: string | null;
  category: RejectionCategory;
  reason: string;
  /** The record as received, ID numbers masked, cut to MAX_STORED_PAYLOAD_CHARS. */
  payload: string;
  /** Length of the payload as received, in characters. */
  payloadLength: number;
  /**
   * Identifies a delivery that can be repeated by the transport (a Kafka offset re-read after a crash),
   * so recording it again is a no-op. Null where each delivery is its own attempt (HTTP, file runs).
   */
  deliveryKey: string | null;
}

/** The rejected item as received: its text, or its value written as JSON. */
export const payloadOf = (item: IngestItem): string => {
  if (item.text !== undefined) return item.text;
  if (!item.content.readable) return '';
  try {
    return JSON.stringify(item.content.value) ?? String(item.content.value);
  } catch {
    return String(item.content.value);
  }
};

const householdIdOf = (item: IngestItem): string | undefined => {
  if (!item.content.readable) return undefined;
  const value = item.content.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const householdId = (value as Record<string, unknown>).householdId;
  return typeof householdId === 'string' ? householdId : undefined;
};

const optionalText = (text: string | undefined, max: number): string | null =>
  text === undefined ? null : safeText(text, max);

export const toRejectedMessage = (
  topic: string,
  item: IngestItem,
  outcome: RejectedOutcome,
  receivedAt: Date,
): RejectedMessage => {
  const payload = payloadOf(item);
  const { origin } = item;
  return {
    receivedAt,
    path: origin.path,
    topic,
    kafkaTopic: origin.path === 'kafka' ? origin.topic : null,
    kafkaPartition: origin.path === 'kafka' ? origin.partition : null,
    kafkaOffset: origin.path === 'kafka' ? origin.offset : null,
    fileName: origin.path === 'file' ? safeText(origin.file, 1_000) : null,
    fileLine: origin.path === 'file' ? origin.line : null,
    httpIndex: origin.path === 'http' ? origin.index : null,
    sender: origin.path === 'http' ? optionalText(origin.sender, MAX_IDENTIFIER_CHARS) : null,
    recordType: optionalText(outcome.recordType, MAX_IDENTIFIER_CHARS),
    sourceId: optionalText(outcome.sourceId, MAX_IDENTIFIER_CHARS),
    householdId: optionalText(householdIdOf(item), MAX_IDENTIFIER_CHARS),
    category: outcome.category,
    reason: safeText(outcome.reason, MAX_REASON_CHARS),
    payload: safeText(payload, MAX_STORED_PAYLOAD_CHARS),
    payloadLength: payload.length,
    deliveryKey:
      origin.path === 'kafka' ? `kafka:${origin.topic}:${origin.partition}:${origin.offset}` : null,
  };
};

/** Where rejected records are kept (the `rejected_messages` table). */
export interface RejectionRecorder {
  /** Stores the rows; a row whose delivery key is stored already is skipped. */
  record(rejections: readonly RejectedMessage[]): Promise<void>;
}
