import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@monitoring/auth';
import { ReadRouteDocs } from '../../http/api-docs';
import { ZodQueryPipe } from '../../http/zod-query.pipe';
import { CASE_QUEUE_SORTS } from './case-queue-order';
import { ListCasesHandler } from './list-cases.handler';
import {
  CASE_CATEGORIES,
  CASE_STAGES,
  DEFAULT_QUEUE_LIMIT,
  listCasesQuerySchema,
  MAX_QUEUE_LIMIT,
  type ListCasesQuery,
} from './list-cases.query';
import { CaseQueuePageDto } from './list-cases.response.dto';

@ApiTags('cases')
@Controller('cases')
export class ListCasesHttpController {
  constructor(private readonly handler: ListCasesHandler) {}

  @Get()
  @Roles('province_staff', 'county_officer', 'admin')
  @ApiOperation({
    summary: 'The alert queue: cases in your region, nearest pending deadline first',
    description:
      'Default order (`sort=deadline`): cases with a pending deadline by that deadline — the verification due ' +
      'time until the case is verified, then the assistance due time until assistance is recorded — so overdue ' +
      'cases come first; then active cases with no pending deadline (assistance in place, long-term ' +
      'follow-up), oldest first; closed cases last, most recently closed first. Ties break on the case id.\n\n' +
      'Paging: pass `nextCursor` back as `cursor` with the same filters and sort. The cursor keeps your ' +
      'place by sort key and remembers the cases already returned, so while cases change every case that ' +
      'matches the filters throughout is returned exactly once; a case opened or reopened meanwhile shows ' +
      'if it sorts after your place, otherwise on the next pass. Cursors expire after 24 hours.',
  })
  @ApiQuery({
    name: 'region',
    required: false,
    type: String,
    description: 'region code prefix (2, 4, 6, 9 or 12 digits), within yours',
  })
  @ApiQuery({ name: 'county', required: false, type: String, description: 'assigned county, 6 digits' })
  @ApiQuery({
    name: 'category',
    required: false,
    enum: CASE_CATEGORIES,
    isArray: true,
    description: 'one or more, comma-separated',
  })
  @ApiQuery({
    name: 'stage',
    required: false,
    enum: CASE_STAGES,
    isArray: true,
    description: 'one or more, comma-separated',
  })
  @ApiQuery({
    name: 'overdue',
    required: false,
    type: Boolean,
    description: 'a pending deadline has passed (now)',
  })
  @ApiQuery({
    name: 'openedFrom',
    required: false,
    schema: { type: 'string', format: 'date-time' },
    description: 'opened at or after (ISO 8601 with offset)',
  })
  @ApiQuery({
    name: 'openedTo',
    required: false,
    schema: { type: 'string', format: 'date-time' },
    description: 'opened before (ISO 8601 with offset)',
  })
  @ApiQuery({ name: 'sort', required: false, enum: CASE_QUEUE_SORTS, description: 'default deadline' })
  @ApiQuery({
    name: 'limit',
    required: false,
    type: Number,
    description: `page size, 1 to ${MAX_QUEUE_LIMIT} (default ${DEFAULT_QUEUE_LIMIT})`,
  })
  @ApiQuery({ name: 'cursor', required: false, type: String, description: 'the previous page’s nextCursor' })
  @ApiOkResponse({ type: CaseQueuePageDto })
  @ReadRouteDocs()
  listCases(
    @Query(new ZodQueryPipe(listCasesQuerySchema)) query: ListCasesQuery,
    @CurrentUser() user: AuthUser,
  ): Promise<CaseQueuePageDto> {
    return this.handler.execute(query, user);
  }
}
