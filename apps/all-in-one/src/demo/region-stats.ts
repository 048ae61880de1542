import type { AuthUser } from '@monitoring/auth';
import type { DemoApi } from './demo-api';

interface Compliance {
  due: number;
  metInTime: number;
  share: number | null;
}

export interface RegionFigures {
  regionCode: string;
  households: { total: number; byCategory: Record<string, number> };
  cases: { total: number; byStage: Record<string, number>; openedInPeriod: number };
  deadlines: {
    verification: Compliance;
    assistance: Compliance;
    overdueNow: number;
    escalated: { city: number; province: number };
  };
}

/** The part of `GET /api/v1/stats/regions/{code}` the demo prints. */
export interface RegionStats {
  region: RegionFigures;
  children: RegionFigures[];
}

/** Figures for the area, deadlines counted over the period when given (the API's default otherwise). */
export function regionStats(
  api: DemoApi,
  user: AuthUser,
  regionCode: string,
  from?: Date,
  to?: Date,
): Promise<RegionStats> {
  const query = new URLSearchParams();
  if (from) query.set('from', from.toISOString());
  if (to) query.set('to', to.toISOString());
  const suffix = query.size > 0 ? `?${query.toString()}` : '';
  return api.get<RegionStats>(`/stats/regions/${regionCode}${suffix}`, user);
}
