import { Module } from '@nestjs/common';

/**
 * The reporting service (DESIGN §6): the REST API over the read models (queues, households,
 * statistics, SLA figures) and the weekly exchange.
 * It holds only this context's controllers, consumers and providers; the shared infrastructure
 * (configuration, logs, database, Redis, auth, health) comes from PlatformModule at the process root,
 * so this module composes with the others in one process.
 */
@Module({})
export class ReportingModule {}
