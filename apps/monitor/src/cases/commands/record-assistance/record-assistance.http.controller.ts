import { Body, Controller, Param, Post, UseFilters } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentUser, Roles, type AuthUser } from '@monitoring/auth';
import { CaseActionDocs } from '../../http/case-action.docs';
import { CaseHttpErrorsFilter } from '../../http/case-http-errors.filter';
import { CaseIdPipe, CommandId } from '../../http/case-request.params';
import { ZodBodyPipe } from '../../http/zod-body.pipe';
import type { OfficerCommandResult } from '../officer-case-command';
import { RecordAssistanceCommand } from './record-assistance.command';
import {
  recordAssistanceRequestSchema,
  type RecordAssistanceRequestDto,
} from './record-assistance.request.dto';

@Controller('cases')
@UseFilters(CaseHttpErrorsFilter)
export class RecordAssistanceHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/assistance')
  @Roles('county_officer', 'province_staff')
  @CaseActionDocs('Record an assistance measure put in place', recordAssistanceRequestSchema)
  recordAssistance(
    @Param('id', CaseIdPipe) caseId: string,
    @Body(new ZodBodyPipe(recordAssistanceRequestSchema)) body: RecordAssistanceRequestDto,
    @CurrentUser() user: AuthUser,
    @CommandId('assistance') commandId: string,
  ): Promise<OfficerCommandResult> {
    return this.commandBus.execute(new RecordAssistanceCommand({ caseId, user, commandId }, body));
  }
}
