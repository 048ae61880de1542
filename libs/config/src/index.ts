export * from './app-config';
export * from './app-config.module';
export * from './environment';
export { parseByteSize } from './byte-size';
export { cronExpressionProblem } from './cron-expression';
