import type { ApplicationDefinition } from '@monitoring/platform';
import { IngestModule } from './ingest.module';
import { INGEST_MIGRATIONS } from './rejections';

export const ingestApplication: ApplicationDefinition = {
  service: 'ingest',
  modules: [IngestModule],
  migrations: [...INGEST_MIGRATIONS],
};
