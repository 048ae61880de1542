import type { AuthUser } from './auth-user';

/** True when the user's region covers the given region code (or region prefix). */
export function canSeeRegion(user: Pick<AuthUser, 'region'>, regionCode: string): boolean {
  return regionCode.startsWith(user.region);
}

/**
 * The region prefix a query must be limited to: the requested prefix when it lies inside the user's
 * region, the user's region when the request is broader or absent, and null when the two are disjoint
 * (the query must then match nothing).
 */
export function effectiveRegionPrefix(user: Pick<AuthUser, 'region'>, requested?: string): string | null {
  if (!requested) return user.region;
  if (requested.startsWith(user.region)) return requested;
  if (user.region.startsWith(requested)) return user.region;
  return null;
}

/**
 * Whether the user may act on a case in this region: county officers in their county; province
 * staff only in their own county when their token names one; admins nowhere (operations only).
 */
export function canActInRegion(user: AuthUser, regionCode: string): boolean {
  if (user.role === 'county_officer') return user.region.length >= 6 && regionCode.startsWith(user.region);
  if (user.role === 'province_staff') return user.region.length >= 6 && regionCode.startsWith(user.region);
  return false;
}
