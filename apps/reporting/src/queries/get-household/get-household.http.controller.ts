import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@monitoring/auth';
import { AccessRequest, type AccessRequestInfo } from '../../access-log/access-request';
import { ReadRouteDocs } from '../../http/api-docs';
import { ZodQueryPipe } from '../../http/zod-query.pipe';
import { GetHouseholdHandler } from './get-household.handler';
import { getHouseholdQuerySchema, type GetHouseholdQuery } from './get-household.query';
import { HouseholdRiskDto } from './get-household.response.dto';

@ApiTags('households')
@Controller('households')
export class GetHouseholdHttpController {
  constructor(private readonly handler: GetHouseholdHandler) {}

  @Get(':id')
  @Roles('province_staff', 'county_officer', 'admin')
  @ApiOperation({
    summary: "A household's explainable risk, now or as of a past date",
    description:
      'Without parameters: the monitor’s current assessment. `asOf` replays the household’s events up to that ' +
      'business time under the policy then in force; `knownAt` also leaves out events the system recorded ' +
      'after it (what the office knew on that day). ID numbers are always masked; member names are masked ' +
      'unless you act on the household’s case. Every read is written to the access log.',
  })
  @ApiParam({ name: 'id', description: 'household id', example: 'H410423000001' })
  @ApiQuery({
    name: 'asOf',
    required: false,
    schema: { type: 'string', format: 'date-time' },
    description: 'business time, ISO 8601 with offset (encode + as %2B)',
    example: '2026-03-01T00:00:00+08:00',
  })
  @ApiQuery({
    name: 'knownAt',
    required: false,
    schema: { type: 'string', format: 'date-time' },
    description: 'only events recorded by then (ISO 8601 with offset)',
  })
  @ApiOkResponse({ type: HouseholdRiskDto })
  @ReadRouteDocs({ notFound: 'no such household in your region (or not registered by asOf)' })
  getHousehold(
    @Param('id') householdId: string,
    @Query(new ZodQueryPipe(getHouseholdQuerySchema)) query: GetHouseholdQuery,
    @CurrentUser() user: AuthUser,
    @AccessRequest() request: AccessRequestInfo,
  ): Promise<HouseholdRiskDto> {
    return this.handler.execute(householdId, query, user, request);
  }
}
