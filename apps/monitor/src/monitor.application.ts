import type { ApplicationDefinition } from '@monitoring/platform';
import { MonitorModule } from './monitor.module';

export const monitorApplication: ApplicationDefinition = {
  service: 'monitor',
  modules: [MonitorModule],
  migrations: [],
};
