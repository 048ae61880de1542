import { Module, type DynamicModule } from '@nestjs/common';
import { Registry } from 'prom-client';
import { createMetricsRegistry, type MetricsRegistryOptions } from './metrics-registry';
import { AdminMetricsController, PublicMetricsController } from './metrics.controller';

export interface ObservabilityOptions extends MetricsRegistryOptions {
  /** `GET /metrics` answers without a token when true; otherwise it needs an admin token. */
  metricsPublic: boolean;
}

/**
 * The process' Prometheus registry, injectable by its class (`constructor(registry: Registry)`), and
 * the scrape endpoint. Import once, at the root of the process; feature modules register their
 * metrics on the injected registry.
 */
@Module({})
export class ObservabilityModule {
  static forRoot(options: ObservabilityOptions): DynamicModule {
    const { metricsPublic, ...registryOptions } = options;
    return {
      module: ObservabilityModule,
      global: true,
      controllers: [metricsPublic ? PublicMetricsController : AdminMetricsController],
      providers: [{ provide: Registry, useFactory: () => createMetricsRegistry(registryOptions) }],
      exports: [Registry],
    };
  }
}
