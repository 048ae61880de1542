import type { ApplicationDefinition } from '@monitoring/platform';
import { MONITOR_MIGRATIONS } from '../../monitor/src/read-models';
import { EXCHANGE_MIGRATIONS } from './exchange.module';
import { REPORTING_MIGRATIONS, setupOpenApi } from './reporting-api.module';
import { ReportingModule } from './reporting.module';
import { ConsoleModule, mountConsole } from './console/console.module';

export const reportingApplication: ApplicationDefinition = {
  service: 'reporting',
  modules: [ReportingModule, ConsoleModule],
  // Reporting reads the monitor's read models: their schema must exist even when it runs alone.
  migrations: [...MONITOR_MIGRATIONS, ...REPORTING_MIGRATIONS, ...EXCHANGE_MIGRATIONS],
  configureHttp: (app) => {
    setupOpenApi(app);
    mountConsole(app);
  },
};
