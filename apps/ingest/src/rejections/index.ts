import { RejectedMessageEntity } from './rejected-message.entity';
import { CreateRejectedMessages1767225600000 } from './rejected-messages.migration';

export * from './rejected-message';
export * from './rejected-message.entity';
export * from './rejected-messages.migration';
export * from './typeorm-rejection-recorder';

/** The TypeORM entities of ingest, for the root data source. */
export const INGEST_ENTITIES = [RejectedMessageEntity];
/** The TypeORM migrations of ingest, in order, for the root data source. */
export const INGEST_MIGRATIONS = [CreateRejectedMessages1767225600000];
