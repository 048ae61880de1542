import { Command } from '@nestjs/cqrs';
import type { OfficerCommandContext, OfficerCommandResult } from '../officer-case-command';
import type { ReopenCaseRequestDto } from './reopen-case.request.dto';

/** An officer reopens a closed case (a premature elimination, or a dismissal found wrong). */
export class ReopenCaseCommand extends Command<OfficerCommandResult> {
  constructor(
    readonly context: OfficerCommandContext,
    readonly request: ReopenCaseRequestDto,
  ) {
    super();
  }
}
