import { Module, type DynamicModule, type FactoryProvider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AUTH_OPTIONS, JwtAuthGuard, type AuthOptions } from './jwt-auth.guard';

/** Registers the global JWT guard. Import once, at the root of each process. */
@Module({})
export class AuthModule {
  static forRootAsync(options: Omit<FactoryProvider<AuthOptions>, 'provide'>): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      providers: [
        { ...options, provide: AUTH_OPTIONS },
        { provide: APP_GUARD, useClass: JwtAuthGuard },
      ],
      exports: [AUTH_OPTIONS],
    };
  }
}
