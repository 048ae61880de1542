export * from './test-database';
export * from './test-redis';
export * from './mock-kafka';
export * from './closed-port';
