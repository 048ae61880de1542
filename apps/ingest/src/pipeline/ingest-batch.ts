import type { SourceTopic } from '@monitoring/domain';

/** How a record reached us; `rejected_messages.path`. */
export type IngestPath = 'kafka' | 'http' | 'file';

/** Where one record came from, precisely enough to find it again at the sender. */
export type RecordOrigin =
  | { path: 'kafka'; topic: string; partition: number; offset: string }
  | { path: 'http'; index: number; sender?: string }
  | { path: 'file'; file: string; line: number };

/** A record as received: decoded into a value, or the reason it could not be decoded (bad JSON, ...). */
export type RecordContent = { readable: true; value: unknown } | { readable: false; reason: string };

export interface IngestItem {
  origin: RecordOrigin;
  content: RecordContent;
  /** The text as received (a Kafka value, a file line), kept for the rejected-messages table. */
  text?: string;
}

/** Records of one feed, in arrival order, appended together. */
export interface IngestBatch {
  path: IngestPath;
  topic: SourceTopic;
  items: readonly IngestItem[];
}

/**
 * Why a record was refused, coarse enough for a metric label:
 * - `unreadable`: not a JSON object at all (bad JSON, bad UTF-8, a broken CSV row, no value);
 * - `invalid`: a record that fails its schema or a check (a claim whose parts do not add up);
 * - `conflict`: its source id was already received with different content;
 * - `refused`: valid by the schemas, but the event store will not take it (bad text encoding).
 */
export type RejectionCategory = 'unreadable' | 'invalid' | 'conflict' | 'refused';
export const REJECTION_CATEGORIES: readonly RejectionCategory[] = [
  'unreadable',
  'invalid',
  'conflict',
  'refused',
];

export type ItemOutcome =
  | { status: 'accepted' }
  | { status: 'duplicate' }
  | {
      status: 'rejected';
      category: RejectionCategory;
      /** One line, without personal data: `members[1].idNumber: check character should be 'X'`. */
      reason: string;
      recordType?: string;
      sourceId?: string;
    };

export type RejectedOutcome = Extract<ItemOutcome, { status: 'rejected' }>;

export interface BatchOutcome {
  /** One per item, in the batch's order. */
  outcomes: ItemOutcome[];
  accepted: number;
  duplicates: number;
  rejected: number;
}

/** Human-readable place of a record, for logs: `claims kafka partition 2 offset 1234`. */
export const describeOrigin = (origin: RecordOrigin): string => {
  switch (origin.path) {
    case 'kafka':
      return `${origin.topic} partition ${origin.partition} offset ${origin.offset}`;
    case 'http':
      return `http records[${origin.index}]${origin.sender ? ` from ${origin.sender}` : ''}`;
    case 'file':
      return `${origin.file} line ${origin.line}`;
  }
};
