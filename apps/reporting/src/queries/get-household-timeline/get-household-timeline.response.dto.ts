import { ApiProperty } from '@nestjs/swagger';
import { HistoryEntryDto } from '../../events/history-entry.dto';

export class HouseholdTimelineDto {
  @ApiProperty()
  householdId!: string;

  @ApiProperty()
  regionCode!: string;

  @ApiProperty({
    type: [HistoryEntryDto],
    description: 'every event of the household and of its cases, in business-time order',
  })
  items!: HistoryEntryDto[];
}
