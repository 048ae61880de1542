import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@monitoring/auth';
import { z } from 'zod';
import { AccessRequest, type AccessRequestInfo } from '../../access-log/access-request';
import { ReadRouteDocs } from '../../http/api-docs';
import { ZodQueryPipe } from '../../http/zod-query.pipe';
import { GetHouseholdTimelineHandler } from './get-household-timeline.handler';
import { HouseholdTimelineDto } from './get-household-timeline.response.dto';

/** The timeline takes no parameters; any given is refused rather than ignored. */
const timelineQuerySchema = z.object({}).strict();

@ApiTags('households')
@Controller('households')
export class GetHouseholdTimelineHttpController {
  constructor(private readonly handler: GetHouseholdTimelineHandler) {}

  @Get(':id/timeline')
  @Roles('province_staff', 'county_officer', 'admin')
  @ApiOperation({
    summary: "A household's timeline: every event of the household and its cases, in business-time order",
    description:
      'Each event with a short summary in Chinese and English, its source and when it was recorded. ' +
      'Personal data is masked as for the household detail. Every read is written to the access log.',
  })
  @ApiParam({ name: 'id', description: 'household id', example: 'H410423000001' })
  @ApiOkResponse({ type: HouseholdTimelineDto })
  @ReadRouteDocs({ notFound: 'no such household in your region' })
  getTimeline(
    @Param('id') householdId: string,
    @Query(new ZodQueryPipe(timelineQuerySchema)) _query: Record<string, never>,
    @CurrentUser() user: AuthUser,
    @AccessRequest() request: AccessRequestInfo,
  ): Promise<HouseholdTimelineDto> {
    return this.handler.execute(householdId, user, request);
  }
}
