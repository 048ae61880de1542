export * from './metrics-registry';
export * from './metrics.controller';
export * from './observability.module';
