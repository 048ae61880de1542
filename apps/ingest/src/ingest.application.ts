import type { ApplicationDefinition } from '@monitoring/platform';
import { IngestModule } from './ingest.module';

export const ingestApplication: ApplicationDefinition = {
  service: 'ingest',
  modules: [IngestModule],
  migrations: [],
};
