import { Body, Controller, Param, Post, UseFilters } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentUser, Roles, type AuthUser } from '@monitoring/auth';
import { CaseActionDocs } from '../../http/case-action.docs';
import { CaseHttpErrorsFilter } from '../../http/case-http-errors.filter';
import { CaseIdPipe, CommandId } from '../../http/case-request.params';
import { ZodBodyPipe } from '../../http/zod-body.pipe';
import type { OfficerCommandResult } from '../officer-case-command';
import { ReopenCaseCommand } from './reopen-case.command';
import { reopenCaseRequestSchema, type ReopenCaseRequestDto } from './reopen-case.request.dto';

@Controller('cases')
@UseFilters(CaseHttpErrorsFilter)
export class ReopenCaseHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/reopen')
  @Roles('county_officer', 'province_staff')
  @CaseActionDocs(
    'Reopen a closed case whose elimination or dismissal was premature',
    reopenCaseRequestSchema,
  )
  reopenCase(
    @Param('id', CaseIdPipe) caseId: string,
    @Body(new ZodBodyPipe(reopenCaseRequestSchema)) body: ReopenCaseRequestDto,
    @CurrentUser() user: AuthUser,
    @CommandId('reopen') commandId: string,
  ): Promise<OfficerCommandResult> {
    return this.commandBus.execute(new ReopenCaseCommand({ caseId, user, commandId }, body));
  }
}
