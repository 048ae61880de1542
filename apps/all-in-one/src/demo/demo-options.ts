import { parseArgs } from 'node:util';
import { DEFAULT_PROVINCE_OPTIONS, validateOptions } from '@monitoring/synthetic';

export interface DemoOptions {
  households: number;
  seed: string;
  /** End of the province's 14 months of records, ISO 8601 with offset. */
  until: string;
  /** Leave the API running after the summary. */
  keep: boolean;
}

export const DEMO_USAGE = `usage: npm run demo -- [--households N] [--seed S] [--until ISO] [--keep]

  --households N   households in the synthetic province (default ${DEFAULT_PROVINCE_OPTIONS.households}, about 30 records each)
  --seed S         the province's seed: the same seed and --until give the same records (default ${DEFAULT_PROVINCE_OPTIONS.seed})
  --until ISO      end of the records' 14 months, with offset (default: today 00:00 in Beijing)
  --keep           leave the API running after the summary (Ctrl+C stops it)
`;

const BEIJING_OFFSET_MS = 8 * 3_600_000;

/**
 * Midnight of `now`'s day in Beijing: the province's records end there. Cases open when records are
 * appended, and the policy counts claims of the 365 days before that, so the records must be recent
 * whatever day the demo runs.
 */
export function demoUntil(now: Date): string {
  const day = new Date(now.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
  return `${day}T00:00:00+08:00`;
}

/** The demo's flags; throws with the usage on anything else. */
export function parseDemoArguments(argv: readonly string[], now: Date): DemoOptions | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      households: { type: 'string' },
      seed: { type: 'string' },
      until: { type: 'string' },
      keep: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help === true) return 'help';
  const households = values.households?.replaceAll('_', '').replaceAll(',', '');
  if (households !== undefined && !/^[1-9]\d*$/.test(households)) {
    throw new RangeError(
      `--households expects a positive whole number, got ${JSON.stringify(values.households)}`,
    );
  }
  if (values.seed !== undefined && values.seed.trim() === '')
    throw new RangeError('--seed must not be empty');
  const province = validateOptions({
    ...DEFAULT_PROVINCE_OPTIONS,
    households: households === undefined ? DEFAULT_PROVINCE_OPTIONS.households : Number(households),
    seed: values.seed ?? DEFAULT_PROVINCE_OPTIONS.seed,
    until: values.until ?? demoUntil(now),
  });
  return {
    households: province.households,
    seed: province.seed,
    until: province.until,
    keep: values.keep === true,
  };
}
