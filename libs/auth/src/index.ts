export * from './auth-user';
export * from './jwt';
export * from './region-scope';
export * from './auth.decorators';
export * from './jwt-auth.guard';
export * from './auth.module';
export * from './rate-limit';
