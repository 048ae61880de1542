import { createReadStream } from 'node:fs';
import {
  BadRequestException,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@monitoring/auth';
import { ReadRouteDocs } from '../http/api-docs';
import { ExchangeBatchDto, ExchangeBatchListDto, RegenerationReportDto } from './exchange-batch.dto';
import { ExchangeBatchService } from './exchange-batch.service';
import { BATCH_FILES } from './exchange-files';

const CONTENT_TYPES: Record<string, string> = {
  jsonl: 'application/x-ndjson; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
};

const batchIdPipe = new ParseUUIDPipe({
  exceptionFactory: () => new BadRequestException('invalid batch id: should be a UUID'),
});

/** A file name, never a path: anything with a separator or a parent reference is refused outright. */
const checkedFileName = (name: string): string => {
  if (name.length === 0 || name.length > 100 || /[/\\\0]|\.\./.test(name)) {
    throw new BadRequestException(`invalid file name: should be one of ${BATCH_FILES.join(', ')}`);
  }
  return name;
};

@ApiTags('exchanges')
@Controller('exchanges')
export class ExchangesHttpController {
  constructor(private readonly batches: ExchangeBatchService) {}

  @Get()
  @Roles('bureau', 'admin')
  @ApiOperation({ summary: 'The weekly exchange batches for the rural-revitalization bureau, newest first' })
  @ApiOkResponse({ type: ExchangeBatchListDto })
  @ReadRouteDocs()
  async list(): Promise<ExchangeBatchListDto> {
    return { items: (await this.batches.list()).map(ExchangeBatchDto.of) };
  }

  @Post()
  @Roles('bureau', 'admin')
  @ApiOperation({
    summary: 'Run one exchange now',
    description:
      'Cuts the next batch: every household whose monitoring case changed in the log since the end of the ' +
      'previous batch, up to the head of the log when the run starts. Runs queue behind each other, so batches ' +
      'never overlap and leave no gap.',
  })
  @ApiCreatedResponse({ type: ExchangeBatchDto })
  @ReadRouteDocs()
  async run(@CurrentUser() user: AuthUser): Promise<ExchangeBatchDto> {
    return ExchangeBatchDto.of(await this.batches.run(user.sub));
  }

  @Get(':id/files/:name')
  @Roles('bureau', 'admin')
  @ApiOperation({ summary: "Download one of a batch's files (households.jsonl, .csv, .xlsx, manifest.json)" })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiParam({ name: 'name', enum: BATCH_FILES })
  @ApiProduces(...Object.values(CONTENT_TYPES))
  @ApiOkResponse({ description: 'the file' })
  @ReadRouteDocs({ notFound: 'no such batch, or no such file in it' })
  async download(
    @Param('id', batchIdPipe) batchId: string,
    @Param('name') rawName: string,
  ): Promise<StreamableFile> {
    const name = checkedFileName(rawName);
    const { path, size } = await this.batches.filePath(batchId, name);
    const extension = name.slice(name.lastIndexOf('.') + 1);
    return new StreamableFile(createReadStream(path), {
      type: CONTENT_TYPES[extension] ?? 'application/octet-stream',
      disposition: `attachment; filename="${name}"`,
      length: size,
    });
  }

  @Post(':id/acknowledgement')
  @HttpCode(200)
  @Roles('bureau', 'admin')
  @ApiOperation({ summary: 'The bureau confirms it received a batch (the first acknowledgement stands)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: ExchangeBatchDto })
  @ReadRouteDocs({ notFound: 'no such batch' })
  async acknowledge(
    @Param('id', batchIdPipe) batchId: string,
    @CurrentUser() user: AuthUser,
  ): Promise<ExchangeBatchDto> {
    return ExchangeBatchDto.of(await this.batches.acknowledge(batchId, user.sub));
  }

  @Post(':id/regeneration')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary:
      'Regenerate a batch from the log into a scratch directory and compare every file with its recorded hash',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: RegenerationReportDto })
  @ReadRouteDocs({ notFound: 'no such batch' })
  regenerate(@Param('id', batchIdPipe) batchId: string): Promise<RegenerationReportDto> {
    return this.batches.regenerate(batchId);
  }
}
