import type { AuthUser } from '@monitoring/auth';

/** A sample user the development login signs tokens for. */
export interface DevUser extends AuthUser {
  /** What the sign-in page shows, in Chinese and in English. */
  readonly labelZh: string;
  readonly label: string;
}

/** One user per kind of console user; two county officers of different counties to show region scoping. */
export const DEV_USERS: readonly DevUser[] = [
  {
    sub: 'dev-province-staff',
    role: 'province_staff',
    region: '41',
    labelZh: '省级监测人员（河南）',
    label: 'Province staff (Henan)',
  },
  {
    sub: 'dev-officer-410423',
    role: 'county_officer',
    region: '410423',
    labelZh: '县级干部（鲁山县）',
    label: 'County officer (Lushan county)',
  },
  {
    sub: 'dev-officer-410522',
    role: 'county_officer',
    region: '410522',
    labelZh: '县级干部（安阳县）',
    label: 'County officer (Anyang county)',
  },
  {
    sub: 'dev-bureau',
    role: 'bureau',
    region: '41',
    labelZh: '乡村振兴局',
    label: 'Rural-revitalization bureau',
  },
];
