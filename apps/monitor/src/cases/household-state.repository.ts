import { Injectable } from '@nestjs/common';
import type { HouseholdState } from '@monitoring/domain';
import { DataSource } from 'typeorm';

/**
 * Reads the household state the monitor's projection keeps per household (`household_projection_state`,
 * owned by the projection): the domain's HouseholdState as plain JSON, from which risk elimination
 * assesses the household as of now.
 */
@Injectable()
export class HouseholdStateRepository {
  constructor(private readonly dataSource: DataSource) {}

  async find(householdId: string): Promise<HouseholdState | null> {
    const rows: { state: HouseholdState }[] = await this.dataSource.query(
      'SELECT state FROM household_projection_state WHERE household_id = $1',
      [householdId],
    );
    return rows.length === 0 ? null : rows[0].state;
  }
}
