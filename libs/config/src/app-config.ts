import { isIP } from 'node:net';
import { z } from 'zod';
import { parseByteSize } from './byte-size';
import { cronExpressionProblem } from './cron-expression';

export const NODE_ENVS = ['development', 'test', 'production'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const EVENT_STORE_KINDS = ['postgres', 'eventstoredb'] as const;
export type EventStoreKind = (typeof EVENT_STORE_KINDS)[number];

/** Public on purpose: it only lets a developer sign local tokens, and production refuses to start with it. */
export const DEVELOPMENT_JWT_SECRET = 'development-only-secret-never-use-in-production';

/** The settings every app reads (DESIGN §7), one typed object built once at start-up. */
export interface AppConfig {
  readonly nodeEnv: NodeEnv;
  readonly logLevel: LogLevel;
  /**
   * `trustProxy`: which reverse proxies' `X-Forwarded-For` gives the client's address (access log, rate
   * limits of anonymous callers): a number of hops, or addresses, subnets and Express's names
   * (loopback, linklocal, uniquelocal). `false` (the default): the connecting address is the client.
   */
  readonly http: {
    readonly host: string;
    readonly port: number;
    readonly trustProxy: false | number | readonly string[];
  };
  readonly database: { readonly url: string };
  readonly redis: { readonly url: string; readonly prefix: string };
  readonly eventStore: { readonly kind: EventStoreKind; readonly eventStoreDbUrl: string | undefined };
  /** `brokers` is empty when KAFKA_BROKERS is unset: then no Kafka consumer runs. */
  readonly kafka: {
    readonly brokers: readonly string[];
    readonly topicPrefix: string;
    readonly clientId: string;
    readonly groupId: string;
  };
  /** `devLogin`: AUTH_DEV_LOGIN, a public endpoint minting tokens for sample users (never in production). */
  readonly auth: { readonly jwtSecret: string; readonly devLogin: boolean };
  /** IANA time zone in which schedules (deadlines, the weekly exchange) are read. */
  readonly schedule: { readonly timeZone: string };
  readonly ingest: { readonly maxRecords: number; readonly bodyLimitBytes: number };
  readonly exchange: { readonly dir: string; readonly cron: string };
  readonly health: { readonly public: boolean };
  /** `GET /metrics` without a token (a Prometheus inside the private network) or for admins only. */
  readonly metrics: { readonly public: boolean };
  /** Browser origins allowed by CORS; empty (the default): no CORS headers, browsers on other sites are refused. */
  readonly cors: { readonly origins: readonly string[] };
  /** Requests per minute per token (0: no limit): ingest endpoints, and every other authenticated route. */
  readonly rateLimit: { readonly readsPerMinute: number; readonly ingestPerMinute: number };
}

/** Defaults for the local machine, as the environment would spell them. */
export const CONFIG_DEFAULTS = {
  NODE_ENV: 'development',
  LOG_LEVEL: 'info',
  HOST: '127.0.0.1',
  PORT: '3000',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/monitoring',
  REDIS_URL: 'redis://127.0.0.1:6379',
  REDIS_PREFIX: 'monitoring',
  EVENT_STORE: 'postgres',
  KAFKA_TOPIC_PREFIX: 'monitoring.',
  KAFKA_CLIENT_ID: 'monitoring',
  KAFKA_GROUP_ID: 'monitoring-ingest',
  AUTH_JWT_SECRET: DEVELOPMENT_JWT_SECRET,
  AUTH_DEV_LOGIN: 'false',
  TZ: 'Asia/Shanghai',
  INGEST_MAX_RECORDS: '5000',
  INGEST_BODY_LIMIT: '10mb',
  EXCHANGE_DIR: './var/exchanges',
  EXCHANGE_CRON: '0 2 * * 1',
  HEALTH_PUBLIC: 'true',
  METRICS_PUBLIC: 'true',
  RATE_LIMIT_READS_PER_MINUTE: '600',
  RATE_LIMIT_INGEST_PER_MINUTE: '120',
} as const;

export interface ConfigIssue {
  readonly setting: string;
  readonly message: string;
}

export class ConfigError extends Error {
  constructor(readonly issues: readonly ConfigIssue[]) {
    super(
      `Invalid configuration (${issues.length} setting${issues.length === 1 ? '' : 's'}):\n` +
        issues.map((issue) => `  ${issue.setting}: ${issue.message}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

const text = z.string().min(1);

function url(protocols: readonly string[]) {
  return z
    .string()
    .refine(
      (value) => URL.canParse(value) && protocols.includes(new URL(value).protocol.replace(/:$/, '')),
      `must be a ${protocols.map((p) => `${p}://`).join(' or ')} URL`,
    );
}

const port = z
  .string()
  .regex(/^\d+$/, 'must be a whole number')
  .transform(Number)
  .refine((value) => value <= 65535, 'must be between 0 and 65535');

const positiveInt = (max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .refine((value) => value >= 1 && value <= max, `must be between 1 and ${max}`);

const nonNegativeInt = (max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .refine((value) => value <= max, `must be between 0 and ${max}`);

const originList = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
  )
  .refine(
    (origins) => origins.length > 0 && origins.every(isOrigin),
    'must be a comma-separated list of origins such as https://monitor.example.gov.cn (scheme, host and port only)',
  );

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** An IP address, a subnet in CIDR notation, or one of Express's names for a range. */
function isProxyAddress(entry: string): boolean {
  if (PROXY_NAMES.includes(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

const trustProxy = z
  .string()
  .transform((value): number | string[] =>
    /^\d+$/.test(value)
      ? Number(value)
      : value
          .split(',')
          .map((entry) => entry.trim())
          .filter(Boolean),
  )
  .refine(
    (value) => (typeof value === 'number' ? value <= 10 : value.length > 0 && value.every(isProxyAddress)),
    'must be the number of proxies in front (0 to 10), or a comma-separated list of their addresses, ' +
      'subnets (10.0.0.0/8) or loopback, linklocal, uniquelocal; trusting any proxy ("true") would let ' +
      'every client choose its own address',
  );

const flag = z
  .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1');

const byteSize = z
  .string()
  .transform((value) => parseByteSize(value) ?? Number.NaN)
  .refine(
    (bytes) => bytes >= 1024 && bytes <= 1024 ** 3,
    'must be a size between 1kb and 1gb, such as 10mb or 512kb',
  );

const timeZone = z.string().refine(isTimeZone, 'must be an IANA time zone such as Asia/Shanghai or UTC');

const cron = z.string().superRefine((value, ctx) => {
  const problem = cronExpressionProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

const brokerList = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((broker) => broker.trim())
      .filter(Boolean),
  )
  .refine(
    (brokers) => brokers.length > 0 && brokers.every((broker) => /^[A-Za-z0-9.-]+:\d{1,5}$/.test(broker)),
    'must be a comma-separated list of host:port',
  );

const schema = z.object({
  NODE_ENV: z.enum(NODE_ENVS, { error: `must be one of ${NODE_ENVS.join(', ')}` }),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }),
  HOST: z.string().regex(/^[^\s/]+$/, 'must be a host name or IP address'),
  PORT: port,
  TRUST_PROXY: trustProxy.optional(),
  DATABASE_URL: url(['postgres', 'postgresql']).refine(
    (value) => !URL.canParse(value) || new URL(value).pathname.length > 1,
    'must name the database, as in postgres://user@host:5432/monitoring',
  ),
  REDIS_URL: url(['redis', 'rediss']),
  REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9:_.-]*$/, 'must be letters, digits and : _ . - only'),
  EVENT_STORE: z.enum(EVENT_STORE_KINDS, { error: `must be one of ${EVENT_STORE_KINDS.join(', ')}` }),
  EVENTSTOREDB_URL: url(['esdb', 'esdb+discover']).optional(),
  KAFKA_BROKERS: brokerList.optional(),
  KAFKA_TOPIC_PREFIX: z.string().regex(/^[A-Za-z0-9._-]*$/, 'must be letters, digits and . _ - only'),
  KAFKA_CLIENT_ID: text,
  KAFKA_GROUP_ID: text,
  AUTH_JWT_SECRET: z.string().min(32, 'must be at least 32 characters'),
  AUTH_DEV_LOGIN: flag,
  TZ: timeZone,
  INGEST_MAX_RECORDS: positiveInt(1_000_000),
  INGEST_BODY_LIMIT: byteSize,
  EXCHANGE_DIR: text,
  EXCHANGE_CRON: cron,
  HEALTH_PUBLIC: flag,
  METRICS_PUBLIC: flag,
  CORS_ORIGINS: originList.optional(),
  RATE_LIMIT_READS_PER_MINUTE: nonNegativeInt(1_000_000),
  RATE_LIMIT_INGEST_PER_MINUTE: nonNegativeInt(1_000_000),
});

export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * Builds the configuration from an environment (pure: pass `process.env` or a test's own object).
 * Empty values count as unset. Throws a ConfigError naming every bad setting at once.
 */
export function loadConfig(env: Environment): AppConfig {
  const given: Record<string, string> = {};
  for (const name of Object.keys(schema.shape)) {
    const value = env[name]?.trim();
    if (value) given[name] = value;
  }
  const raw = { ...CONFIG_DEFAULTS, ...given };

  const parsed = schema.safeParse(raw);
  const issues: ConfigIssue[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({ setting: String(issue.path[0]), message: issue.message }));
  issues.push(...crossChecks(raw));
  if (!parsed.success || issues.length > 0) {
    throw new ConfigError(dedupe(issues).sort((a, b) => a.setting.localeCompare(b.setting)));
  }

  const s = parsed.data;
  return deepFreeze({
    nodeEnv: s.NODE_ENV,
    logLevel: s.LOG_LEVEL,
    http: { host: s.HOST, port: s.PORT, trustProxy: s.TRUST_PROXY ?? false },
    database: { url: s.DATABASE_URL },
    redis: { url: s.REDIS_URL, prefix: s.REDIS_PREFIX },
    eventStore: { kind: s.EVENT_STORE, eventStoreDbUrl: s.EVENTSTOREDB_URL },
    kafka: {
      brokers: s.KAFKA_BROKERS ?? [],
      topicPrefix: s.KAFKA_TOPIC_PREFIX,
      clientId: s.KAFKA_CLIENT_ID,
      groupId: s.KAFKA_GROUP_ID,
    },
    auth: { jwtSecret: s.AUTH_JWT_SECRET, devLogin: s.AUTH_DEV_LOGIN },
    schedule: { timeZone: s.TZ },
    ingest: { maxRecords: s.INGEST_MAX_RECORDS, bodyLimitBytes: s.INGEST_BODY_LIMIT },
    exchange: { dir: s.EXCHANGE_DIR, cron: s.EXCHANGE_CRON },
    health: { public: s.HEALTH_PUBLIC },
    metrics: { public: s.METRICS_PUBLIC },
    cors: { origins: s.CORS_ORIGINS ?? [] },
    rateLimit: {
      readsPerMinute: s.RATE_LIMIT_READS_PER_MINUTE,
      ingestPerMinute: s.RATE_LIMIT_INGEST_PER_MINUTE,
    },
  });
}

/** Rules that span settings; they run on the raw values so every problem is reported at once. */
function crossChecks(raw: Record<string, string | undefined>): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  if (raw.NODE_ENV === 'production' && raw.AUTH_JWT_SECRET === DEVELOPMENT_JWT_SECRET) {
    issues.push({
      setting: 'AUTH_JWT_SECRET',
      message:
        'refusing to start in production with the public development secret; ' +
        'set AUTH_JWT_SECRET to a random secret of at least 32 characters (e.g. `openssl rand -base64 48`)',
    });
  }
  if (raw.NODE_ENV === 'production' && (raw.AUTH_DEV_LOGIN === 'true' || raw.AUTH_DEV_LOGIN === '1')) {
    issues.push({
      setting: 'AUTH_DEV_LOGIN',
      message: 'refusing to start in production with the development login: it mints tokens for anyone',
    });
  }
  if (raw.EVENT_STORE === 'eventstoredb' && !raw.EVENTSTOREDB_URL) {
    issues.push({
      setting: 'EVENTSTOREDB_URL',
      message: 'is required when EVENT_STORE=eventstoredb (e.g. esdb://127.0.0.1:2113?tls=false)',
    });
  }
  return issues;
}

/** `https://host[:port]` exactly as a browser sends it in `Origin` (no path, no trailing slash). */
function isOrigin(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
}

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

function dedupe(issues: ConfigIssue[]): ConfigIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.setting}\u0000${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
