import { Module } from '@nestjs/common';

/**
 * The monitor service (DESIGN §6): subscribes to the global log, projects household risk and
 * cases into read models, opens and follows cases, fires deadlines.
 * It holds only this context's controllers, consumers and providers; the shared infrastructure
 * (configuration, logs, database, Redis, auth, health) comes from PlatformModule at the process root,
 * so this module composes with the others in one process.
 */
@Module({})
export class MonitorModule {}
