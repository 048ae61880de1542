import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { RejectionCategory } from '../pipeline/ingest-batch';

export interface RejectedFileEntry {
  line: number;
  category: RejectionCategory;
  reason: string;
  /** The record's text as in the import file, to fix and import again. */
  text: string;
}

/**
 * `<file>.rejected.jsonl`: one JSON object per rejected record, `{"line", "category", "reason",
 * "text"}`. It sits next to the imported file and holds its records as they are (to be fixed and sent
 * again), so it is created only when a record is rejected, and a stale one from an earlier run is
 * removed first.
 */
export class RejectedRecordsFile {
  private stream?: WriteStream;
  private count = 0;

  private constructor(readonly path: string) {}

  static async create(path: string): Promise<RejectedRecordsFile> {
    await rm(path, { force: true });
    return new RejectedRecordsFile(path);
  }

  get written(): number {
    return this.count;
  }

  async write(entries: readonly RejectedFileEntry[]): Promise<void> {
    if (entries.length === 0) return;
    this.stream ??= createWriteStream(this.path, { flags: 'w', encoding: 'utf8' });
    const text = entries.map((entry) => `${JSON.stringify(entry)}\n`).join('');
    this.count += entries.length;
    if (!this.stream.write(text)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    if (!this.stream) return;
    const stream = this.stream;
    await new Promise<void>((resolve, reject) =>
      stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
  }
}
