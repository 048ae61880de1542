import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Post,
  Req,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public, signToken } from '@monitoring/auth';
import { APP_CONFIG, type AppConfig } from '@monitoring/config';
import { CLOCK, type Clock } from '@monitoring/platform';
import { DEV_USERS, type DevUser } from './dev-users';

const TOKEN_HOURS = 12;

interface RequestLine {
  method: string;
  originalUrl: string;
}

/**
 * `AUTH_DEV_LOGIN=true` only (refused in production by the configuration): lists the sample users and
 * signs a token for one, so the console can be tried without `npm run token`. Disabled, both routes
 * answer exactly like a route that does not exist. Left out of the OpenAPI document: not a contract.
 */
@ApiExcludeController()
@Public()
@Controller('auth/dev-login')
export class DevLoginHttpController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  users(@Req() request: RequestLine): { users: DevUser[] } {
    this.requireEnabled(request);
    return { users: [...DEV_USERS] };
  }

  @Post()
  @HttpCode(200)
  login(@Req() request: RequestLine, @Body() body: unknown): { token: string; user: DevUser } {
    this.requireEnabled(request);
    const sub = typeof body === 'object' && body !== null ? (body as { sub?: unknown }).sub : undefined;
    const user = DEV_USERS.find((candidate) => candidate.sub === sub);
    if (!user) {
      throw new BadRequestException(
        `sub should be one of the sample users: ${DEV_USERS.map((candidate) => candidate.sub).join(', ')}`,
      );
    }
    const token = signToken(
      { sub: user.sub, role: user.role, region: user.region },
      this.config.auth.jwtSecret,
      {
        now: this.clock.now(),
        expiresInSeconds: TOKEN_HOURS * 3600,
      },
    );
    return { token, user };
  }

  private requireEnabled(request: RequestLine): void {
    // The same answer as Nest's for an unmapped route, so a disabled login cannot be told apart.
    if (!this.config.auth.devLogin)
      throw new NotFoundException(`Cannot ${request.method} ${request.originalUrl}`);
  }
}
