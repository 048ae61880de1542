import { Body, Controller, Param, Post, UseFilters } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentUser, Roles, type AuthUser } from '@monitoring/auth';
import { CaseActionDocs } from '../../http/case-action.docs';
import { CaseHttpErrorsFilter } from '../../http/case-http-errors.filter';
import { CaseIdPipe, CommandId } from '../../http/case-request.params';
import { ZodBodyPipe } from '../../http/zod-body.pipe';
import type { OfficerCommandResult } from '../officer-case-command';
import { EliminateRiskCommand } from './eliminate-risk.command';
import { eliminateRiskRequestSchema, type EliminateRiskRequestDto } from './eliminate-risk.request.dto';

@Controller('cases')
@UseFilters(CaseHttpErrorsFilter)
export class EliminateRiskHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/risk-elimination')
  @Roles('county_officer', 'province_staff')
  @CaseActionDocs(
    "Mark the household's risk eliminated (or start long-term follow-up)",
    eliminateRiskRequestSchema,
  )
  eliminateRisk(
    @Param('id', CaseIdPipe) caseId: string,
    @Body(new ZodBodyPipe(eliminateRiskRequestSchema)) body: EliminateRiskRequestDto,
    @CurrentUser() user: AuthUser,
    @CommandId('risk-elimination') commandId: string,
  ): Promise<OfficerCommandResult> {
    return this.commandBus.execute(new EliminateRiskCommand({ caseId, user, commandId }, body));
  }
}
