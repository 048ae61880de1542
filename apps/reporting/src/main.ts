import { runApplication } from '@monitoring/platform';
import { reportingApplication } from './reporting.application';

void runApplication(reportingApplication);
