import {
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuthUser, Role } from './auth-user';
import { IS_PUBLIC, ROLES_ALLOWED } from './auth.decorators';
import { InvalidToken, verifyToken } from './jwt';
import type { RateLimitOptions } from './rate-limit';

export const AUTH_OPTIONS = Symbol('AUTH_OPTIONS');

export interface AuthOptions {
  secret: string;
  /** Requests per minute per token; absent: no limit. */
  rateLimit?: RateLimitOptions;
}

/**
 * Global guard: every route needs a valid bearer token and one of the roles named by @Roles, unless
 * marked @Public. Deny by default, so a new route cannot be left open by forgetting a decorator.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(AUTH_OPTIONS) private readonly options: AuthOptions,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | undefined>; user?: AuthUser }>();
    const header = request.headers['authorization'];
    const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw new UnauthorizedException('missing bearer token (Authorization: Bearer <JWT>)');

    let user: AuthUser;
    try {
      user = verifyToken(match[1], this.options.secret);
    } catch (err) {
      if (err instanceof InvalidToken) throw new UnauthorizedException(err.reason);
      throw err;
    }
    request.user = user;

    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_ALLOWED, targets) ?? [];
    if (!allowed.includes(user.role)) {
      throw new ForbiddenException(`role ${user.role} may not use this endpoint`);
    }
    return true;
  }
}
