import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ROLES, Roles } from '@monitoring/auth';
import { ProjectionProgress, type ProjectionProgressReport } from './projection-progress';

class ProjectionProgressDto implements ProjectionProgressReport {
  @ApiProperty({ description: "Checkpoint of the last event the read models hold (opaque; '' before any)" })
  checkpoint!: string;

  @ApiProperty({ description: 'Checkpoint of the last event in the log (opaque)' })
  head!: string;

  @ApiProperty({ description: 'Events appended but not yet projected', minimum: 0 })
  lag!: number;
}

/**
 * `GET /api/v1/health/projections`: how far the read models are behind the log, so a client that has
 * just ingested can wait until its data is visible. Every authenticated role may ask.
 */
@ApiTags('health')
@ApiBearerAuth()
@Roles(...ROLES)
@Controller('health/projections')
export class ProjectionHealthController {
  constructor(private readonly progress: ProjectionProgress) {}

  @Get()
  @ApiOperation({ summary: 'Projection progress: checkpoint, head of the log and lag' })
  @ApiOkResponse({ type: ProjectionProgressDto })
  report(): Promise<ProjectionProgressReport> {
    return this.progress.report();
  }
}
