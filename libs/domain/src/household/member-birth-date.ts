import type { Member } from '../events/household.events';
import { parseIdNumber } from '../identifiers/resident-id-number';
import { formatIsoDate } from '../time/calendar';

/**
 * The member's birth date as YYYY-MM-DD: the one written in the resident ID number (positions 7–14)
 * is the authority for age; the registry's own birth date only fills in when the number is unusable.
 */
export const memberBirthDate = (member: Pick<Member, 'idNumber' | 'birthDate'>): string => {
  const parsed = parseIdNumber(member.idNumber);
  return parsed.ok ? formatIsoDate(parsed.value.birthDate) : member.birthDate;
};
