import { Inject, Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import type { AppConfig } from './app-config';

/** Injection token of the typed, validated AppConfig. */
export const APP_CONFIG = Symbol('APP_CONFIG');

/** `@InjectAppConfig() private readonly config: AppConfig` */
export const InjectAppConfig = (): ParameterDecorator & PropertyDecorator => Inject(APP_CONFIG);

/**
 * Makes one already-validated AppConfig available everywhere: as APP_CONFIG, and through
 * `ConfigService<AppConfig, true>` for code that prefers @nestjs/config. The ConfigService is told to
 * ignore `.env` files and `process.env`, so the object built at start-up is the only source.
 */
@Module({})
export class AppConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppConfigModule,
      global: true,
      imports: [
        ConfigModule.forRoot({
          isGlobal: true,
          ignoreEnvFile: true,
          validatePredefined: false,
          skipProcessEnv: true,
          load: [() => ({ ...config })],
        }),
      ],
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
    };
  }
}
