import { z } from 'zod';

export const ROLES = ['province_staff', 'county_officer', 'bureau', 'admin', 'ingest'] as const;
export type Role = (typeof ROLES)[number];

/** The caller, from a verified token (DESIGN §8). */
export interface AuthUser {
  sub: string;
  role: Role;
  /** Region code prefix the user may see: 2 digits for a province, 4 for a city, 6 for a county. */
  region: string;
}

export const authClaimsSchema = z.object({
  sub: z.string().trim().min(1, 'sub is required').max(128),
  role: z.enum(ROLES, { error: `role must be one of ${ROLES.join(', ')}` }),
  region: z
    .string()
    .regex(
      /^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/,
      'region must be a region code prefix of 2, 4, 6, 9 or 12 digits',
    ),
});
