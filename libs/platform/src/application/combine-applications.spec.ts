import { Module } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig } from '@monitoring/config';
import type { MigrationInterface } from 'typeorm';
import { combineApplications, type ApplicationDefinition } from './create-application';

@Module({})
class SharedModule {}
@Module({})
class IngestOnlyModule {}
@Module({})
class MonitorOnlyModule {}

class SharedMigration implements MigrationInterface {
  async up(): Promise<void> {}
  async down(): Promise<void> {}
}
class MonitorMigration extends SharedMigration {}

describe('combineApplications', () => {
  const calls: string[] = [];
  const sharedSetUp = () => void calls.push('shared');
  const ingest: ApplicationDefinition = {
    service: 'ingest',
    modules: [SharedModule, IngestOnlyModule],
    migrations: [SharedMigration],
    configureHttp: sharedSetUp,
  };
  const monitor: ApplicationDefinition = {
    service: 'monitor',
    modules: [SharedModule, MonitorOnlyModule],
    migrations: [SharedMigration, MonitorMigration],
    configureHttp: sharedSetUp,
  };
  const reporting: ApplicationDefinition = {
    service: 'reporting',
    modules: [],
    migrations: [],
    configureHttp: () => void calls.push('reporting'),
  };

  it('takes every module and migration once, in order', () => {
    const combined = combineApplications('all-in-one', [ingest, monitor, reporting]);
    expect(combined.service).toBe('all-in-one');
    expect(combined.modules).toEqual([SharedModule, IngestOnlyModule, MonitorOnlyModule]);
    expect(combined.migrations).toEqual([SharedMigration, MonitorMigration]);
  });

  it('runs each distinct HTTP set-up once', () => {
    calls.length = 0;
    const combined = combineApplications('all-in-one', [ingest, monitor, reporting]);
    combined.configureHttp?.({} as NestExpressApplication, loadConfig({}));
    expect(calls).toEqual(['shared', 'reporting']);
  });
});
