import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@monitoring/config';
import { CLOCK, type Clock } from '@monitoring/platform';
import { IngestionModule, type IngestionOptions } from './ingestion.module';

/**
 * The ingest service (DESIGN §6): Kafka consumer group, HTTP bulk ingest and file import,
 * appending validated source records to the event store.
 * It holds only this context's controllers, consumers and providers; the shared infrastructure
 * (configuration, logs, database, Redis, auth, health, metrics) comes from PlatformModule at the
 * process root, so this module composes with the others in one process.
 */
@Module({
  imports: [
    IngestionModule.forRootAsync({
      inject: [APP_CONFIG, CLOCK],
      useFactory: (config: AppConfig, clock: Clock): IngestionOptions => ({
        kafka: {
          brokers: config.kafka.brokers,
          topicPrefix: config.kafka.topicPrefix,
          clientId: config.kafka.clientId,
          groupId: config.kafka.groupId,
        },
        http: { maxRecords: config.ingest.maxRecords },
        clock: () => clock.now(),
      }),
    }),
  ],
})
export class IngestModule {}
