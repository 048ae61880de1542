import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Roles } from '@monitoring/auth';
import { ReadRouteDocs } from '../http/api-docs';
import { ZodQueryPipe } from '../http/zod-query.pipe';
import { ReadAccessLogHandler } from './read-access-log.handler';
import {
  DEFAULT_LOG_LIMIT,
  MAX_LOG_LIMIT,
  readAccessLogQuerySchema,
  type ReadAccessLogQuery,
} from './read-access-log.query';
import { AccessLogPageDto } from './read-access-log.response.dto';

@ApiTags('audit')
@Controller('audit/access-log')
export class ReadAccessLogHttpController {
  constructor(private readonly handler: ReadAccessLogHandler) {}

  @Get()
  @Roles('admin')
  @ApiOperation({
    summary: 'Who read which household: the access log (admins only)',
    description:
      'Every read of a household’s detail or timeline and of a case, answered or not, newest first.',
  })
  @ApiQuery({ name: 'user', required: false, type: String, description: 'reader (token sub)' })
  @ApiQuery({ name: 'household', required: false, type: String, description: 'household id' })
  @ApiQuery({
    name: 'from',
    required: false,
    schema: { type: 'string', format: 'date-time' },
    description: 'accessed at or after (ISO 8601 with offset)',
  })
  @ApiQuery({
    name: 'to',
    required: false,
    schema: { type: 'string', format: 'date-time' },
    description: 'accessed before (ISO 8601 with offset)',
  })
  @ApiQuery({
    name: 'limit',
    required: false,
    type: Number,
    description: `1 to ${MAX_LOG_LIMIT} (default ${DEFAULT_LOG_LIMIT})`,
  })
  @ApiQuery({ name: 'cursor', required: false, type: String, description: 'the previous page’s nextCursor' })
  @ApiOkResponse({ type: AccessLogPageDto })
  @ReadRouteDocs()
  readAccessLog(
    @Query(new ZodQueryPipe(readAccessLogQuerySchema)) query: ReadAccessLogQuery,
  ): Promise<AccessLogPageDto> {
    return this.handler.execute(query);
  }
}
