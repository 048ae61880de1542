import { SingleBar } from 'cli-progress';
import type { ImportProgress } from './file-importer';

/** Where the progress goes: stderr, so stdout keeps only the summary. */
export interface ProgressStream extends NodeJS.WritableStream {
  isTTY?: boolean;
}

export interface ImportProgressDisplay {
  update(progress: ImportProgress): void;
  stop(): void;
}

const numberFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
export const formatCount = (value: number): string => numberFormat.format(value);

export const recordsPerSecond = (records: number, elapsedMs: number): number =>
  elapsedMs > 0 ? (records * 1000) / elapsedMs : 0;

const MIB = 1024 * 1024;

/** A progress bar over the file's bytes, with records and records per second. */
class ProgressBar implements ImportProgressDisplay {
  private readonly bar: SingleBar;

  constructor(stream: ProgressStream, totalBytes: number) {
    this.bar = new SingleBar({
      stream,
      format:
        '{bar} {percentage}% | {mib}/{totalMib} MiB | {records} records | {rate} rec/s | {duration_formatted}',
      barsize: 30,
      hideCursor: true,
      fps: 5,
      etaBuffer: 50,
    });
    this.bar.start(Math.max(totalBytes, 1), 0, {
      mib: '0.0',
      totalMib: (totalBytes / MIB).toFixed(1),
      records: '0',
      rate: '0',
    });
  }

  update(progress: ImportProgress): void {
    this.bar.update(progress.bytesRead, {
      mib: (progress.bytesRead / MIB).toFixed(1),
      records: formatCount(progress.read),
      rate: formatCount(recordsPerSecond(progress.read, progress.elapsedMs)),
    });
  }

  stop(): void {
    this.bar.stop();
  }
}

/** One plain line every `intervalMs` (logs, CI): no control characters. */
class ProgressLines implements ImportProgressDisplay {
  private lastAt = 0;

  constructor(
    private readonly stream: ProgressStream,
    private readonly totalBytes: number,
    private readonly intervalMs: number,
  ) {}

  update(progress: ImportProgress): void {
    if (progress.elapsedMs - this.lastAt < this.intervalMs) return;
    this.lastAt = progress.elapsedMs;
    const percent = this.totalBytes > 0 ? Math.min(100, (100 * progress.bytesRead) / this.totalBytes) : 100;
    this.stream.write(
      `progress: ${percent.toFixed(1)}% of ${(this.totalBytes / MIB).toFixed(1)} MiB, ` +
        `${formatCount(progress.read)} records (${formatCount(progress.accepted)} accepted, ` +
        `${formatCount(progress.duplicates)} duplicates, ${formatCount(progress.rejected)} rejected), ` +
        `${formatCount(recordsPerSecond(progress.read, progress.elapsedMs))} rec/s\n`,
    );
  }

  stop(): void {}
}

/** A bar on a terminal; elsewhere a plain line every `intervalMs` (10 s by default). */
export function createProgressDisplay(
  stream: ProgressStream,
  totalBytes: number,
  intervalMs = 10_000,
): ImportProgressDisplay {
  return stream.isTTY
    ? new ProgressBar(stream, totalBytes)
    : new ProgressLines(stream, totalBytes, intervalMs);
}
