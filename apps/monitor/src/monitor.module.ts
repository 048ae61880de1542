import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@monitoring/config';
import { CaseWorkflowModule } from './case-workflow.module';
import { ProjectionModule } from './projection.module';

/**
 * The monitor service (DESIGN §6): subscribes to the global log, projects household risk and
 * cases into read models, opens and follows cases, fires deadlines.
 * It holds only this context's controllers, consumers and providers; the shared infrastructure
 * (configuration, logs, database, Redis, event store, clock, command and event buses, auth, health)
 * comes from PlatformModule at the process root, so this module composes with the others in one process.
 */
@Module({
  imports: [
    ProjectionModule.forRootAsync({ useFactory: () => ({}) }),
    CaseWorkflowModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        redis: { url: config.redis.url, prefix: config.redis.prefix },
        timeZone: config.schedule.timeZone,
      }),
    }),
  ],
})
export class MonitorModule {}
