import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@monitoring/auth';
import { ReadRouteDocs } from '../http/api-docs';
import { ZodQueryPipe } from '../http/zod-query.pipe';
import { RegionCodePipe } from './region-code.pipe';
import { RegionStatsHandler } from './region-stats.handler';
import { DEFAULT_PERIOD_DAYS, regionStatsQuerySchema, type RegionStatsQuery } from './region-stats.query';
import { RegionStatsDto } from './region-stats.response.dto';

@ApiTags('statistics')
@Controller('stats/regions')
export class RegionStatsHttpController {
  constructor(private readonly handler: RegionStatsHandler) {}

  @Get(':regionCode')
  @Roles('province_staff', 'county_officer', 'bureau', 'admin')
  @ApiOperation({
    summary: 'Statistics of an area and of each of its child areas',
    description:
      'Households by category and risk level, cases by stage, and deadline compliance: the share of ' +
      'verification and assistance deadlines that fell due in the period and were met in time, cases ' +
      'overdue now, and escalations in the period. For the area and each child area (cities of a province, ' +
      'counties of a city, townships of a county, villages of a township). The area must lie in your region.',
  })
  @ApiParam({
    name: 'regionCode',
    description: 'region code or prefix: 41, 4104, 410423, ...',
    example: '4104',
  })
  @ApiQuery({
    name: 'from',
    required: false,
    schema: { type: 'string', format: 'date-time' },
    description: `period start, ISO 8601 with offset (default: ${DEFAULT_PERIOD_DAYS} days before to)`,
  })
  @ApiQuery({
    name: 'to',
    required: false,
    schema: { type: 'string', format: 'date-time' },
    description: 'period end, exclusive (default: now)',
  })
  @ApiOkResponse({ type: RegionStatsDto })
  @ReadRouteDocs({ notFound: 'the area is not in your region' })
  regionStats(
    @Param('regionCode', RegionCodePipe) regionCode: string,
    @Query(new ZodQueryPipe(regionStatsQuerySchema)) query: RegionStatsQuery,
    @CurrentUser() user: AuthUser,
  ): Promise<RegionStatsDto> {
    return this.handler.execute(regionCode, query, user);
  }
}
