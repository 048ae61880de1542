import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@monitoring/auth';
import { ReadRouteDocs } from '../http/api-docs';
import { ZodQueryPipe } from '../http/zod-query.pipe';
import { QuarterlyReportHandler } from './quarterly-report.handler';
import { quarterlyReportQuerySchema, type QuarterlyReportQuery } from './quarterly-report.query';
import { QuarterlyReportDto } from './quarterly-report.response.dto';

@ApiTags('reports')
@Controller('reports')
export class QuarterlyReportHttpController {
  constructor(private readonly handler: QuarterlyReportHandler) {}

  @Get('quarterly')
  @Roles('province_staff', 'bureau', 'admin')
  @ApiOperation({
    summary: 'Quarterly report on how fast assistance was put in place, per county',
    description:
      'Over the cases opened in the quarter (read in the configured time zone): verified and assisted by the ' +
      'deadlines recorded on each case, median days to each, cases still overdue at quarter end, escalations. ' +
      'Limited to your region; a region outside yours gives no counties.',
  })
  @ApiQuery({ name: 'quarter', required: true, example: '2026Q3' })
  @ApiQuery({
    name: 'region',
    required: false,
    description: 'region code prefix (2, 4, 6, 9 or 12 digits), within yours',
  })
  @ApiOkResponse({ type: QuarterlyReportDto })
  @ReadRouteDocs()
  report(
    @Query(new ZodQueryPipe(quarterlyReportQuerySchema)) query: QuarterlyReportQuery,
    @CurrentUser() user: AuthUser,
  ): Promise<QuarterlyReportDto> {
    return this.handler.execute(query, user);
  }
}
