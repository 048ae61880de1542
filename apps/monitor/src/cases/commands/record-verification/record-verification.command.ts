import { Command } from '@nestjs/cqrs';
import type { OfficerCommandContext, OfficerCommandResult } from '../officer-case-command';
import type { RecordVerificationRequestDto } from './record-verification.request.dto';

/** An officer records the home visit: the warning confirmed (with the household's category) or dismissed. */
export class RecordVerificationCommand extends Command<OfficerCommandResult> {
  constructor(
    readonly context: OfficerCommandContext,
    readonly request: RecordVerificationRequestDto,
  ) {
    super();
  }
}
