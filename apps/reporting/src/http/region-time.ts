import { formatInstant, policyUtcOffsetMinutes, type MonitoringPolicy } from '@monitoring/domain';

/**
 * Instants in responses are written ISO 8601 on the clock of the province they concern (its policy
 * document's `utcOffset`, +08:00 for every mainland province), as the domain writes case times, so a
 * due date reads as the officer's local time. Provinces without a policy document answer in UTC.
 */
export class RegionTime {
  private readonly offsets = new Map<string, number>();

  constructor(documents: readonly MonitoringPolicy[]) {
    for (const document of documents) {
      if (!this.offsets.has(document.provinceCode)) {
        this.offsets.set(document.provinceCode, policyUtcOffsetMinutes(document));
      }
    }
  }

  offsetMinutes(regionCode: string): number {
    return this.offsets.get(regionCode.slice(0, 2)) ?? 0;
  }

  format(instant: Date, regionCode: string): string {
    return formatInstant(instant.getTime(), this.offsetMinutes(regionCode));
  }

  formatOrNull(instant: Date | null, regionCode: string): string | null {
    return instant === null ? null : this.format(instant, regionCode);
  }
}
