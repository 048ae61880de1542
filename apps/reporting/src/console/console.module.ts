import { Module } from '@nestjs/common';
import { DevLoginHttpController } from './dev-login.http.controller';

export { mountConsole } from './console-assets';

/**
 * The web console (issue 9): its static files are mounted by `mountConsole` (Express, outside the API
 * prefix); the module holds the development login, which answers only with AUTH_DEV_LOGIN=true.
 */
@Module({ controllers: [DevLoginHttpController] })
export class ConsoleModule {}
