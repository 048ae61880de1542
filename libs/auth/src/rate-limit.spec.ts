import { Controller, Get, type ExecutionContext } from '@nestjs/common';
import type { ThrottlerOptions } from '@nestjs/throttler';
import { Public, Roles } from './auth.decorators';
import { rateLimitCategory, rateLimitThrottlerOptions, RATE_LIMIT_WINDOW_MS } from './rate-limit';

@Roles('ingest', 'admin')
@Controller('ingest')
class IngestLike {
  @Get() post(): void {}
}

@Controller('cases')
class ReadsLike {
  @Get() @Roles('county_officer') list(): void {}
  @Get('open') @Public() health(): void {}
}

const contextOf = (cls: object, handler: () => void): ExecutionContext =>
  ({ getClass: () => cls, getHandler: () => handler }) as unknown as ExecutionContext;

const ingestRoute = contextOf(IngestLike, IngestLike.prototype.post);
const readRoute = contextOf(ReadsLike, ReadsLike.prototype.list);
const publicRoute = contextOf(ReadsLike, ReadsLike.prototype.health);

describe('rate limits', () => {
  const limits = { readsPerMinute: 600, ingestPerMinute: 120 };
  const options = rateLimitThrottlerOptions(limits) as Exclude<
    ReturnType<typeof rateLimitThrottlerOptions>,
    unknown[]
  >;
  const [throttler] = options.throttlers as [ThrottlerOptions & { limit: (c: ExecutionContext) => number }];

  it('counts routes open to the ingest role as ingest, everything else as reads', () => {
    expect(rateLimitCategory(ingestRoute)).toBe('ingest');
    expect(rateLimitCategory(readRoute)).toBe('reads');
    expect(throttler.limit(ingestRoute)).toBe(120);
    expect(throttler.limit(readRoute)).toBe(600);
    expect(throttler.ttl).toBe(RATE_LIMIT_WINDOW_MS);
  });

  it('skips public routes, limits of 0, and everything when no limits are configured', () => {
    expect(throttler.skipIf?.(readRoute)).toBe(false);
    expect(throttler.skipIf?.(publicRoute)).toBe(true);
    const noIngest = rateLimitThrottlerOptions({ ...limits, ingestPerMinute: 0 }) as typeof options;
    expect(noIngest.throttlers[0].skipIf?.(ingestRoute)).toBe(true);
    expect(noIngest.throttlers[0].skipIf?.(readRoute)).toBe(false);
    const none = rateLimitThrottlerOptions(undefined) as typeof options;
    expect(none.throttlers[0].skipIf?.(readRoute)).toBe(true);
  });

  it('keys a caller by token subject, else by address, with one bucket per category', async () => {
    const tracker = options.getTracker!;
    const bySub = await tracker({ user: { sub: 'officer-17' }, ip: '10.0.0.1' }, readRoute);
    const byIp = await tracker({ ip: '10.0.0.1' }, readRoute);
    expect(bySub).toBe('sub:officer-17');
    expect(byIp).toBe('ip:10.0.0.1');
    const key = options.generateKey!;
    expect(key(readRoute, bySub, 'default')).toMatch(/^reads:[0-9a-f]{32}$/);
    expect(key(ingestRoute, bySub, 'default')).toMatch(/^ingest:/);
    expect(key(readRoute, bySub, 'default')).toBe(
      key(contextOf(ReadsLike, ReadsLike.prototype.health), bySub, 'default'),
    );
    expect(key(readRoute, bySub, 'default')).not.toBe(key(readRoute, 'sub:officer-18', 'default'));
  });
});
