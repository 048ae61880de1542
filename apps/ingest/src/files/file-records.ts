import type { RecordContent } from '../pipeline/ingest-batch';
import { opensQuotedField, splitCsvRecord } from './csv-fields';
import { csvRowToRecord, parseCsvHeader, type CsvColumn } from './csv-record';
import { readLines, type LineSource, type TextLine } from './line-reader';

export type FileFormat = 'jsonl' | 'csv';

/** One record of an import file, decoded or not. */
export interface FileRecord {
  /** Line where the record starts (1-based). */
  line: number;
  /** The record's text as in the file. */
  text: string;
  content: RecordContent;
}

export interface FileRecordSource {
  records: AsyncIterable<FileRecord>;
  bytesRead(): number;
}

/** A file whose header cannot be read: nothing in it can be imported. */
export class ImportFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportFileError';
  }
}

/** `.csv` is CSV; `.jsonl`, `.ndjson`, `.json` and anything else JSON Lines. */
export const formatOfFile = (file: string): FileFormat => (/\.csv$/i.test(file) ? 'csv' : 'jsonl');

/** The records of a file, streamed. Blank lines are skipped. */
export function readFileRecords(file: string, format: FileFormat): FileRecordSource {
  const source = readLines(file);
  return {
    records: format === 'csv' ? csvRecords(source) : jsonLinesRecords(source),
    bytesRead: source.bytesRead,
  };
}

const tooLong = (line: TextLine): FileRecord => ({
  line: line.number,
  text: line.text,
  content: { readable: false, reason: 'the line is longer than the limit of 16 MiB characters' },
});

async function* jsonLinesRecords(source: LineSource): AsyncGenerator<FileRecord> {
  for await (const line of source.lines) {
    if (line.tooLong) {
      yield tooLong(line);
      continue;
    }
    if (line.text.trim() === '') continue;
    let content: RecordContent;
    try {
      content = { readable: true, value: JSON.parse(line.text) as unknown };
    } catch (error) {
      content = { readable: false, reason: `not valid JSON: ${(error as Error).message}` };
    }
    yield { line: line.number, text: line.text, content };
  }
}

/** A quoted field spanning more lines than this is taken as never closed. */
const MAX_RECORD_LINES = 1_000;

async function* csvRecords(source: LineSource): AsyncGenerator<FileRecord> {
  let columns: CsvColumn[] | undefined;
  for await (const record of csvRows(source.lines)) {
    if ('rejected' in record) {
      if (!columns) {
        const reason = record.rejected.content.readable ? '' : record.rejected.content.reason;
        throw new ImportFileError(`the CSV header (line ${record.rejected.line}) cannot be read: ${reason}`);
      }
      yield record.rejected;
      continue;
    }
    if (!columns) {
      const header = parseCsvHeader(record.fields);
      if (!header.ok) throw new ImportFileError(`the CSV header (line ${record.line}): ${header.reason}`);
      columns = header.columns;
      continue;
    }
    const row = csvRowToRecord(columns, record.fields);
    yield {
      line: record.line,
      text: record.text,
      content: row.ok
        ? { readable: true, value: row.value }
        : { readable: false, reason: `CSV: ${row.reason}` },
    };
  }
}

type CsvRow = { line: number; text: string; fields: string[] } | { rejected: FileRecord };

/**
 * Frames and splits CSV records: a record is one line, or several while a quoted field is open. When
 * a record of several lines does not split (a stray quote paired with one lines later), or its quote
 * never closes (within MAX_RECORD_LINES, or by the end of the file), its first line is rejected and
 * the lines after it are framed again, so one stray quote costs one row, not the rest of the file.
 */
async function* csvRows(lines: AsyncIterable<TextLine>): AsyncGenerator<CsvRow> {
  const iterator = lines[Symbol.asyncIterator]();
  const replay: TextLine[] = [];
  const next = async (): Promise<TextLine | undefined> => {
    if (replay.length > 0) return replay.shift();
    const result = await iterator.next();
    return result.done ? undefined : result.value;
  };
  let open: TextLine[] = [];
  let quoted = false;
  const rejectFirstLine = (reason: string): CsvRow => {
    const [first, ...rest] = open;
    replay.unshift(...rest);
    open = [];
    quoted = false;
    return {
      rejected: {
        line: first.number,
        text: first.text,
        content: { readable: false, reason: `CSV: ${reason}` },
      },
    };
  };
  const NEVER_CLOSED = 'a quoted field opened on this line is never closed';
  for (;;) {
    const line = await next();
    if (line === undefined) {
      if (open.length === 0) return;
      yield rejectFirstLine(NEVER_CLOSED);
      continue;
    }
    if (line.tooLong) {
      if (open.length > 0) {
        replay.unshift(line);
        yield rejectFirstLine(NEVER_CLOSED);
      } else yield { rejected: tooLong(line) };
      continue;
    }
    if (open.length === 0 && line.text.trim() === '') continue;
    open.push(line);
    quoted = opensQuotedField(line.text, quoted);
    if (quoted) {
      if (open.length >= MAX_RECORD_LINES) yield rejectFirstLine(NEVER_CLOSED);
      continue;
    }
    const text = open.map((part) => part.text).join('\n');
    const split = splitCsvRecord(text);
    if (split.ok) {
      yield { line: open[0].number, text, fields: split.fields };
      open = [];
    } else {
      yield rejectFirstLine(open.length > 1 ? NEVER_CLOSED : split.reason);
    }
  }
}
