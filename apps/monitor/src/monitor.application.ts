import type { ApplicationDefinition } from '@monitoring/platform';
import { MonitorModule } from './monitor.module';
import { MONITOR_MIGRATIONS } from './read-models';

export const monitorApplication: ApplicationDefinition = {
  service: 'monitor',
  modules: [MonitorModule],
  migrations: [...MONITOR_MIGRATIONS],
};
