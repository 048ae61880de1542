import { Command } from '@nestjs/cqrs';
import type { OfficerCommandContext, OfficerCommandResult } from '../officer-case-command';
import type { RecordAssistanceRequestDto } from './record-assistance.request.dto';

/** An officer records an assistance measure put in place for a confirmed household. */
export class RecordAssistanceCommand extends Command<OfficerCommandResult> {
  constructor(
    readonly context: OfficerCommandContext,
    readonly request: RecordAssistanceRequestDto,
  ) {
    super();
  }
}
