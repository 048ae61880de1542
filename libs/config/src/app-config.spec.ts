import { ConfigError, DEVELOPMENT_JWT_SECRET, loadConfig, type Environment } from './app-config';

function issuesOf(env: Environment): Record<string, string> {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return Object.fromEntries(err.issues.map((i) => [i.setting, i.message]));
    throw err;
  }
  throw new Error('expected the configuration to be refused');
}

const productionSecret = 'k2V9m1Qx7Lr4Tz8Wp3Nc6Hd0Jf5Bs1Ay';

describe('loadConfig', () => {
  it('gives the local machine defaults for an empty environment', () => {
    expect(loadConfig({})).toEqual({
      nodeEnv: 'development',
      logLevel: 'info',
      http: { host: '127.0.0.1', port: 3000, trustProxy: false },
      database: { url: 'postgres://postgres@127.0.0.1:5432/monitoring' },
      redis: { url: 'redis://127.0.0.1:6379', prefix: 'monitoring' },
      eventStore: { kind: 'postgres', eventStoreDbUrl: undefined },
      kafka: {
        brokers: [],
        topicPrefix: 'monitoring.',
        clientId: 'monitoring',
        groupId: 'monitoring-ingest',
      },
      auth: { jwtSecret: DEVELOPMENT_JWT_SECRET, devLogin: false },
      schedule: { timeZone: 'Asia/Shanghai' },
      ingest: { maxRecords: 5000, bodyLimitBytes: 10 * 1024 * 1024 },
      exchange: { dir: './var/exchanges', cron: '0 2 * * 1' },
      health: { public: true },
      metrics: { public: true },
      cors: { origins: [] },
      rateLimit: { readsPerMinute: 600, ingestPerMinute: 120 },
    });
  });

  it('takes every setting from the environment', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      HOST: '0.0.0.0',
      PORT: '8080',
      DATABASE_URL: 'postgresql://app:pw@db:5432/prod',
      REDIS_URL: 'rediss://cache:6380/2',
      REDIS_PREFIX: 'henan:prod',
      EVENT_STORE: 'eventstoredb',
      EVENTSTOREDB_URL: 'esdb://kurrentdb:2113?tls=false',
      KAFKA_BROKERS: 'kafka-1:9092, kafka-2:9092',
      KAFKA_TOPIC_PREFIX: 'henan.',
      KAFKA_CLIENT_ID: 'ingest-7',
      KAFKA_GROUP_ID: 'henan-ingest',
      AUTH_JWT_SECRET: productionSecret,
      TZ: 'UTC',
      INGEST_MAX_RECORDS: '20000',
      INGEST_BODY_LIMIT: '512kb',
      EXCHANGE_DIR: '/data/exchanges',
      EXCHANGE_CRON: '30 3 * * MON-FRI',
      HEALTH_PUBLIC: 'false',
      METRICS_PUBLIC: 'false',
      CORS_ORIGINS: 'https://monitor.henan.gov.cn, http://127.0.0.1:8080',
      RATE_LIMIT_READS_PER_MINUTE: '1200',
      RATE_LIMIT_INGEST_PER_MINUTE: '0',
      TRUST_PROXY: '10.0.0.0/8',
    });
    expect(config).toEqual({
      nodeEnv: 'production',
      logLevel: 'warn',
      http: { host: '0.0.0.0', port: 8080, trustProxy: ['10.0.0.0/8'] },
      database: { url: 'postgresql://app:pw@db:5432/prod' },
      redis: { url: 'rediss://cache:6380/2', prefix: 'henan:prod' },
      eventStore: { kind: 'eventstoredb', eventStoreDbUrl: 'esdb://kurrentdb:2113?tls=false' },
      kafka: {
        brokers: ['kafka-1:9092', 'kafka-2:9092'],
        topicPrefix: 'henan.',
        clientId: 'ingest-7',
        groupId: 'henan-ingest',
      },
      auth: { jwtSecret: productionSecret, devLogin: false },
      schedule: { timeZone: 'UTC' },
      ingest: { maxRecords: 20000, bodyLimitBytes: 512 * 1024 },
      exchange: { dir: '/data/exchanges', cron: '30 3 * * MON-FRI' },
      health: { public: false },
      metrics: { public: false },
      cors: { origins: ['https://monitor.henan.gov.cn', 'http://127.0.0.1:8080'] },
      rateLimit: { readsPerMinute: 1200, ingestPerMinute: 0 },
    });
  });

  it('treats empty and blank values as unset', () => {
    const config = loadConfig({ PORT: '', KAFKA_BROKERS: '  ', TZ: '' });
    expect(config.http.port).toBe(3000);
    expect(config.kafka.brokers).toEqual([]);
    expect(config.schedule.timeZone).toBe('Asia/Shanghai');
  });

  it('ignores variables it does not know', () => {
    expect(() => loadConfig({ PATH: '/usr/bin', HOME: '/root', npm_config_cache: '' })).not.toThrow();
  });

  it('returns a frozen object', () => {
    const config = loadConfig({});
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.kafka.brokers)).toBe(true);
  });

  it('accepts 1/0 for true/false', () => {
    expect(loadConfig({ HEALTH_PUBLIC: '0' }).health.public).toBe(false);
    expect(loadConfig({ HEALTH_PUBLIC: '1' }).health.public).toBe(true);
  });

  it('trusts no proxy unless told which: a hop count, or addresses, subnets and range names', () => {
    expect(loadConfig({}).http.trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).http.trustProxy).toBe(1);
    expect(
      loadConfig({ TRUST_PROXY: ' loopback, 10.0.0.0/8 ,192.168.1.20, fd00::/8, ::1 ' }).http.trustProxy,
    ).toEqual(['loopback', '10.0.0.0/8', '192.168.1.20', 'fd00::/8', '::1']);
  });

  it('allows port 0 (any free port)', () => {
    expect(loadConfig({ PORT: '0' }).http.port).toBe(0);
  });

  it.each<[string, string, RegExp]>([
    ['NODE_ENV', 'staging', /one of development, test, production/],
    ['LOG_LEVEL', 'verbose', /one of fatal, error, warn, info, debug, trace, silent/],
    ['HOST', 'http://example', /host name or IP address/],
    ['PORT', 'eighty', /whole number/],
    ['PORT', '70000', /between 0 and 65535/],
    ['DATABASE_URL', 'mysql://db/monitoring', /postgres:\/\/ or postgresql:\/\/ URL/],
    ['DATABASE_URL', 'not a url', /postgres:\/\/ or postgresql:\/\/ URL/],
    ['DATABASE_URL', 'postgres://postgres@127.0.0.1:5432', /must name the database/],
    ['REDIS_URL', 'http://127.0.0.1:6379', /redis:\/\/ or rediss:\/\/ URL/],
    ['REDIS_PREFIX', 'has space', /letters, digits/],
    ['EVENT_STORE', 'mongodb', /one of postgres, eventstoredb/],
    ['EVENTSTOREDB_URL', 'http://127.0.0.1:2113', /esdb:\/\/ or esdb\+discover:\/\/ URL/],
    ['KAFKA_BROKERS', 'kafka-1', /comma-separated list of host:port/],
    ['KAFKA_BROKERS', ',,', /comma-separated list of host:port/],
    ['KAFKA_TOPIC_PREFIX', 'monitoring/', /letters, digits/],
    ['AUTH_JWT_SECRET', 'short', /at least 32 characters/],
    ['TZ', 'Mars/Olympus_Mons', /IANA time zone/],
    ['INGEST_MAX_RECORDS', '0', /between 1 and 1000000/],
    ['INGEST_MAX_RECORDS', '-5', /whole number/],
    ['INGEST_MAX_RECORDS', '2000000', /between 1 and 1000000/],
    ['INGEST_BODY_LIMIT', 'ten megabytes', /size between 1kb and 1gb/],
    ['INGEST_BODY_LIMIT', '2gb', /size between 1kb and 1gb/],
    ['EXCHANGE_CRON', '0 2 * *', /5 fields/],
    ['EXCHANGE_CRON', '0 25 * * 1', /hour field "25"/],
    ['HEALTH_PUBLIC', 'yes', /true or false/],
    ['METRICS_PUBLIC', 'no', /true or false/],
    ['CORS_ORIGINS', '*', /comma-separated list of origins/],
    ['CORS_ORIGINS', 'https://monitor.example.gov.cn/', /comma-separated list of origins/],
    ['CORS_ORIGINS', 'ftp://monitor.example.gov.cn', /comma-separated list of origins/],
    ['TRUST_PROXY', 'true', /would let every client choose its own address/],
    ['TRUST_PROXY', '11', /number of proxies in front \(0 to 10\)/],
    ['TRUST_PROXY', 'proxy.internal', /addresses, subnets/],
    ['TRUST_PROXY', '10.0.0.0/33', /addresses, subnets/],
    ['TRUST_PROXY', '10.0.0.0/8/8', /addresses, subnets/],
    ['TRUST_PROXY', 'fd00::/129', /addresses, subnets/],
    ['TRUST_PROXY', ', ,', /addresses, subnets/],
    ['RATE_LIMIT_READS_PER_MINUTE', 'many', /whole number/],
    ['RATE_LIMIT_INGEST_PER_MINUTE', '2000000', /between 0 and 1000000/],
  ])('refuses %s=%s', (setting, value, message) => {
    const issues = issuesOf({ [setting]: value });
    expect(Object.keys(issues)).toEqual([setting]);
    expect(issues[setting]).toMatch(message);
  });

  it('names every bad setting in one error', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'x', TZ: 'Nowhere/Town', REDIS_URL: 'tcp://r', EXCHANGE_CRON: '* * *' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { issues, message } = error as ConfigError;
    expect(issues.map((i) => i.setting)).toEqual(['EXCHANGE_CRON', 'PORT', 'REDIS_URL', 'TZ']);
    expect(message).toMatch(/^Invalid configuration \(4 settings\):\n {2}EXCHANGE_CRON: .*\n {2}PORT: /);
  });

  it('refuses to start in production with the development secret, given or defaulted', () => {
    for (const env of [
      { NODE_ENV: 'production' },
      { NODE_ENV: 'production', AUTH_JWT_SECRET: DEVELOPMENT_JWT_SECRET },
    ]) {
      expect(issuesOf(env).AUTH_JWT_SECRET).toMatch(
        /refusing to start in production with the public development secret/,
      );
    }
  });

  it('starts in production with a secret of its own', () => {
    expect(loadConfig({ NODE_ENV: 'production', AUTH_JWT_SECRET: productionSecret }).auth.jwtSecret).toBe(
      productionSecret,
    );
  });

  it('reports the production secret together with the other bad settings', () => {
    expect(Object.keys(issuesOf({ NODE_ENV: 'production', PORT: 'x' }))).toEqual(['AUTH_JWT_SECRET', 'PORT']);
  });

  it('enables the development login with AUTH_DEV_LOGIN=true, outside production only', () => {
    expect(loadConfig({ AUTH_DEV_LOGIN: 'true' }).auth.devLogin).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test', AUTH_DEV_LOGIN: '1' }).auth.devLogin).toBe(true);
    expect(issuesOf({ AUTH_DEV_LOGIN: 'maybe' }).AUTH_DEV_LOGIN).toMatch(/true or false/);
    for (const value of ['true', '1']) {
      expect(
        issuesOf({ NODE_ENV: 'production', AUTH_JWT_SECRET: productionSecret, AUTH_DEV_LOGIN: value })
          .AUTH_DEV_LOGIN,
      ).toMatch(/refusing to start in production with the development login/);
    }
    expect(
      loadConfig({ NODE_ENV: 'production', AUTH_JWT_SECRET: productionSecret, AUTH_DEV_LOGIN: 'false' }).auth
        .devLogin,
    ).toBe(false);
  });

  it('requires EVENTSTOREDB_URL when EVENT_STORE=eventstoredb', () => {
    expect(issuesOf({ EVENT_STORE: 'eventstoredb' }).EVENTSTOREDB_URL).toMatch(
      /required when EVENT_STORE=eventstoredb/,
    );
  });

  it('never echoes a secret in its messages', () => {
    const secretUrl = 'mysql://admin:hunter2-very-secret@db/x';
    const error = (() => {
      try {
        loadConfig({ DATABASE_URL: secretUrl, AUTH_JWT_SECRET: 'tiny-secret' });
      } catch (err) {
        return err as Error;
      }
      throw new Error('expected a ConfigError');
    })();
    expect(error.message).not.toContain('hunter2');
    expect(error.message).not.toContain('tiny-secret');
  });
});
