import { resolve } from 'node:path';
import type { SourceTopic } from '@monitoring/domain';
import type { BatchOutcome, IngestItem } from '../pipeline/ingest-batch';
import type { IngestPipeline } from '../pipeline/ingest-pipeline';
import { FILE_RETRY_POLICY, type RetryPolicy } from '../pipeline/retry-policy';
import { readFileRecords, type FileFormat, type FileRecord } from './file-records';
import { RejectedRecordsFile } from './rejected-records-file';

export interface FileImportRequest {
  file: string;
  topic: SourceTopic;
  format: FileFormat;
  /** Records appended per `appendMany` (default 2,000). */
  batchSize?: number;
  /** Batches appended at the same time, each for its own share of the households (default 2). */
  lanes?: number;
  /** Where rejected records go (default `<file>.rejected.jsonl`). */
  rejectedFile?: string;
  /** Aborting stops reading; the batches in flight are finished, then the import ends (`interrupted`). */
  signal?: AbortSignal;
  /** Called after every stored batch. */
  onProgress?: (progress: ImportProgress) => void;
}

export interface ImportCounts {
  read: number;
  accepted: number;
  duplicates: number;
  rejected: number;
}

export interface ImportProgress extends ImportCounts {
  bytesRead: number;
  elapsedMs: number;
}

export interface FileImportSummary extends ImportCounts {
  file: string;
  elapsedMs: number;
  /** The side file, when a record was rejected. */
  rejectedFile?: string;
  /** The import stopped early on request. */
  interrupted: boolean;
}

export const DEFAULT_IMPORT_BATCH_SIZE = 2_000;
export const DEFAULT_IMPORT_LANES = 2;

/** One lane: a share of the households, whose batches are stored one after the other. */
interface Lane {
  buffer: FileRecord[];
  /** The lane's last batch, stored once every earlier one is. */
  tail: Promise<void>;
  /** Batches handed to the lane and not yet stored. */
  pending: number;
}

/**
 * Imports a JSON Lines or CSV file through the ingest pipeline: streamed (any size, in constant
 * memory), in batches. Records are dealt into lanes by household, like Kafka partitions: a lane
 * stores its batches in file order, so a household's records keep their order, while the lanes'
 * batches are validated and appended side by side. Importing a file again appends nothing: every
 * record is a duplicate.
 */
export class FileImporter {
  constructor(
    private readonly pipeline: IngestPipeline,
    private readonly retry: RetryPolicy = FILE_RETRY_POLICY,
    private readonly now: () => number = () => performance.now(),
  ) {}

  async import(request: FileImportRequest): Promise<FileImportSummary> {
    const started = this.now();
    const file = resolve(request.file);
    const batchSize = request.batchSize ?? DEFAULT_IMPORT_BATCH_SIZE;
    const laneCount = request.lanes ?? DEFAULT_IMPORT_LANES;
    if (!Number.isSafeInteger(batchSize) || batchSize < 1)
      throw new RangeError('batchSize must be a positive integer');
    if (!Number.isSafeInteger(laneCount) || laneCount < 1)
      throw new RangeError('lanes must be a positive integer');
    const rejectedFile = await RejectedRecordsFile.create(request.rejectedFile ?? `${file}.rejected.jsonl`);
    const source = readFileRecords(file, request.format);
    const counts: ImportCounts = { read: 0, accepted: 0, duplicates: 0, rejected: 0 };
    const lanes: Lane[] = Array.from({ length: laneCount }, () => ({
      buffer: [],
      tail: Promise.resolve(),
      pending: 0,
    }));
    let failure: { error: unknown } | undefined;
    let interrupted = false;

    const storeBatch = async (records: FileRecord[]): Promise<void> => {
      const items = records.map((record) => toItem(file, record));
      const outcome = await this.pipeline.ingest(
        { path: 'file', topic: request.topic, items },
        { retry: this.retry },
      );
      await rejectedFile.write(rejectedEntries(records, outcome));
      counts.read += records.length;
      counts.accepted += outcome.accepted;
      counts.duplicates += outcome.duplicates;
      counts.rejected += outcome.rejected;
      request.onProgress?.({ ...counts, bytesRead: source.bytesRead(), elapsedMs: this.now() - started });
    };

    const submit = async (lane: Lane): Promise<void> => {
      // At most two batches per lane in memory: the one being stored and the next.
      while (lane.pending >= 2) await lane.tail;
      const records = lane.buffer;
      lane.buffer = [];
      lane.pending += 1;
      lane.tail = lane.tail
        .then(() => (failure ? undefined : storeBatch(records)))
        .catch((error: unknown) => {
          failure ??= { error };
        })
        .finally(() => {
          lane.pending -= 1;
        });
    };

    try {
      for await (const record of source.records) {
        if (failure) break;
        if (request.signal?.aborted) {
          interrupted = true;
          break;
        }
        const lane = lanes[laneOf(record, laneCount)];
        lane.buffer.push(record);
        if (lane.buffer.length >= batchSize) await submit(lane);
      }
      if (!interrupted && !failure) {
        for (const lane of lanes) if (lane.buffer.length > 0) await submit(lane);
      }
      await Promise.all(lanes.map((lane) => lane.tail));
    } finally {
      await rejectedFile.close();
    }
    if (failure) throw failure.error;
    return {
      file,
      ...counts,
      elapsedMs: this.now() - started,
      ...(rejectedFile.written > 0 && { rejectedFile: rejectedFile.path }),
      interrupted,
    };
  }
}

/** The lane of a record: by its household (FNV-1a), so a household stays in one lane; by line otherwise. */
function laneOf(record: FileRecord, lanes: number): number {
  if (lanes === 1) return 0;
  const value = record.content.readable ? record.content.value : undefined;
  const householdId =
    value !== null && typeof value === 'object'
      ? (value as { householdId?: unknown }).householdId
      : undefined;
  if (typeof householdId !== 'string') return record.line % lanes;
  let hash = 0x811c9dc5;
  for (let index = 0; index < householdId.length; index += 1) {
    hash = Math.imul(hash ^ householdId.charCodeAt(index), 0x01000193);
  }
  return (hash >>> 0) % lanes;
}

function toItem(file: string, record: FileRecord): IngestItem {
  return { origin: { path: 'file', file, line: record.line }, content: record.content, text: record.text };
}

function rejectedEntries(records: readonly FileRecord[], outcome: BatchOutcome) {
  return outcome.outcomes.flatMap((result, index) =>
    result.status === 'rejected'
      ? [
          {
            line: records[index].line,
            category: result.category,
            reason: result.reason,
            text: records[index].text,
          },
        ]
      : [],
  );
}
