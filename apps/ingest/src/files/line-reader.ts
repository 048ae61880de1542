import { createReadStream, type ReadStream } from 'node:fs';

export interface TextLine {
  /** 1-based line number in the file. */
  number: number;
  /** The line without its line break (and without a BOM on the first line). */
  text: string;
  /** The line was longer than the limit: `text` holds only its start. */
  tooLong: boolean;
}

/** Longest line kept; a longer one is reported as too long, with its start, and skipped. */
export const MAX_LINE_CHARS = 16 * 1024 * 1024;
const TOO_LONG_PREVIEW_CHARS = 16 * 1024;

export interface LineSource {
  lines: AsyncIterable<TextLine>;
  /** Bytes read from the file so far. */
  bytesRead(): number;
}

/**
 * Streams a UTF-8 file line by line, in constant memory whatever its size: the file is read in chunks
 * as lines are consumed (async iteration pulls, so a slow consumer slows the reading). `\n` and `\r\n`
 * both end a line.
 */
export function readLines(file: string, maxLineChars = MAX_LINE_CHARS): LineSource {
  const stream: ReadStream = createReadStream(file, { encoding: 'utf8', highWaterMark: 256 * 1024 });
  return { lines: splitLines(stream, maxLineChars), bytesRead: () => stream.bytesRead };
}

async function* splitLines(chunks: AsyncIterable<string>, maxLineChars: number): AsyncGenerator<TextLine> {
  let pending = '';
  let tooLong = false;
  let number = 0;
  const line = (text: string): TextLine => {
    number += 1;
    let clean = text.endsWith('\r') ? text.slice(0, -1) : text;
    if (number === 1 && clean.startsWith('\uFEFF')) clean = clean.slice(1);
    return { number, text: clean, tooLong };
  };
  for await (const chunk of chunks) {
    let from = 0;
    for (;;) {
      const newline = chunk.indexOf('\n', from);
      const piece = newline === -1 ? chunk.slice(from) : chunk.slice(from, newline);
      if (!tooLong) {
        pending += piece;
        if (pending.length > maxLineChars) {
          tooLong = true;
          pending = pending.slice(0, TOO_LONG_PREVIEW_CHARS);
        }
      }
      if (newline === -1) break;
      yield line(pending);
      pending = '';
      tooLong = false;
      from = newline + 1;
    }
  }
  if (pending.length > 0 || tooLong) yield line(pending);
}
