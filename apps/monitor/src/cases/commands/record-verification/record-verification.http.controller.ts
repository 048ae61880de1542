import { Body, Controller, Param, Post, UseFilters } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentUser, Roles, type AuthUser } from '@monitoring/auth';
import { CaseActionDocs } from '../../http/case-action.docs';
import { CaseHttpErrorsFilter } from '../../http/case-http-errors.filter';
import { CaseIdPipe, CommandId } from '../../http/case-request.params';
import { ZodBodyPipe } from '../../http/zod-body.pipe';
import type { OfficerCommandResult } from '../officer-case-command';
import { RecordVerificationCommand } from './record-verification.command';
import {
  recordVerificationRequestSchema,
  type RecordVerificationRequestDto,
} from './record-verification.request.dto';

@Controller('cases')
@UseFilters(CaseHttpErrorsFilter)
export class RecordVerificationHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/verification')
  @Roles('county_officer', 'province_staff')
  @CaseActionDocs('Record the home visit: confirm or dismiss the warning', recordVerificationRequestSchema)
  recordVerification(
    @Param('id', CaseIdPipe) caseId: string,
    @Body(new ZodBodyPipe(recordVerificationRequestSchema)) body: RecordVerificationRequestDto,
    @CurrentUser() user: AuthUser,
    @CommandId('verification') commandId: string,
  ): Promise<OfficerCommandResult> {
    return this.commandBus.execute(new RecordVerificationCommand({ caseId, user, commandId }, body));
  }
}
