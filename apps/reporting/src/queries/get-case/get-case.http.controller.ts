import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@monitoring/auth';
import { z } from 'zod';
import { AccessRequest, type AccessRequestInfo } from '../../access-log/access-request';
import { ReadRouteDocs } from '../../http/api-docs';
import { ZodQueryPipe } from '../../http/zod-query.pipe';
import { GetCaseHandler } from './get-case.handler';
import { CaseDetailDto } from './get-case.response.dto';

const caseQuerySchema = z.object({}).strict();

@ApiTags('cases')
@Controller('cases')
export class GetCaseHttpController {
  constructor(private readonly handler: GetCaseHandler) {}

  @Get(':id')
  @Roles('province_staff', 'county_officer', 'admin')
  @ApiOperation({
    summary: 'A case with its full history',
    description:
      'The case as the queue shows it, its record (visit, assistance, missed deadlines, escalation, closing) ' +
      'and every event of its stream with type, actor, business time, recorded time and a summary. ' +
      'Every read is written to the access log.',
  })
  @ApiParam({ name: 'id', description: 'case id', format: 'uuid' })
  @ApiOkResponse({ type: CaseDetailDto })
  @ReadRouteDocs({ notFound: 'no such case in your region' })
  getCase(
    @Param('id') caseId: string,
    @Query(new ZodQueryPipe(caseQuerySchema)) _query: Record<string, never>,
    @CurrentUser() user: AuthUser,
    @AccessRequest() request: AccessRequestInfo,
  ): Promise<CaseDetailDto> {
    return this.handler.execute(caseId, user, request);
  }
}
