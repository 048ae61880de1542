/** What a deployment sets for the weekly exchange (ExchangeModule.forRootAsync). */
export interface ExchangeModuleOptions {
  /** Where batches are written: `<dir>/<batchId>/`. */
  dir: string;
  /** Cron pattern of the weekly run (default Monday 02:00: `0 2 * * 1`). */
  cron?: string;
  /** IANA time zone the cron and the quarterly report's quarters are read in (default Asia/Shanghai). */
  timeZone?: string;
  /** BullMQ's Redis: a `redis://` URL and the key prefix of this deployment. */
  redis: { url: string; prefix: string };
  /** Run the scheduler and the worker in this process (default true). */
  runWorker?: boolean;
  /** How long a run waits for the pinned head to become readable (default 60 s). */
  visibilityTimeoutMs?: number;
}

export type ResolvedExchangeOptions = Required<ExchangeModuleOptions>;

export const EXCHANGE_OPTIONS = Symbol('EXCHANGE_OPTIONS');

export const DEFAULT_EXCHANGE_CRON = '0 2 * * 1';
export const DEFAULT_EXCHANGE_TIME_ZONE = 'Asia/Shanghai';

export const resolveExchangeOptions = (options: ExchangeModuleOptions): ResolvedExchangeOptions => ({
  dir: options.dir,
  cron: options.cron ?? DEFAULT_EXCHANGE_CRON,
  timeZone: options.timeZone ?? DEFAULT_EXCHANGE_TIME_ZONE,
  redis: options.redis,
  runWorker: options.runWorker ?? true,
  visibilityTimeoutMs: options.visibilityTimeoutMs ?? 60_000,
});
