import { Injectable, Module, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AuthModule, signToken } from '@monitoring/auth';
import { Counter, Registry } from 'prom-client';
import request from 'supertest';
import { METRICS_PATH } from './metrics.controller';
import { ObservabilityModule } from './observability.module';

const SECRET = 'observability-test-secret-of-32-characters';

@Injectable()
class CountsSomething {
  readonly counter: Counter;
  constructor(registry: Registry) {
    this.counter = new Counter({ name: 'feature_things_total', help: 'Things done', registers: [registry] });
  }
}

@Module({ providers: [CountsSomething] })
class FeatureModule {}

async function appWith(metricsPublic: boolean): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      AuthModule.forRootAsync({ useFactory: () => ({ secret: SECRET }) }),
      ObservabilityModule.forRoot({ metricsPublic, defaultLabels: { service: 'test' } }),
      FeatureModule,
    ],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  app.setGlobalPrefix('api/v1', { exclude: [METRICS_PATH] });
  await app.init();
  return app;
}

describe('GET /metrics', () => {
  it('serves the metrics feature modules register, with process metrics, without a token when public', async () => {
    const app = await appWith(true);
    try {
      app.get(CountsSomething).counter.inc(3);
      const response = await request(app.getHttpServer()).get('/metrics');
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/plain;.*version=0\.0\.4/);
      expect(response.text).toContain('feature_things_total{service="test"} 3');
      expect(response.text).toMatch(/^process_cpu_seconds_total\{service="test"\} /m);
    } finally {
      await app.close();
    }
  });

  it('needs an admin token when not public', async () => {
    const app = await appWith(false);
    try {
      const server = app.getHttpServer();
      expect((await request(server).get('/metrics')).status).toBe(401);
      const ingest = signToken({ sub: 'feeder', role: 'ingest', region: '41' }, SECRET);
      expect((await request(server).get('/metrics').set('Authorization', `Bearer ${ingest}`)).status).toBe(
        403,
      );
      const admin = signToken({ sub: 'root', role: 'admin', region: '41' }, SECRET);
      const response = await request(server).get('/metrics').set('Authorization', `Bearer ${admin}`);
      expect(response.status).toBe(200);
      expect(response.text).toContain('feature_things_total');
    } finally {
      await app.close();
    }
  });

  it('gives every application its own registry', async () => {
    const [first, second] = [await appWith(true), await appWith(true)];
    try {
      expect(first.get(Registry)).not.toBe(second.get(Registry));
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });
});
