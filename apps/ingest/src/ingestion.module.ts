import {
  Logger,
  Module,
  type DynamicModule,
  type FactoryProvider,
  type ModuleMetadata,
} from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EVENT_STORE, type EventStore } from '@monitoring/event-store';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { HTTP_INGEST_OPTIONS, IngestController, type HttpIngestOptions } from './http/ingest.controller';
import { KafkaSourceConsumer, type KafkaIngestOptions } from './kafka/kafka-source-consumer';
import { IngestMetrics } from './metrics/ingest-metrics';
import { IngestPipeline } from './pipeline/ingest-pipeline';
import { INGEST_ENTITIES, INGEST_MIGRATIONS, TypeOrmRejectionRecorder } from './rejections';

export { INGEST_ENTITIES, INGEST_MIGRATIONS };

export interface IngestionOptions {
  kafka: KafkaIngestOptions;
  http: HttpIngestOptions;
  /** The current time (tests pin it); the system clock by default. */
  clock?: () => Date;
}

export interface IngestionModuleAsyncOptions {
  imports?: ModuleMetadata['imports'];
  inject?: FactoryProvider['inject'];
  useFactory: (...args: never[]) => IngestionOptions | Promise<IngestionOptions>;
}

export const INGESTION_OPTIONS = Symbol('INGESTION_OPTIONS');

/**
 * Ingest (DESIGN §6): the Kafka consumer group, `POST /api/v1/ingest/{feed}` and, through the same
 * `IngestPipeline`, the file import. Expects from the root of the process: `EVENT_STORE`, a TypeORM
 * `DataSource` whose migrations include INGEST_MIGRATIONS, and the prom-client `Registry`
 * (ObservabilityModule).
 */
@Module({})
export class IngestionModule {
  static forRootAsync(options: IngestionModuleAsyncOptions): DynamicModule {
    return {
      module: IngestionModule,
      imports: [...(options.imports ?? []), TypeOrmModule.forFeature(INGEST_ENTITIES)],
      controllers: [IngestController],
      providers: [
        {
          provide: INGESTION_OPTIONS,
          inject: options.inject ?? [],
          useFactory: (...args: unknown[]) => options.useFactory(...(args as never[])),
        },
        {
          provide: HTTP_INGEST_OPTIONS,
          inject: [INGESTION_OPTIONS],
          useFactory: (ingestion: IngestionOptions): HttpIngestOptions => ingestion.http,
        },
        {
          provide: IngestMetrics,
          inject: [Registry],
          useFactory: (registry: Registry) => new IngestMetrics(registry),
        },
        {
          provide: IngestPipeline,
          inject: [EVENT_STORE, DataSource, IngestMetrics, INGESTION_OPTIONS],
          useFactory: (
            eventStore: EventStore,
            dataSource: DataSource,
            metrics: IngestMetrics,
            ingestion: IngestionOptions,
          ) =>
            new IngestPipeline({
              eventStore,
              rejections: new TypeOrmRejectionRecorder(dataSource),
              metrics,
              logger: new Logger('Ingest'),
              clock: ingestion.clock,
            }),
        },
        {
          provide: KafkaSourceConsumer,
          inject: [INGESTION_OPTIONS, IngestPipeline, IngestMetrics],
          useFactory: (ingestion: IngestionOptions, pipeline: IngestPipeline, metrics: IngestMetrics) =>
            new KafkaSourceConsumer(ingestion.kafka, pipeline, metrics, new Logger('KafkaSourceConsumer')),
        },
      ],
      exports: [IngestPipeline, KafkaSourceConsumer, IngestMetrics],
    };
  }
}
