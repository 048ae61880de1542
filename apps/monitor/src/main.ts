import { runApplication } from '@monitoring/platform';
import { monitorApplication } from './monitor.application';

void runApplication(monitorApplication);
