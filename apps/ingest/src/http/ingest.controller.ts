import {
  BadRequestException,
  Body,
  Controller,
  HttpCode,
  HttpException,
  HttpStatus,
  Inject,
  NotFoundException,
  Param,
  Post,
  Res,
  ServiceUnavailableException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiPayloadTooLargeResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@monitoring/auth';
import { isSourceTopic, SOURCE_TOPICS } from '@monitoring/domain';
import type { IngestItem } from '../pipeline/ingest-batch';
import { IngestPipeline } from '../pipeline/ingest-pipeline';
import { HTTP_RETRY_POLICY, StoreUnavailableError } from '../pipeline/retry-policy';
import { IngestRequestDto, IngestResponseDto } from './ingest-response.dto';

export interface HttpIngestOptions {
  /** Most records one request may carry. */
  maxRecords: number;
}

export const HTTP_INGEST_OPTIONS = Symbol('HTTP_INGEST_OPTIONS');

/** Seconds a client should wait before resending when the store is unavailable. */
const RETRY_AFTER_SECONDS = 5;

/**
 * `POST /api/v1/ingest/{registry|income|claims}` (DESIGN §8): a bulk of source records, validated,
 * deduplicated and appended like Kafka messages, with an answer per record. Bad records never fail
 * the request; only a malformed request does (400), or one too large (413).
 */
@ApiTags('ingest')
@ApiBearerAuth()
@Roles('ingest', 'admin')
@Controller('ingest')
export class IngestController {
  constructor(
    private readonly pipeline: IngestPipeline,
    @Inject(HTTP_INGEST_OPTIONS) private readonly options: HttpIngestOptions,
  ) {}

  @Post(':topic')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Ingest a bulk of source records of one feed' })
  @ApiParam({ name: 'topic', enum: SOURCE_TOPICS, description: 'The feed the records belong to' })
  @ApiBody({ type: IngestRequestDto })
  @ApiOkResponse({ type: IngestResponseDto, description: 'What became of each record' })
  @ApiBadRequestResponse({ description: 'The body is not JSON, or not `{"records": [...]}`' })
  @ApiUnauthorizedResponse({ description: 'No valid bearer token' })
  @ApiForbiddenResponse({ description: 'The token is not for role ingest or admin' })
  @ApiNotFoundResponse({ description: 'No such feed' })
  @ApiPayloadTooLargeResponse({
    description: 'The body exceeds the size limit, or `records` the count limit',
  })
  @ApiServiceUnavailableResponse({
    description: 'The event store is unavailable; resend later (ingest is idempotent)',
  })
  async ingest(
    @Param('topic') topic: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) response: { setHeader(name: string, value: string): void },
  ): Promise<IngestResponseDto> {
    if (!isSourceTopic(topic)) {
      throw new NotFoundException(
        `no feed ${JSON.stringify(topic.slice(0, 40))}; the feeds are ${SOURCE_TOPICS.join(', ')}`,
      );
    }
    const records = this.recordsOf(body);
    const items: IngestItem[] = records.map((value, index) => ({
      origin: { path: 'http', index, sender: user.sub },
      content: { readable: true, value },
    }));
    try {
      const outcome = await this.pipeline.ingest(
        { path: 'http', topic, items },
        { retry: HTTP_RETRY_POLICY },
      );
      return {
        accepted: outcome.accepted,
        duplicates: outcome.duplicates,
        rejected: outcome.outcomes.flatMap((result, index) =>
          result.status === 'rejected' ? [{ index, reason: result.reason }] : [],
        ),
      };
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      throw new ServiceUnavailableException(
        'the event store is unavailable: resend the request later (records it stored already will count as duplicates)',
      );
    }
  }

  private recordsOf(body: unknown): unknown[] {
    if (body === undefined) {
      throw new UnsupportedMediaTypeException('send the records as JSON (Content-Type: application/json)');
    }
    if (body === null || typeof body !== 'object' || Array.isArray(body) || !('records' in body)) {
      throw new BadRequestException('the body should be a JSON object {"records": [...]}');
    }
    const records = (body as { records: unknown }).records;
    if (!Array.isArray(records))
      throw new BadRequestException('"records" should be an array of source records');
    const extra = Object.keys(body).filter((key) => key !== 'records');
    if (extra.length > 0) {
      throw new BadRequestException(
        `unknown member(s) ${extra
          .slice(0, 5)
          .map((key) => JSON.stringify(key.slice(0, 40)))
          .join(', ')}; the body is {"records": [...]}`,
      );
    }
    if (records.length > this.options.maxRecords) {
      throw new HttpException(
        `${records.length} records in one request; at most ${this.options.maxRecords} are taken: split the batch`,
        HttpStatus.PAYLOAD_TOO_LARGE,
      );
    }
    return records;
  }
}
