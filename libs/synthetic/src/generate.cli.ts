import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import { DEFAULT_PROVINCE_OPTIONS, ProvinceGenerator, type ProvinceOptions } from './province-generator';
import { writeProvinceFiles } from './province-files';

/**
 * `npm run generate -- --households 10000 --seed henan --out ./var/province --until 2026-11-16T00:00:00+08:00`
 * writes a synthetic province as the departments' JSON Lines files, with summary.json.
 */

const USAGE = `Usage: npm run generate -- [options]

  --households N   households to simulate (default ${DEFAULT_PROVINCE_OPTIONS.households}, about 30 records each)
  --seed S         any text; the same seed gives the same files byte for byte (default ${DEFAULT_PROVINCE_OPTIONS.seed})
  --out DIR        output directory (default ./var/province)
  --until ISO      end of the business-time window, with offset (default ${DEFAULT_PROVINCE_OPTIONS.until})
  --months M       length of the window in months before --until (default ${DEFAULT_PROVINCE_OPTIONS.months})
  --help           this text
`;

export interface CliArguments {
  options: ProvinceOptions;
  out: string;
}

export const parseCliArguments = (argv: string[]): CliArguments | 'help' => {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      households: { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
      until: { type: 'string' },
      months: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help === true) return 'help';
  return {
    options: {
      households:
        values.households === undefined
          ? DEFAULT_PROVINCE_OPTIONS.households
          : wholeNumber('--households', values.households),
      seed: values.seed ?? DEFAULT_PROVINCE_OPTIONS.seed,
      until: values.until ?? DEFAULT_PROVINCE_OPTIONS.until,
      months:
        values.months === undefined
          ? DEFAULT_PROVINCE_OPTIONS.months
          : wholeNumber('--months', values.months),
    },
    out: values.out ?? './var/province',
  };
};

const wholeNumber = (flag: string, text: string): number => {
  const normalised = text.replaceAll('_', '').replaceAll(',', '');
  if (!/^\d+$/.test(normalised))
    throw new RangeError(`${flag} expects a whole number, got ${JSON.stringify(text)}`);
  return Number(normalised);
};

const main = async (): Promise<void> => {
  const parsed = parseCliArguments(process.argv.slice(2));
  if (parsed === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  const generator = new ProvinceGenerator(parsed.options);
  const directory = resolve(parsed.out);
  const bar = process.stderr.isTTY
    ? new SingleBar({
        format: 'households [{bar}] {percentage}% | {value}/{total} | {lines} lines | ETA {eta_formatted}',
      })
    : undefined;
  bar?.start(parsed.options.households, 0, { lines: 0 });
  const started = process.hrtime.bigint();
  const summary = await writeProvinceFiles(generator, directory, (progress) =>
    bar?.update(progress.households, { lines: progress.lines }),
  );
  bar?.stop();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  process.stdout.write(
    `wrote ${summary.totalLines} lines for ${summary.households} households to ${directory} in ${seconds.toFixed(1)} s ` +
      `(${Math.round(summary.totalLines / seconds)} lines/s, ${Math.round(summary.households / seconds)} households/s), ` +
      `peak RSS ${peakRssMb.toFixed(0)} MB\n`,
  );
};

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    process.exitCode = 1;
  });
}
