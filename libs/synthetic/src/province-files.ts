import { createHash, type Hash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProvinceGenerator } from './province-generator';
import type { ProvinceSummary } from './province-summary';
import { SOURCE_TOPICS, type SourceTopic } from './source-records';

export interface WrittenFile {
  name: string;
  lines: number;
  bytes: number;
  sha256: string;
}

export interface ProvinceFilesSummary extends ProvinceSummary {
  files: WrittenFile[];
}

/** Buffered lines are handed to the stream in chunks of about this many characters. */
const CHUNK_CHARS = 256 * 1024;

/** One JSON Lines file written through a buffered stream that respects backpressure, hashed on the way. */
class JsonLinesFile {
  private readonly stream: WriteStream;
  private readonly hash: Hash = createHash('sha256');
  private buffered: string[] = [];
  private bufferedChars = 0;
  lines = 0;
  bytes = 0;

  constructor(
    readonly name: string,
    path: string,
  ) {
    this.stream = createWriteStream(path, { flags: 'w', highWaterMark: 1024 * 1024 });
  }

  /** Adds a line; resolves at once unless the buffer was handed on and the disk is behind. */
  append(line: string): Promise<void> | undefined {
    this.buffered.push(line, '\n');
    this.bufferedChars += line.length + 1;
    this.lines += 1;
    return this.bufferedChars >= CHUNK_CHARS ? this.flush() : undefined;
  }

  async flush(): Promise<void> {
    if (this.buffered.length === 0) return;
    const chunk = Buffer.from(this.buffered.join(''), 'utf8');
    this.buffered = [];
    this.bufferedChars = 0;
    this.hash.update(chunk);
    this.bytes += chunk.length;
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  async close(): Promise<WrittenFile> {
    await this.flush();
    this.stream.end();
    await once(this.stream, 'finish');
    return { name: this.name, lines: this.lines, bytes: this.bytes, sha256: this.hash.digest('hex') };
  }

  destroy(): void {
    this.stream.destroy();
  }
}

export interface WriteProgress {
  households: number;
  lines: number;
}

/**
 * Streams a province to `<directory>/{registry,income,claims}.jsonl`, then writes `regions.json`
 * (the division tree with names) and `summary.json`. Memory stays flat whatever the size.
 */
export const writeProvinceFiles = async (
  generator: ProvinceGenerator,
  directory: string,
  onProgress?: (progress: WriteProgress) => void,
): Promise<ProvinceFilesSummary> => {
  await mkdir(directory, { recursive: true });
  const files = Object.fromEntries(
    SOURCE_TOPICS.map((topic) => [
      topic,
      new JsonLinesFile(`${topic}.jsonl`, join(directory, `${topic}.jsonl`)),
    ]),
  ) as Record<SourceTopic, JsonLinesFile>;
  try {
    let lines = 0;
    for (const line of generator.lines()) {
      const flushing = files[line.topic].append(line.line);
      if (flushing !== undefined) await flushing;
      lines += 1;
      if (onProgress !== undefined && lines % 20_000 === 0)
        onProgress({ households: generator.householdsDone, lines });
    }
    onProgress?.({ households: generator.householdsDone, lines });
    const written: WrittenFile[] = [];
    for (const topic of SOURCE_TOPICS) written.push(await files[topic].close());
    await writeFile(join(directory, 'regions.json'), `${JSON.stringify(generator.regions, null, 1)}\n`);
    const summary: ProvinceFilesSummary = { ...generator.summary(), files: written };
    await writeFile(join(directory, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
    return summary;
  } catch (error) {
    for (const file of Object.values(files)) file.destroy();
    throw error;
  }
};
