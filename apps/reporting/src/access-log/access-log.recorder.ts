import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { AuthUser } from '@monitoring/auth';
import { CLOCK, type Clock } from '@monitoring/platform/clock';
import type { Repository } from 'typeorm';
import { AccessLogEntity, type AccessOutcome } from './access-log.entity';
import type { AccessRequestInfo } from './access-request';

export interface AccessRecord {
  user: AuthUser;
  request: AccessRequestInfo;
  householdId: string | null;
  caseId?: string | null;
  outcome: AccessOutcome;
}

/**
 * Writes the access log. Called before the answer is sent: when the log cannot be written the read
 * fails, so no household's data leaves without its trace.
 */
@Injectable()
export class AccessLogRecorder {
  constructor(
    @InjectRepository(AccessLogEntity) private readonly log: Repository<AccessLogEntity>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async record(access: AccessRecord): Promise<void> {
    await this.log.insert({
      accessedAt: this.clock.now(),
      userSub: access.user.sub,
      userRole: access.user.role,
      userRegion: access.user.region,
      // Ids come from the URL: an absurd one is kept short, it names no household anyway.
      householdId: access.householdId?.slice(0, 128) ?? null,
      caseId: access.caseId?.slice(0, 128) ?? null,
      route: access.request.route,
      url: access.request.url,
      clientAddress: access.request.clientAddress,
      outcome: access.outcome,
    });
  }
}
