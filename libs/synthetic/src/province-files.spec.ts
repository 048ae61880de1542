import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProvinceGenerator, type ProvinceOptions } from './province-generator';
import { type ProvinceFilesSummary, writeProvinceFiles } from './province-files';

const FILES = ['registry.jsonl', 'income.jsonl', 'claims.jsonl'] as const;

describe('province files', () => {
  let root: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'synthetic-province-'));
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  const write = async (name: string, options: Partial<ProvinceOptions>) => {
    const directory = join(root, name);
    const summary = await writeProvinceFiles(new ProvinceGenerator(options), directory);
    const hashes: Record<string, string> = {};
    for (const file of FILES) {
      hashes[file] = createHash('sha256')
        .update(await readFile(join(directory, file)))
        .digest('hex');
    }
    return { directory, summary, hashes };
  };

  it('are identical byte for byte for the same seed, and differ for another seed', async () => {
    const options = { households: 400, seed: 'files-a', until: '2026-11-16T00:00:00+08:00' };
    const first = await write('first', options);
    const second = await write('second', options);
    const other = await write('other', { ...options, seed: 'files-b' });

    expect(second.hashes).toEqual(first.hashes);
    for (const file of FILES) expect(other.hashes[file]).not.toBe(first.hashes[file]);
    expect(await readFile(join(second.directory, 'summary.json'), 'utf8')).toBe(
      await readFile(join(first.directory, 'summary.json'), 'utf8'),
    );
    expect(first.summary.files.map((file) => [file.name, file.sha256])).toEqual(
      FILES.map((file) => [file, first.hashes[file]]),
    );
  });

  it('hold exactly the lines of the generator, one per line, with summary.json and regions.json beside them', async () => {
    const options = { households: 150, seed: 'files-c' };
    const { directory } = await write('lines', options);
    const expected: Record<string, string[]> = { registry: [], income: [], claims: [] };
    for (const line of new ProvinceGenerator(options).lines()) expected[line.topic]?.push(line.line);

    for (const topic of ['registry', 'income', 'claims']) {
      const text = await readFile(join(directory, `${topic}.jsonl`), 'utf8');
      expect(text).toBe(`${(expected[topic] ?? []).join('\n')}\n`);
    }
    const summary = JSON.parse(
      await readFile(join(directory, 'summary.json'), 'utf8'),
    ) as ProvinceFilesSummary;
    expect(summary.households).toBe(150);
    expect(summary.complete).toBe(true);
    expect(summary.files.map((file) => file.lines)).toEqual(
      FILES.map((file) => expected[file.replace('.jsonl', '')]?.length),
    );
    const regions = JSON.parse(await readFile(join(directory, 'regions.json'), 'utf8')) as {
      provinceCode: string;
    };
    expect(regions.provinceCode).toBe('41');
  });
});
