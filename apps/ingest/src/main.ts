import { runApplication } from '@monitoring/platform';
import { ingestApplication } from './ingest.application';

void runApplication(ingestApplication);
