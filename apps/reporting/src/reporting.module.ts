import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@monitoring/config';
import { ExchangeModule } from './exchange.module';
import { ReportingApiModule } from './reporting-api.module';

/**
 * The reporting service (DESIGN §6): alert queues, households with their timelines and time travel,
 * statistics, the weekly exchange for the bureau and the quarterly report. Shared infrastructure
 * (configuration, logs, database, Redis, event store, clock, auth, health) comes from PlatformModule.
 */
@Module({
  imports: [
    ReportingApiModule,
    ExchangeModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        dir: config.exchange.dir,
        cron: config.exchange.cron,
        timeZone: config.schedule.timeZone,
        redis: { url: config.redis.url, prefix: config.redis.prefix },
      }),
    }),
  ],
})
export class ReportingModule {}
