import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const ACCESS_OUTCOMES = ['ok', 'not_found'] as const;
export type AccessOutcome = (typeof ACCESS_OUTCOMES)[number];

/**
 * One read of a single household's personal data (its detail, timeline, or one of its cases): who,
 * with which role and region, when, which household or case, from which address, by which route, and
 * whether it was answered. Refused lookups (`not_found`, which includes other regions' households)
 * are kept too: they are what an audit looks for.
 */
@Entity({ name: 'household_access_log' })
@Index('household_access_log_household_idx', ['householdId', 'id'])
@Index('household_access_log_user_idx', ['userSub', 'id'])
@Index('household_access_log_accessed_at_idx', ['accessedAt'])
export class AccessLogEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'accessed_at', type: 'timestamptz' })
  accessedAt!: Date;

  @Column({ name: 'user_sub', type: 'text' })
  userSub!: string;

  @Column({ name: 'user_role', type: 'text' })
  userRole!: string;

  @Column({ name: 'user_region', type: 'text' })
  userRegion!: string;

  @Column({ name: 'household_id', type: 'text', nullable: true })
  householdId!: string | null;

  @Column({ name: 'case_id', type: 'text', nullable: true })
  caseId!: string | null;

  /** The route template, `GET /api/v1/households/:id/timeline`. */
  @Column({ type: 'text' })
  route!: string;

  /** The path and query as requested, `/api/v1/households/H1?asOf=...`. */
  @Column({ type: 'text' })
  url!: string;

  @Column({ name: 'client_address', type: 'text', nullable: true })
  clientAddress!: string | null;

  @Column({ type: 'text' })
  outcome!: AccessOutcome;
}
