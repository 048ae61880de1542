import { Command } from '@nestjs/cqrs';
import type { OfficerCommandContext, OfficerCommandResult } from '../officer-case-command';
import type { EliminateRiskRequestDto } from './eliminate-risk.request.dto';

/**
 * An officer marks the household's risk eliminated. Refused unless the household is stable now; a
 * household no member of which can work and that social assistance covers moves to long-term
 * follow-up instead.
 */
export class EliminateRiskCommand extends Command<OfficerCommandResult> {
  constructor(
    readonly context: OfficerCommandContext,
    readonly request: EliminateRiskRequestDto,
  ) {
    super();
  }
}
