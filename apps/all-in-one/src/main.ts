import { runApplication } from '@monitoring/platform';
import { allInOneApplication } from './all-in-one.application';

void runApplication(allInOneApplication);
