/**
 * `npm run bench -- [--households H] [--parts event-store,ingest,projection,e2e] [--out FILE]`: the
 * per-part benchmarks (event store with its peers, ingest, projection), then the end-to-end run, each
 * as its own process, one after the other. Writes the figures as JSON to
 * `test/bench/results/<date>.json` (`<date>-h<H>.json` for a reduced run), prints a table (Markdown, for
 * the README), and ends with the e2e line: `e2e: <n> rec/s, 1M records in <s> s, case p99 <m> ms`.
 *
 * Without `--households` every part runs at its default size (the e2e run: 1,000,000 records); with it,
 * every part is cut to a province of H households (CI runs `--households 500` so none of them rots).
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { e2eLine, type E2eFigures } from './e2e.bench';
import { benchTable, type BenchResults } from './support/bench-table';

const PARTS = ['event-store', 'ingest', 'projection', 'e2e'] as const;
type Part = (typeof PARTS)[number];

interface Options {
  households: number | null;
  parts: Part[];
  out: string | null;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const scratch = await mkdtemp(join(tmpdir(), 'bench-'));
  const started = new Date();
  const results: BenchResults = {
    date: started.toISOString(),
    size: options.households === null ? 'full' : { households: options.households },
    machine: await machine(),
    loadAverageAtStart: loadavg().map((value) => Number(value.toFixed(2))),
  };
  try {
    for (const part of options.parts) {
      const json = join(scratch, `${part}.json`);
      const args = [
        ...argumentsFor(part, options.households),
        ...(part === 'projection' ? [] : ['--json', json]),
      ];
      console.log(
        `\n== ${part}: ${args.filter((arg) => arg !== json && arg !== '--json').join(' ') || 'default size'}`,
      );
      const output = await runBench(part, args);
      if (part === 'projection') results.projection = parseProjectionLine(output);
      else if (part === 'event-store') results.eventStore = JSON.parse(await readFile(json, 'utf8'));
      else if (part === 'ingest') results.ingest = JSON.parse(await readFile(json, 'utf8'));
      else results.e2e = JSON.parse(await readFile(json, 'utf8')) as E2eFigures;
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  results.loadAverageAtEnd = loadavg().map((value) => Number(value.toFixed(2)));
  results.seconds = Math.round((Date.now() - started.getTime()) / 1000);

  const day = started.toISOString().slice(0, 10);
  const file =
    options.out ??
    join(
      process.cwd(),
      'test',
      'bench',
      'results',
      options.households === null ? `${day}.json` : `${day}-h${options.households}.json`,
    );
  await mkdir(join(file, '..'), { recursive: true });
  await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log('');
  console.log(benchTable(results));
  console.log(`\nresults: ${file}`);
  if (results.e2e) console.log(e2eLine(results.e2e));
}

/** Each part's flags: its defaults at full size, cut to H households when asked. */
function argumentsFor(part: Part, households: number | null): string[] {
  if (households === null) return [];
  const records = households * 30;
  switch (part) {
    case 'event-store':
      return [
        '--events',
        String(records),
        '--streams',
        String(households),
        '--peer-events',
        String(Math.min(40_000, Math.max(1_000, Math.floor(records / 5)))),
        '--rounds',
        '1',
      ];
    case 'ingest':
      return [
        '--records',
        String(records),
        '--window',
        String(Math.min(24_000, records)),
        '--round',
        String(Math.min(30_000, Math.max(1_000, Math.ceil(records / 2)))),
      ];
    case 'projection':
      // --events (not --households) leaves part of the province for the steady phase.
      return ['--events', String(records), '--steady-seconds', '10'];
    case 'e2e':
      return ['--households', String(households), '--steady-seconds', '10'];
  }
}

/** Runs `dist/test/bench/<part>.bench.js`, passing its output through; resolves with its stdout. */
function runBench(part: Part, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(__dirname, `${part}.bench.js`), ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      process.stdout.write(chunk);
    });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve(stdout) : reject(new Error(`the ${part} benchmark failed (${signal ?? code})`)),
    );
  });
}

/** `projection: <n> ev/s, case latency p99 <m> ms` */
function parseProjectionLine(output: string): BenchResults['projection'] {
  const match = /^projection: (\d+) ev\/s, case latency p99 (\d+|NaN|n\/a) ms/m.exec(output);
  if (!match) throw new Error('the projection benchmark did not print its last line');
  const p99 = Number(match[2]);
  return { rate: Number(match[1]), caseP99Ms: Number.isFinite(p99) ? p99 : null };
}

async function machine(): Promise<BenchResults['machine']> {
  const client = new Client({
    connectionString: process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  });
  await client.connect();
  try {
    const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
    return {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryGiB: Math.round(totalmem() / 1024 ** 3),
      node: process.version,
      postgres: rows[0]?.server_version ?? 'unknown',
    };
  } finally {
    await client.end();
  }
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      households: { type: 'string' },
      parts: { type: 'string' },
      out: { type: 'string' },
    },
  });
  let households: number | null = null;
  if (values.households !== undefined) {
    households = Number(values.households.replaceAll('_', '').replaceAll(',', ''));
    if (!Number.isSafeInteger(households) || households < 10) {
      throw new Error('--households must be a whole number of at least 10');
    }
  }
  const parts = (values.parts ?? PARTS.join(',')).split(',').map((part) => part.trim());
  const unknown = parts.filter((part) => !(PARTS as readonly string[]).includes(part));
  if (unknown.length > 0)
    throw new Error(`unknown part(s) ${unknown.join(', ')}; the parts are ${PARTS.join(', ')}`);
  return { households, parts: parts as Part[], out: values.out ?? null };
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
