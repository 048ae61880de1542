import { Logger, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, loadConfig, type AppConfig, type Environment } from '@monitoring/config';
import { createRedisPrefix, createTestDatabase, type TestDatabase } from '@monitoring/testing';
import { __resetOutOfContextForTests } from 'nestjs-pino/PinoLogger';
import request from 'supertest';
import {
  Column,
  DataSource,
  Entity,
  PrimaryColumn,
  type MigrationInterface,
  type QueryRunner,
} from 'typeorm';
import { createApplication, type ApplicationDefinition } from './application/create-application';

@Entity('probe')
class Probe {
  @PrimaryColumn('int') id!: number;
  @Column('text') note!: string;
}

/** Registered as an entity but given no migration: synchronize must not create its table. */
@Entity('unmigrated_probe')
class UnmigratedProbe {
  @PrimaryColumn('int') id!: number;
}

class CreateProbe1767225600000 implements MigrationInterface {
  name = 'CreateProbe1767225600000';
  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE TABLE probe (id int PRIMARY KEY, note text NOT NULL)');
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE probe');
  }
}

@Module({ imports: [TypeOrmModule.forFeature([Probe, UnmigratedProbe])] })
class ProbeModule {}

const probeApplication: ApplicationDefinition = {
  service: 'probe',
  modules: [ProbeModule],
  migrations: [CreateProbe1767225600000],
  configureHttp: (app, config) => {
    app.use((_req: unknown, res: { setHeader(name: string, value: string): void }, next: () => void) => {
      res.setHeader('x-probe-service-port', String(config.http.port));
      next();
    });
  },
};

describe('PlatformModule', () => {
  let db: TestDatabase;
  const redis = createRedisPrefix('platform');
  let app: NestExpressApplication | undefined;
  let logs: string[];

  async function start(env: Environment = {}): Promise<NestExpressApplication> {
    logs = [];
    __resetOutOfContextForTests();
    const config = loadConfig({
      DATABASE_URL: db.url,
      REDIS_PREFIX: redis.prefix,
      LOG_LEVEL: 'info',
      ...env,
    });
    app = await createApplication(probeApplication, config, {
      logDestination: { write: (line: string) => void logs.push(line) },
    });
    return app;
  }

  const logged = () => logs.map((line) => JSON.parse(line) as Record<string, unknown>);

  beforeAll(async () => {
    db = await createTestDatabase('platform');
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  afterAll(async () => {
    await redis.cleanup();
    await db.drop();
  });

  describe('database', () => {
    it('runs the migrations it is given, once, and loads the feature modules’ entities', async () => {
      const first = await start();
      const probes = first.get<DataSource>(getDataSourceToken()).getRepository(Probe);
      await probes.save({ id: 1, note: 'migrated' });
      expect(await probes.findOneByOrFail({ id: 1 })).toEqual({ id: 1, note: 'migrated' });
      await first.close();

      const second = await start();
      const dataSource = second.get<DataSource>(getDataSourceToken());
      const runs = await dataSource.query('SELECT name FROM migrations');
      expect(runs).toEqual([{ name: 'CreateProbe1767225600000' }]);
      expect(await dataSource.getRepository(Probe).count()).toBe(1);
    });

    it('never creates tables from entities (synchronize is off)', async () => {
      const started = await start();
      const [{ table }] = await started
        .get<DataSource>(getDataSourceToken())
        .query(`SELECT to_regclass('unmigrated_probe')::text AS table`);
      expect(table).toBeNull();
    });
  });

  describe('configuration', () => {
    it('serves the one AppConfig through APP_CONFIG and ConfigService, and never process.env', async () => {
      process.env.PLATFORM_PROBE_ONLY_IN_PROCESS_ENV = 'leak';
      try {
        const started = await start({ PORT: '4567' });
        expect(started.get<AppConfig>(APP_CONFIG).http.port).toBe(4567);
        const configService = started.get(ConfigService);
        expect(configService.get('http.port')).toBe(4567);
        expect(configService.get('redis.prefix')).toBe(redis.prefix);
        expect(configService.get('PLATFORM_PROBE_ONLY_IN_PROCESS_ENV')).toBeUndefined();
      } finally {
        delete process.env.PLATFORM_PROBE_ONLY_IN_PROCESS_ENV;
      }
    });
  });

  describe('HTTP', () => {
    it('accepts JSON bodies up to INGEST_BODY_LIMIT and refuses larger ones with 413', async () => {
      const server = (await start({ INGEST_BODY_LIMIT: '4kb' })).getHttpServer();
      const body = (bytes: number) => ({ records: 'x'.repeat(bytes) });
      await request(server).post('/api/v1/no-such-route').send(body(3_000)).expect(404);
      await request(server).post('/api/v1/no-such-route').send(body(5_000)).expect(413);
    });

    it('lets the service configure Express before start', async () => {
      const response = await request((await start({ PORT: '4321' })).getHttpServer()).get('/api/v1/health');
      expect(response.headers['x-probe-service-port']).toBe('4321');
    });

    it('keeps a caller’s x-request-id and makes one up otherwise', async () => {
      const server = (await start()).getHttpServer();
      const given = await request(server).get('/api/v1/no-such-route').set('x-request-id', 'upstream-42');
      expect(given.headers['x-request-id']).toBe('upstream-42');
      const made = await request(server).get('/api/v1/no-such-route');
      expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(logged().some((line) => (line.req as { id?: string } | undefined)?.id === 'upstream-42')).toBe(
        true,
      );
    });
  });

  describe('logs', () => {
    const idNumber = '41042319900101123X';
    const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJvZmZpY2VyIn0.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg';

    it('never write the Authorization header or an ID number in full', async () => {
      const started = await start();
      await request(started.getHttpServer())
        .get(`/api/v1/households?idNumber=${idNumber}`)
        .set('Authorization', `Bearer ${token}`)
        .expect(404);
      // The way application code logs: a Nest Logger with a context, an object and a message.
      new Logger('Ingest').log(
        { household: { members: [{ personId: 'p1', idNumber }] } },
        'household received',
      );

      const all = logs.join('');
      expect(all).not.toContain(token);
      expect(all).not.toContain(idNumber);

      const requestLine = logged().find((line) => line.msg === 'request completed') as {
        req: { url: string; headers: Record<string, string> };
      };
      expect(requestLine.req.headers.authorization).toBe('Bearer [redacted]');
      expect(requestLine.req.url).toBe('/api/v1/households?idNumber=410423********123X');
      const appLine = logged().find((line) => line.msg === 'household received') as {
        household: { members: Array<{ idNumber: string }> };
      };
      expect(appLine).toMatchObject({ context: 'Ingest' });
      expect(appLine.household.members[0].idNumber).toBe('410423********123X');
    });

    it('writes JSON lines naming the service and the level', async () => {
      await start();
      const started = logged().find((line) => line.msg === 'Nest application successfully started');
      expect(started).toMatchObject({ level: 'info', service: 'probe', context: 'NestApplication' });
      // Module initialisation happens before the DI-built logger exists: it is JSON too.
      expect(logged().some((line) => line.context === 'InstanceLoader' && line.service === 'probe')).toBe(
        true,
      );
    });
  });
});
