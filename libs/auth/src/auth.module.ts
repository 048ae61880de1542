import { Module, type DynamicModule, type FactoryProvider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { getOptionsToken, getStorageToken, ThrottlerGuard } from '@nestjs/throttler';
import { AUTH_OPTIONS, JwtAuthGuard, type AuthOptions } from './jwt-auth.guard';
import { rateLimitStorage, rateLimitThrottlerOptions } from './rate-limit';

/**
 * Registers the global guards: JWT authentication and roles, then the rate limit per token (only
 * when the options name limits). Import once, at the root of each process.
 */
@Module({})
export class AuthModule {
  static forRootAsync(options: Omit<FactoryProvider<AuthOptions>, 'provide'>): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      providers: [
        { ...options, provide: AUTH_OPTIONS },
        // Global guards run in the order they are provided: the rate limit keys on the user the
        // JWT guard has set, and requests refused by it count against no one.
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        {
          provide: getOptionsToken(),
          inject: [AUTH_OPTIONS],
          useFactory: (auth: AuthOptions) => rateLimitThrottlerOptions(auth.rateLimit),
        },
        {
          provide: getStorageToken(),
          inject: [AUTH_OPTIONS],
          useFactory: (auth: AuthOptions) => rateLimitStorage(auth.rateLimit),
        },
        { provide: APP_GUARD, useClass: ThrottlerGuard },
      ],
      exports: [AUTH_OPTIONS],
    };
  }
}
