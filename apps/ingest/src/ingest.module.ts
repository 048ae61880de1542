import { Module } from '@nestjs/common';

/**
 * The ingest service (DESIGN §6): Kafka consumer group, HTTP bulk ingest and file import,
 * appending validated source records to the event store.
 * It holds only this context's controllers, consumers and providers; the shared infrastructure
 * (configuration, logs, database, Redis, auth, health) comes from PlatformModule at the process root,
 * so this module composes with the others in one process.
 */
@Module({})
export class IngestModule {}
