import { HouseholdProjectionStateEntity } from './household-projection-state.entity';
import { HouseholdRiskEntity } from './household-risk.entity';
import { CreateMonitorReadModels1767312000000 } from './monitor-read-models.migration';
import { MonitoringCaseEntity } from './monitoring-case.entity';
import { CompressReadModelStateWithLz41795392000000 } from './state-compression.migration';
import { ProjectionCheckpointEntity } from './projection-checkpoint.entity';
import { ProjectionGenerationEntity } from './projection-generation.entity';

export { HouseholdProjectionStateEntity } from './household-projection-state.entity';
export { HouseholdRiskEntity } from './household-risk.entity';
export { MonitoringCaseEntity } from './monitoring-case.entity';
export { ProjectionCheckpointEntity } from './projection-checkpoint.entity';
export { ProjectionGenerationEntity, type GenerationStatus } from './projection-generation.entity';
export { CreateMonitorReadModels1767312000000 } from './monitor-read-models.migration';
export { CompressReadModelStateWithLz41795392000000 } from './state-compression.migration';
export * from './read-model.names';

/** The monitor's TypeORM entities (the read-model views and the generations table). */
export const MONITOR_ENTITIES = [
  HouseholdRiskEntity,
  HouseholdProjectionStateEntity,
  MonitoringCaseEntity,
  ProjectionCheckpointEntity,
  ProjectionGenerationEntity,
];

/** The monitor's migrations, in order. */
export const MONITOR_MIGRATIONS = [
  CreateMonitorReadModels1767312000000,
  CompressReadModelStateWithLz41795392000000,
];
