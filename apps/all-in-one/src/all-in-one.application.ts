import { combineApplications } from '@monitoring/platform';
import { ingestApplication } from '../../ingest/src/ingest.application';
import { monitorApplication } from '../../monitor/src/monitor.application';
import { reportingApplication } from '../../reporting/src/reporting.application';

/** The services that share the single-machine process. */
export const allInOneParts = [ingestApplication, monitorApplication, reportingApplication] as const;

/** Ingest, monitor and reporting in one process: the single-machine default. */
export const allInOneApplication = combineApplications('all-in-one', allInOneParts);
