import type { AuthUser } from '@monitoring/auth';
import type { Clock } from '@monitoring/platform';
import { demoUsers, type DemoApi } from './demo-api';

export interface CaseItem {
  caseId: string;
  householdId: string;
  regionCode: string;
  category: string;
  stage: string;
  score: number;
  openedAt: string;
  verificationDueAt: string;
  assistanceDueAt: string;
  overdue: boolean;
  escalationLevel: string;
}

interface CasePage {
  items: CaseItem[];
  nextCursor: string | null;
  total: number;
}

/** What a county officer does with the n-th case of the county's queue (n modulo 4). */
export type OfficerPlan = 'confirm_and_assist' | 'confirm' | 'dismiss' | 'leave';
const PLANS: readonly OfficerPlan[] = ['confirm_and_assist', 'confirm', 'dismiss', 'leave'];

export interface OfficerTally {
  counties: number;
  cases: number;
  confirmed: number;
  assisted: number;
  dismissed: number;
  leftAlone: number;
  /** Actions the API refused, with its reason. */
  failures: string[];
}

/** Requests in flight at once: a few officers working at the same time. */
const CONCURRENCY = 4;
const HOUR_MS = 3_600_000;

/** Every case of the queue that `query` selects, page by page (`GET /api/v1/cases`). */
export async function listCases(api: DemoApi, user: AuthUser, query: string): Promise<CaseItem[]> {
  const items: CaseItem[] = [];
  let cursor: string | null = null;
  do {
    const suffix: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
    const page: CasePage = await api.get<CasePage>(`/cases?${query}&limit=200${suffix}`, user);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return items;
}

/**
 * The county officers work their queues, each with a token for their own county: of the open cases,
 * in queue order, the first is visited and confirmed and assistance recorded, the second confirmed
 * only (its assistance will be late), the third dismissed after the visit, the fourth left alone (its
 * visit will be late), and so on. The visits are dated an hour before the clock's now.
 */
export async function actAsCountyOfficers(
  api: DemoApi,
  province: string,
  clock: Clock,
): Promise<OfficerTally> {
  const open = await listCases(api, demoUsers.staff(province), 'stage=open');
  const byCounty = new Map<string, CaseItem[]>();
  for (const item of open) {
    const county = item.regionCode.slice(0, 6);
    byCounty.set(county, [...(byCounty.get(county) ?? []), item]);
  }
  const tally: OfficerTally = {
    counties: byCounty.size,
    cases: open.length,
    confirmed: 0,
    assisted: 0,
    dismissed: 0,
    leftAlone: 0,
    failures: [],
  };
  const work = [...byCounty].flatMap(([county, items]) =>
    items.map((item, index) => ({ county, item, plan: PLANS[index % PLANS.length] as OfficerPlan })),
  );
  const visitedAt = new Date(clock.now().getTime() - HOUR_MS).toISOString();
  await inLanes(work, CONCURRENCY, async ({ county, item, plan }) => {
    const officer = demoUsers.officer(county);
    try {
      await act(api, officer, item, plan, visitedAt, tally);
    } catch (error) {
      tally.failures.push(`case ${item.caseId}: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  return tally;
}

async function act(
  api: DemoApi,
  officer: AuthUser,
  item: CaseItem,
  plan: OfficerPlan,
  visitedAt: string,
  tally: OfficerTally,
): Promise<void> {
  const path = `/cases/${item.caseId}`;
  // A case whose risk has fallen away since it opened has no category to confirm: the visit dismisses it.
  const effective = item.category === 'none' && plan !== 'leave' ? 'dismiss' : plan;
  if (effective === 'leave') {
    tally.leftAlone += 1;
    return;
  }
  if (effective === 'dismiss') {
    await api.post(`${path}/verification`, officer, {
      outcome: 'dismissed',
      visitedAt,
      notes: 'Home visit: the household copes; the cost was covered by relatives and the village clinic.',
    });
    tally.dismissed += 1;
    return;
  }
  await api.post(`${path}/verification`, officer, {
    outcome: 'confirmed',
    category: item.category,
    visitedAt,
    notes: 'Home visit confirmed the warning.',
  });
  tally.confirmed += 1;
  if (effective === 'confirm') return;
  await api.post(`${path}/assistance`, officer, assistanceFor(item.category));
  tally.assisted += 1;
}

/** A measure that fits the category: medical assistance after a shock, social assistance or a job otherwise. */
function assistanceFor(category: string): { measureType: string; description: string; amountFen?: number } {
  if (category === 'sudden_hardship') {
    return {
      measureType: 'medical',
      description: 'Medical assistance (医疗救助) for the out-of-pocket cost of the year',
      amountFen: 500_000,
    };
  }
  if (category === 'unstable') {
    return { measureType: 'social_assistance', description: 'Enrolled in dibao (低保)', amountFen: 60_000 };
  }
  return { measureType: 'employment', description: 'Public-welfare job at the township (公益岗位)' };
}

async function inLanes<T>(
  items: readonly T[],
  lanes: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(lanes, items.length) }, lane));
}
