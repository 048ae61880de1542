import type { ApplicationDefinition } from '@monitoring/platform';
import { ReportingModule } from './reporting.module';

export const reportingApplication: ApplicationDefinition = {
  service: 'reporting',
  modules: [ReportingModule],
  migrations: [],
};
