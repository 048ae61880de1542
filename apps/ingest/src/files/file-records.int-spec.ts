import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileRecords, type FileRecord } from './file-records';
import { readLines, type TextLine } from './line-reader';

describe('reading import files', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ingest-files-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const fileWith = async (name: string, text: string): Promise<string> => {
    const file = join(dir, name);
    await writeFile(file, text);
    return file;
  };
  const all = async <T>(items: AsyncIterable<T>): Promise<T[]> => {
    const collected: T[] = [];
    for await (const item of items) collected.push(item);
    return collected;
  };

  it('streams: the first record arrives when only the start of a large file has been read', async () => {
    const line = JSON.stringify({ type: 'claim_settled', padding: 'x'.repeat(200) });
    const file = await fileWith('large.jsonl', `${line}\n`.repeat(40_000));
    const source = readFileRecords(file, 'jsonl');
    const iterator = source.records[Symbol.asyncIterator]();

    const first = await iterator.next();

    expect(first.value).toMatchObject({ line: 1, content: { readable: true } });
    expect(source.bytesRead()).toBeLessThan(1024 * 1024);
    expect(source.bytesRead()).toBeGreaterThan(0);
    await iterator.return?.();
  });

  it('splits lines on \\n and \\r\\n, drops a leading BOM, keeps a last line without a break', async () => {
    const file = await fileWith('lines.txt', '\uFEFFone\r\ntwo\n\nfour');
    const lines = await all(readLines(file).lines);
    expect(lines).toEqual<TextLine[]>([
      { number: 1, text: 'one', tooLong: false },
      { number: 2, text: 'two', tooLong: false },
      { number: 3, text: '', tooLong: false },
      { number: 4, text: 'four', tooLong: false },
    ]);
  });

  it('reports a line beyond the limit as too long, with its start, and goes on', async () => {
    const file = await fileWith('long.txt', `short\n${'y'.repeat(100)}\nafter\n`);
    const lines = await all(readLines(file, 10).lines);
    expect(lines.map(({ number, tooLong }) => [number, tooLong])).toEqual([
      [1, false],
      [2, true],
      [3, false],
    ]);
    expect(lines[1].text.startsWith('yyyyyyyyyy')).toBe(true);
  });

  it('numbers JSON Lines records by their line, skipping blank lines', async () => {
    const file = await fileWith('records.jsonl', '{"a":1}\n\n   \n[1,\n{"b":2}\n');
    const records = await all(readFileRecords(file, 'jsonl').records);
    expect(records.map(({ line, content }) => [line, content.readable])).toEqual([
      [1, true],
      [4, false],
      [5, true],
    ]);
  });

  it('rejects a CSV line whose quote never closes and reads the lines after it again', async () => {
    const file = await fileWith(
      'open-quote.csv',
      'type,reason\nclaim_reversed,"never closed\nclaim_reversed,fine\nclaim_reversed,"two\nlines"\n',
    );
    const records: FileRecord[] = await all(readFileRecords(file, 'csv').records);
    expect(
      records.map(({ line, content }) => [line, content.readable ? content.value : content.reason]),
    ).toEqual([
      [2, 'CSV: a quoted field opened on this line is never closed'],
      [3, { type: 'claim_reversed', reason: 'fine' }],
      [4, { type: 'claim_reversed', reason: 'two\nlines' }],
    ]);
    expect(records[2].text).toBe('claim_reversed,"two\nlines"');
  });
});
